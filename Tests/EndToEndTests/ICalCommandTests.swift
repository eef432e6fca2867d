import Foundation
import TestSupport
import Testing

/// `kalends ical` through the real binary.
@Suite("kalends ical check, convert and expand")
struct ICalCommandTests {
    private func write(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "kalends-ical-\(UUID().uuidString).ics"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("check prints file:line: message per problem and exits 1")
    func check() throws {
        let bad = try write(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20260101T100000Z\r\nDTEND:20260101T090000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        )
        let result = try LiveServer.run(["ical", "check", bad])
        #expect(result.status == 1)
        #expect(result.output.contains("\(bad):3: valid-calendar-object-resource"))
        #expect(result.output.contains("valid-calendar-data"))
    }

    @Test("convert writes jCal; expand lists instances across a DST change")
    func convertAndExpand() throws {
        let event = try write(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:t\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;TZID=Europe/Berlin:20260329T013000\r\nDURATION:PT1H\r\nRRULE:FREQ=DAILY;COUNT=2\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        )
        let jcal = try LiveServer.run(["ical", "convert", "--to", "jcal", event])
        #expect(jcal.status == 0)
        #expect(jcal.output.hasPrefix("[\"vcalendar\""))
        let expanded = try LiveServer.run([
            "ical", "expand", event, "--from", "2026-01-01T00:00:00Z", "--to", "2027-01-01T00:00:00Z",
        ])
        #expect(
            expanded.output.split(separator: "\n") == [
                "20260329T003000Z 20260329T003000Z 20260329T013000Z",
                "20260329T233000Z 20260329T233000Z 20260330T003000Z",
            ]
        )
    }

    @Test("convert --to xcard writes RFC 6351 XML; a quoted parameter survives convert --to ical unchanged")
    func convertToXCardAndKeepQuoting() throws {
        let card = try write(
            "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:urn:uuid:1\r\nFN:Jane Doe\r\nN:Doe;Jane;;;\r\nEND:VCARD\r\n"
        )
        let xcard = try LiveServer.run(["ical", "convert", "--to", "xcard", card])
        #expect(xcard.status == 0)
        #expect(xcard.output.contains("<vcards xmlns=\"urn:ietf:params:xml:ns:vcard-4.0\"><vcard>"))
        #expect(
            xcard.output.contains("<n><surname>Doe</surname><given>Jane</given><additional/><prefix/><suffix/></n>")
        )
        let quoted = try write(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:t\r\nBEGIN:VEVENT\r\nUID:q\r\nDTSTAMP:20260101T000000Z\r\n"
                + "DTSTART;TZID=\"Europe/Berlin\":20260329T013000\r\nX-P;X-Q=\"plain\":v\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        )
        let ical = try LiveServer.run(["ical", "convert", "--to", "ical", quoted])
        #expect(ical.output.contains("DTSTART;TZID=\"Europe/Berlin\":20260329T013000\r\nX-P;X-Q=\"plain\":v\r\n"))
    }
}
