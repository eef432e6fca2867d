import Foundation

/// The end of the soak: the calendar lists exactly the seeded events and the acknowledged creations minus the
/// acknowledged deletions, each live event carries the marker of its last acknowledged PUT (and that PUT's ETag),
/// and deleted events answer 404.
struct SoakVerifier {
    let target: DAVTarget
    let ledger: SoakLedger

    func verify() throws -> Bool {
        let client = HTTPConnection(port: target.port)
        let listing = try client.send(
            target.xmlRequest("PROPFIND", target.calendar, depth: "1", DAVBench.propfindBody)
        )
        let listed = Set(
            Self.hrefs(listing.text).filter { $0 != target.calendar }.map {
                String($0.dropFirst(target.calendar.count))
            }
        )
        let uncertain = ledger.uncertain
        let expected = Set(ledger.live.keys).subtracting(uncertain)
        let missing = expected.subtracting(listed)
        let resurrected = ledger.gone.subtracting(uncertain).intersection(listed)
        let unexplained = listed.subtracting(expected).subtracting(uncertain)
        var wrongContent = 0
        var wrongETag = 0
        for name in expected.sorted() where !missing.contains(name) {
            let reply = try client.send(target.request("GET", target.calendar + name))
            guard let entry = ledger.live[name] else { continue }
            if reply.status != 200 || !reply.text.contains("COMMENT:\(entry.marker)") && !entry.marker.isEmpty {
                wrongContent += 1
            }
            if let etag = entry.etag, reply.header("etag") != etag { wrongETag += 1 }
        }
        var answered = 0
        for name in ledger.gone.subtracting(uncertain).sorted().prefix(2000) {
            let reply = try client.send(target.request("GET", target.calendar + name))
            if reply.status != 404 { answered += 1 }
        }
        let ok =
            missing.isEmpty && resurrected.isEmpty && unexplained.isEmpty && wrongContent == 0 && wrongETag == 0
            && answered == 0
        print(
            "verify listing_status=\(listing.status) listed=\(listed.count) expected=\(expected.count) "
                + "deleted=\(ledger.gone.count) uncertain=\(uncertain.count) missing=\(missing.count) "
                + "resurrected=\(resurrected.count) unexplained=\(unexplained.count) wrong_content=\(wrongContent) "
                + "wrong_etag=\(wrongETag) deleted_checked=\(min(2000, ledger.gone.count)) deleted_answering=\(answered) "
                + "consistent=\(ok)"
        )
        return ok
    }

    /// The text of every `href` element, whatever the namespace prefix.
    static func hrefs(_ text: String) -> [String] {
        var result: [String] = []
        var rest = text[...]
        while let open = rest.range(of: "href>") {
            let value = rest[open.upperBound...].prefix { $0 != "<" }
            if !value.isEmpty { result.append(String(value)) }
            rest = rest[open.upperBound...]
        }
        return result
    }
}
