import Foundation
import ICalendarFormat
import Recurrence
import Testing

@Suite("TimeZoneResolver: VTIMEZONE evaluation and system zones")
struct TimeZoneResolverTests {
    static let newYork = """
        BEGIN:VCALENDAR\r
        VERSION:2.0\r
        PRODID:-//test//EN\r
        BEGIN:VTIMEZONE\r
        TZID:Custom/New_York\r
        BEGIN:DAYLIGHT\r
        TZOFFSETFROM:-0500\r
        TZOFFSETTO:-0400\r
        DTSTART:19870405T020000\r
        RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU;UNTIL=20060402T070000Z\r
        END:DAYLIGHT\r
        BEGIN:DAYLIGHT\r
        TZOFFSETFROM:-0500\r
        TZOFFSETTO:-0400\r
        DTSTART:20070311T020000\r
        RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r
        END:DAYLIGHT\r
        BEGIN:STANDARD\r
        TZOFFSETFROM:-0400\r
        TZOFFSETTO:-0500\r
        DTSTART:19671029T020000\r
        RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU;UNTIL=20061029T060000Z\r
        END:STANDARD\r
        BEGIN:STANDARD\r
        TZOFFSETFROM:-0400\r
        TZOFFSETTO:-0500\r
        DTSTART:20071104T020000\r
        RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r
        END:STANDARD\r
        END:VTIMEZONE\r
        END:VCALENDAR\r

        """

    static func zone() throws -> ResolvedTimeZone {
        let calendar = try VCalendar.parse(newYork)
        return try #require(TimeZoneResolver(calendar: calendar).zone(forTZID: "Custom/New_York"))
    }

    static func utc(_ text: String) -> Int64 { FixtureFile.civil(text).timestamp.secondsSinceEpoch }

    @Test("RFC 5545 §3.3.5: a local time in the gap moves forward (offset before the gap)")
    func gap() throws {
        #expect(
            try Self.zone().utc(fromLocal: FixtureFile.civil("20070311T023000").timestamp)
                == Self.utc("20070311T073000")
        )
    }

    @Test("RFC 5545 §3.3.5: an ambiguous local time is its first occurrence")
    func overlap() throws {
        #expect(
            try Self.zone().utc(fromLocal: FixtureFile.civil("20071104T013000").timestamp)
                == Self.utc("20071104T053000")
        )
    }

    @Test("VTIMEZONE evaluation agrees with the system America/New_York hour by hour, 1990–2040")
    func agreesWithSystem() throws {
        let custom = try Self.zone()
        let system = try #require(TimeZoneResolver.systemZone(named: "America/New_York"))
        var utc = Self.utc("19900101T000000")
        let end = Self.utc("20400101T000000")
        var mismatches = 0
        while utc < end {
            if custom.offset(atUTC: utc) != system.offset(atUTC: utc) { mismatches += 1 }
            let local = system.local(fromUTC: utc)
            if custom.utc(fromLocal: local) != system.utc(fromLocal: local) { mismatches += 1 }
            utc += 3600 * 7
        }
        #expect(mismatches == 0)
    }

    @Test("Zone keys: the same definition or system name gives an equal key, another zone a different one")
    func zoneKeys() throws {
        let custom = ResolvedTimeZone.Key(try Self.zone())
        #expect(custom == ResolvedTimeZone.Key(try Self.zone()))
        let system = ResolvedTimeZone.Key(try #require(TimeZoneResolver.systemZone(named: "America/New_York")))
        #expect(system == ResolvedTimeZone.Key(try #require(TimeZoneResolver.systemZone(named: "America/New_York"))))
        #expect(custom != system)
        #expect(ResolvedTimeZone.Key(.utc) == ResolvedTimeZone.Key(.utc))
        #expect(ResolvedTimeZone.Key(.utc) != system)
    }

    @Test(
        "TZIDs resolve by IANA name, path suffix and Windows name",
        arguments: [
            ("Europe/Berlin", "Europe/Berlin"), ("/mozilla.org/20050126_1/Europe/Berlin", "Europe/Berlin"),
            ("W. Europe Standard Time", "Europe/Berlin"), ("Eastern Standard Time", "America/New_York"),
            (
                "/freeassociation.sourceforge.net/Tzfile/America/Argentina/Buenos_Aires",
                "America/Argentina/Buenos_Aires"
            ),
        ]
    )
    func systemNames(_ name: String, _ iana: String) throws {
        let zone = try #require(TimeZoneResolver.systemZone(named: name))
        let reference = try #require(TimeZone(identifier: iana))
        let instant: Int64 = 1_780_000_000
        #expect(
            zone.offset(atUTC: instant) == reference.secondsFromGMT(for: Date(timeIntervalSince1970: 1_780_000_000))
        )
        #expect(TimeZoneResolver.systemZone(named: "Not/AZone") == nil)
    }
}

@Suite("VTimeZoneWriter: VTIMEZONEs filled in from the system database (RFC 7809)")
struct VTimeZoneWriterTests {
    @Test(
        "A written VTIMEZONE, evaluated again, agrees with the system zone 1970–2037",
        arguments: ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "America/Santiago"]
    )
    func roundTrip(_ tzid: String) throws {
        let text = try #require(VTimeZoneWriter.text(forTZID: tzid))
        let calendar = try VCalendar.parse(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n" + text + "END:VCALENDAR\r\n"
        )
        let written = try #require(TimeZoneResolver(calendar: calendar).zone(forTZID: tzid))
        let system = try #require(TimeZone(identifier: tzid))
        var utc: Int64 = 86_400
        var mismatches = 0
        while utc < 2_145_916_800 {
            if written.offset(atUTC: utc) != system.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(utc)))
            {
                mismatches += 1
            }
            utc += 3600 * 13
        }
        #expect(mismatches == 0)
        #expect(VTimeZoneWriter.text(forTZID: "Nowhere/Nothing") == nil)
    }
}
