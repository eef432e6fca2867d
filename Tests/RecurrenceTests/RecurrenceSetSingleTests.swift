import ICalendarFormat
import MIMEDir
import Recurrence
import Testing

@Suite("The single instance of a component standing alone (RFC 5545 §3.8.5)")
struct RecurrenceSetSingleTests {
    static let berlin = """
        BEGIN:VTIMEZONE
        TZID:Europe/Berlin
        BEGIN:DAYLIGHT
        TZOFFSETFROM:+0100
        TZOFFSETTO:+0200
        DTSTART:19700329T020000
        RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
        END:DAYLIGHT
        BEGIN:STANDARD
        TZOFFSETFROM:+0200
        TZOFFSETTO:+0100
        DTSTART:19701025T030000
        RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
        END:STANDARD
        END:VTIMEZONE
        """

    /// Components covering the timing rules: zoned, UTC, floating, all-day, DURATION, zero length, VTODO
    /// with DUE, with DURATION, with only DUE, VJOURNAL.
    static let components: [(ComponentKind, String)] = [
        (.event, "DTSTART;TZID=Europe/Berlin:20260205T163000\nDTEND;TZID=Europe/Berlin:20260205T171500"),
        (.event, "DTSTART;TZID=Europe/Berlin:20260329T023000\nDURATION:PT1H"),
        (.event, "DTSTART:20260310T090000Z\nDTEND:20260310T090000Z"),
        (.event, "DTSTART:20260310T090000\nDURATION:P1DT2H"),
        (.event, "DTSTART;VALUE=DATE:20260310"),
        (.event, "DTSTART;VALUE=DATE:20260310\nDTEND;VALUE=DATE:20260313"),
        (.todo, "DTSTART:20260301T090000Z\nDUE:20260302T090000Z"),
        (.todo, "DTSTART:20260301T090000Z\nDURATION:PT3H"),
        (.todo, "DUE;TZID=Europe/Berlin:20260302T090000"),
        (.journal, "DTSTART;VALUE=DATE:20260315"),
    ]

    @Test("singleInstance equals the one instance of a recurrence set built from the same component")
    func singleInstanceEqualsTheSetsInstance() throws {
        for (kind, lines) in Self.components {
            let text =
                "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:x\n\(Self.berlin)\nBEGIN:\(kind.rawValue)\nUID:u\n\(lines)\nEND:\(kind.rawValue)\nEND:VCALENDAR\n"
            let calendar = try VCalendar.parse(text)
            let resolver = TimeZoneResolver(calendar: calendar)
            let component = try #require(calendar.component.components.first { $0.matches(kind.rawValue) })
            let view: any CalendarComponentView =
                switch kind {
                case .event: VEvent(component)
                case .todo: VTodo(component)
                case .journal: VJournal(component)
                }
            for floating in [ResolvedTimeZone.utc, .fixed(offsetSeconds: 3600, identifier: "plus-one")] {
                let set = try RecurrenceSet(
                    kind: kind,
                    master: view,
                    overrides: [],
                    resolver: resolver,
                    floatingZone: floating
                )
                let expected = try set.instances(from: nil, to: nil)
                let single = RecurrenceSet.singleInstance(
                    of: view,
                    kind: kind,
                    resolver: resolver,
                    floatingZone: floating
                )
                #expect(expected == [single], "\(kind.rawValue) \(lines)")
            }
        }
    }
}
