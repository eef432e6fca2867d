public import HTTPWire

/// The `Destination` and `Overwrite` headers of COPY and MOVE (RFC 4918 §10.3, §10.6).
public enum TransferHeaders {
    /// The destination path: an absolute URI on this server or an absolute path, percent-decoded and normalised.
    /// A URI naming another host is 502 Bad Gateway (RFC 4918 §9.8.5); a missing or unusable one 400.
    public static func destination(_ headers: HTTPHeaders) throws -> DAVPath {
        guard let value = headers["Destination"] else {
            throw DAVError(.badRequest, "COPY and MOVE need a Destination header.")
        }
        var path = Substring(value)
        if let scheme = path.firstRange(of: "://") {
            let rest = path[scheme.upperBound...]
            let authority = rest.prefix { $0 != "/" }
            if let host = headers["Host"], !HTTPHeaders.namesEqual(String(authority), host) {
                throw DAVError(HTTPStatus(code: 502), "The Destination \(value) is on another server.")
            }
            path = rest[authority.endIndex...]
            if path.isEmpty { path = "/" }
        }
        if let query = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<query] }
        guard let destination = DAVPath(encoded: path) else {
            throw DAVError(.badRequest, "The Destination \(value) is not a valid path.")
        }
        return destination
    }

    /// `Overwrite: T` (the default) or `F`.
    public static func overwrite(_ headers: HTTPHeaders) throws -> Bool {
        switch headers["Overwrite"]?.uppercased() {
        case nil, "T": return true
        case "F": return false
        default: throw DAVError(.badRequest, "Overwrite must be T or F.")
        }
    }
}
