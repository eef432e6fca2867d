import HTTPWire

/// macOS Finder uploads with `Transfer-Encoding: chunked` and announces the real size in the non-standard
/// `X-Expected-Entity-Length` header (sabre/dav and Apache mod_dav honour it). A chunked body that ends before
/// (or after) that many bytes is refused with 400 and nothing is stored, so an interrupted upload can never leave
/// a truncated or 0-byte file behind.
enum ExpectedEntityLength {
    /// The announced length of a chunked request body; nil without the header or with a `Content-Length` body
    /// (which frames itself). A value that is not a non-negative integer gets 400.
    static func of(_ request: DAVRequest) throws -> Int64? {
        guard request.http.head.bodyFraming == .chunked, let value = request.headers["X-Expected-Entity-Length"]
        else { return nil }
        guard let length = Int64(value.trimmingHTTPWhitespace()), length >= 0 else {
            throw DAVError(.badRequest, "X-Expected-Entity-Length is not a byte count: \(value).")
        }
        return length
    }

    /// The error for a body whose length is not the announced one.
    static func mismatch(expected: Int64, received: Int64) -> DAVError {
        DAVError(
            .badRequest,
            "The body has \(received) bytes but X-Expected-Entity-Length announced \(expected); nothing was stored."
        )
    }
}
