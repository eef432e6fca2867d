import CalDAV
import DAVCore
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

    @Test("Events fixed in UTC list their exact instances; floating, all-day and unbounded ones are widened")
    func summaryIsExactOnlyForSingleEventsFixedInUTC() throws {
        let fixed = try Self.summary(try QueryTestSupport.event("DTSTART:20260310T100000Z\nDURATION:PT1H"))
        #expect(fixed.uid == "event")
        #expect(fixed.componentType == "VEVENT")
        let start = try #require(CalendarTimeRange.parseUTC("20260310T100000Z"))
        #expect(fixed.exactInstances == [ObjectInstance(start: start, end: start + 3600)])
        #expect(fixed.spanStart == start && fixed.spanEnd == start + 3600)
        let floating = try Self.summary(try QueryTestSupport.event("DTSTART:20260310T100000\nDURATION:PT1H"))
        #expect(floating.exactInstances == nil)
        #expect(floating.spanStart == start - CalendarObjectSummary.floatingMargin)
        #expect(floating.spanEnd == start + 3600 + CalendarObjectSummary.floatingMargin)
        let allDay = try Self.summary(try QueryTestSupport.event("DTSTART;VALUE=DATE:20260310"))
        #expect(allDay.exactInstances == nil)
        let weekly = try Self.summary(
            try QueryTestSupport.event("DTSTART:20260310T100000Z\nDURATION:PT1H\nRRULE:FREQ=WEEKLY;COUNT=3")
        )
        #expect(weekly.exactInstances?.map(\.start) == [start, start + 7 * 86_400, start + 14 * 86_400])
        let unbounded = try Self.summary(try QueryTestSupport.event("DTSTART:20260310T100000Z\nRRULE:FREQ=WEEKLY"))
        #expect(unbounded.exactInstances == nil)
    }

    @Test("An exact span answers the VEVENT time-range test half-open, zero-length events included")
    func exactSpanMatchesHalfOpen() throws {
        let summary = try Self.summary(try QueryTestSupport.event("DTSTART:20260310T100000Z\nDURATION:PT1H"))
        let start = try #require(CalendarTimeRange.parseUTC("20260310T100000Z"))
        #expect(summary.matchesExactly(CalendarTimeRange(start: start + 3599, end: start + 7200)))
        #expect(!summary.matchesExactly(CalendarTimeRange(start: start + 3600, end: start + 7200)))
        #expect(!summary.matchesExactly(CalendarTimeRange(start: start - 60, end: start)))
        let instant = try Self.summary(try QueryTestSupport.event("DTSTART:20260310T100000Z\nDURATION:PT0S"))
        #expect(instant.matchesExactly(CalendarTimeRange(start: start, end: start + 1)))
        #expect(!instant.matchesExactly(CalendarTimeRange(start: start - 1, end: start)))
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
