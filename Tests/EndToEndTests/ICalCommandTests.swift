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
}
