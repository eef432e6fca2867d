import CalDAV
import ICalendarFormat
import Testing

@Suite("Prefilter and object summary for the SQL index (RFC 4791 §9.9)")
struct CalendarPrefilterTests {
    static func summary(_ calendar: VCalendar) throws -> CalendarObjectSummary {
        CalendarObjectSummary.make(from: try CalendarObjectValidator().validate(calendar))
    }

    @Test("The prefilter takes the top-level component type and its time range")
    func prefilterTakesTypeAndRange() throws {
        let prefilter = CalendarPrefilter(
            filter: try QueryTestSupport.eventsBetween("20060104T000000Z", "20060105T000000Z")
        )
        #expect(prefilter.componentType == "VEVENT")
        #expect(prefilter.timeRange == CalendarTimeRange(start: 1_136_332_800, end: 1_136_419_200))
        let anything = CalendarPrefilter(filter: .all)
        #expect(anything.componentType == nil && anything.timeRange == nil)
    }

    @Test("A summary holds UID, type and the instance span widened by 14 hours")
    func summaryHoldsWidenedSpan() throws {
        let summary = try Self.summary(try QueryTestSupport.event("DTSTART:20260310T100000Z\nDURATION:PT1H"))
        #expect(summary.uid == "event")
        #expect(summary.componentType == "VEVENT")
        let start = try #require(CalendarTimeRange.parseUTC("20260310T100000Z"))
        #expect(summary.spanStart == start - CalendarObjectSummary.floatingMargin)
        #expect(summary.spanEnd == start + 3600 + CalendarObjectSummary.floatingMargin)
    }

    @Test("An unbounded rule has no span end, and the prefilter admits far-future ranges")
    func unboundedRuleSpansToInfinity() throws {
        let summary = try Self.summary(try QueryTestSupport.event("DTSTART:20260310T100000Z\nRRULE:FREQ=DAILY"))
        #expect(summary.spanEnd == nil)
        #expect(
            CalendarPrefilter(filter: try QueryTestSupport.eventsBetween("29000101T000000Z", "29000102T000000Z"))
                .admits(summary)
        )
        #expect(
            !CalendarPrefilter(filter: try QueryTestSupport.eventsBetween("20200101T000000Z", "20200102T000000Z"))
                .admits(summary)
        )
    }

    @Test("The prefilter drops other component types and spans outside the range")
    func prefilterDropsOtherTypesAndRanges() throws {
        let todo = try Self.summary(try QueryTestSupport.todo("DUE:20260310T120000Z"))
        let event = try Self.summary(try QueryTestSupport.event("DTSTART:20260310T100000Z\nDURATION:PT1H"))
        let prefilter = CalendarPrefilter(
            filter: try QueryTestSupport.eventsBetween("20260312T000000Z", "20260313T000000Z")
        )
        #expect(!prefilter.admits(todo))
        #expect(!prefilter.admits(event))
        #expect(
            CalendarPrefilter(filter: try QueryTestSupport.eventsBetween("20260310T000000Z", "20260311T000000Z"))
                .admits(event)
        )
    }
}
