import Foundation

/// A server the DAV suites run against: kalends or a peer, with the collections the data was loaded into.
struct DAVTarget {
    var name: String
    var port: UInt16
    var authorization: String?
    /// The calendar holding the event data set, with a trailing slash.
    var calendar: String
    /// The address book holding the contact data set.
    var addressBook: String
    /// An empty calendar for the import-rate runs of peers (kalends imports the data set itself).
    var importCalendar: String
    /// An empty address book, likewise.
    var importAddressBook: String
    /// The server's process id, for VmRSS and VmHWM.
    var processIdentifier: Int32
    /// Whether requests carry `Accept-Encoding: gzip`, as real clients' do (`--gzip`).
    var acceptsGzip = false

    /// `VmRSS` and `VmHWM` of the server process in KiB.
    var memoryKiB: (resident: Int, peak: Int) {
        let status = (try? String(contentsOfFile: "/proc/\(processIdentifier)/status", encoding: .utf8)) ?? ""
        func field(_ name: String) -> Int {
            let line = status.split(separator: "\n").first { $0.hasPrefix(name) } ?? ""
            return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
        }
        return (field("VmRSS:"), field("VmHWM:"))
    }

    /// A request to this server with its authorization.
    func request(_ method: String, _ path: String, headers: [(String, String)] = [], body: [UInt8] = []) -> [UInt8] {
        let headers = acceptsGzip ? headers + [("Accept-Encoding", "gzip")] : headers
        return HTTPRequestSpec(method: method, path: path, headers: headers, body: body).bytes(
            authorization: authorization
        )
    }

    /// A request with an XML body.
    func xmlRequest(_ method: String, _ path: String, depth: String, _ xml: String) -> [UInt8] {
        request(
            method,
            path,
            headers: [("Content-Type", "application/xml; charset=utf-8"), ("Depth", depth)],
            body: Array(xml.utf8)
        )
    }
}

extension DAVTarget {
    /// The bench user's default calendar and address book on the kalends server the bench started.
    static func kalends(_ server: BenchServer) -> DAVTarget {
        let home = "/dav/home/\(BenchServer.user)/"
        return DAVTarget(
            name: "kalends",
            port: server.port,
            authorization: server.authorization,
            calendar: home + "calendar/",
            addressBook: home + "contacts/",
            importCalendar: home + "calendar/",
            importAddressBook: home + "contacts/",
            processIdentifier: server.process.processIdentifier
        )
    }
}

/// One data file of `gen_data.py`: its file name (used as the resource name) and bytes.
struct DataFile: Sendable {
    var name: String
    var bytes: [UInt8]

    /// The files of `directory` in name order, at most `limit`.
    static func load(_ directory: String, limit: Int) throws -> [DataFile] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted().prefix(limit)
        return try names.map { name in
            DataFile(name: name, bytes: Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name))))
        }
    }

    /// The same object with `line` (a property, e.g. `COMMENT:changed`) inserted before the first
    /// `END:<component>`, so the bytes and ETag change but the object stays valid.
    func modified(component: String, line: String) -> [UInt8] {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let end = text.range(of: "\r\nEND:\(component)") else { return bytes }
        return Array(text.replacingCharacters(in: end.lowerBound..<end.lowerBound, with: "\r\n" + line).utf8)
    }

    /// The same object under another UID (every occurrence of the old one replaced).
    func withUID(_ uid: String) -> [UInt8] {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let start = text.range(of: "\r\nUID:") else { return bytes }
        let old = text[start.upperBound...].prefix { $0 != "\r\n" && $0 != "\r" }
        return Array(text.replacingOccurrences(of: "UID:" + old, with: "UID:" + uid).utf8)
    }
}

/// Counting in multistatus bodies, for the count checks. Works on the bytes: `String.range(of:)` on the rest of
/// a multi-megabyte body per match is quadratic.
enum Multistatus {
    /// The number of `response` elements, whatever the namespace prefix.
    static func responseCount(_ text: String) -> Int {
        let bytes = Array(text.utf8)
        var count = 0
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "<"), bytes[index + 1] == UInt8(ascii: "/") {
                var end = index + 2
                while end < bytes.count, bytes[end] != UInt8(ascii: ">") { end += 1 }
                let name = bytes[(index + 2)..<end]
                let local = name.lastIndex(of: UInt8(ascii: ":")).map { name[($0 + 1)...] } ?? name
                if local.elementsEqual("response".utf8) { count += 1 }
                index = end
            }
            index += 1
        }
        return count
    }

    /// The number of times `text` contains `needle`.
    static func occurrences(of needle: String, in text: String) -> Int {
        let bytes = Array(text.utf8)
        let pattern = Array(needle.utf8)
        guard let first = pattern.first, bytes.count >= pattern.count else { return 0 }
        var count = 0
        var index = 0
        while index <= bytes.count - pattern.count {
            if bytes[index] == first, bytes[index..<(index + pattern.count)].elementsEqual(pattern) {
                count += 1
                index += pattern.count
            } else {
                index += 1
            }
        }
        return count
    }

    /// The text of the first `sync-token` element.
    static func syncToken(_ text: String) -> String? {
        guard let open = text.range(of: "sync-token>") else { return nil }
        let value = text[open.upperBound...].prefix { $0 != "<" }
        return value.isEmpty ? nil : String(value)
    }
}
