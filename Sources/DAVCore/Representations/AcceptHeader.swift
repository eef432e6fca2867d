import Foundation
public import HTTPWire

/// One media range of an `Accept` header (RFC 9110 §12.5.1): type, parameters and weight.
public struct AcceptedMediaType: Sendable, Hashable {
    /// The lower-cased `type/subtype`, e.g. `text/vcard` or `*/*`.
    public var mediaType: String
    /// Parameters other than `q`, names lower-cased, e.g. `version` → `4.0`.
    public var parameters: [String: String]
    /// The weight, 0…1 (1 when absent).
    public var quality: Double

    /// The media ranges of a request's `Accept` fields, best first (stable for equal weights); q=0 ones dropped.
    public static func parse(_ headers: HTTPHeaders) -> [AcceptedMediaType] {
        var ranges: [AcceptedMediaType] = []
        for element in headers.listValues(of: "Accept") {
            let parts = element.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let type = parts.first, !type.isEmpty else { continue }
            var parameters: [String: String] = [:]
            var quality = 1.0
            for parameter in parts.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1).map {
                    $0.trimmingCharacters(in: .whitespaces)
                }
                guard pair.count == 2 else { continue }
                let name = pair[0].lowercased()
                let value = pair[1].replacingOccurrences(of: "\"", with: "")
                if name == "q" { quality = Double(value) ?? 1 } else { parameters[name] = value }
            }
            if quality > 0 {
                ranges.append(AcceptedMediaType(mediaType: type.lowercased(), parameters: parameters, quality: quality))
            }
        }
        return ranges.enumerated().sorted { ($0.element.quality, -$0.offset) > ($1.element.quality, -$1.offset) }
            .map(\.element)
    }
}
