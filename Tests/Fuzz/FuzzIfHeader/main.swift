import DAVCore
// libFuzzer entry point for the WebDAV `If` header parser and evaluator (RFC 4918 §10.4).
// Input: byte 0 picks the Host value, the rest is the field value. Every parse error (400) is fine. A parsed
// header is evaluated against a fixed resource state; a crash, a sanitizer report, a tagged list that names a
// path outside DAVPath's rules, or a non-terminating evaluation is a finding.
import Foundation
import FoundationXML  // linked for DAVXML: static libraries do not carry autolink entries
import HTTPWire

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIfHeader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 1 else { return 0 }
    let hosts: [String?] = [nil, "localhost", "127.0.0.1:8008", "[::1]:8008", ""]
    let host = hosts[Int(data[0]) % hosts.count]
    let value = String(decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)
    guard let header = try? IfHeader.parse(value, host: host) else { return 0 }
    guard let requestPath = DAVPath(encoded: "/dav/home/alice/file.txt") else { return 0 }
    var asked = 0
    _ = try? IfHeaderEvaluation.evaluate(header, requestPath: requestPath) { path in
        asked += 1
        guard path.segments.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." && !$0.contains("/") }),
            DAVPath(encoded: Substring(path.encoded)) == path
        else { fatalError("a resource tag escaped DAVPath's rules: \(path.segments)") }
        return IfHeaderEvaluation.ResourceState(etag: EntityTag("abc"), lockTokens: ["urn:uuid:1"])
    }
    if asked > header.lists.count { fatalError("state asked \(asked) times for \(header.lists.count) lists") }
    return 0
}
