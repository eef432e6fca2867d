import CalDAV
import DAVXML
import ICalendarFormat
import Testing

@Suite("RFC 4791 §7.8 calendar-query examples over the Appendix B data")
struct RFC4791QueryExampleTests {
    @Test(
        "Each RFC 4791 §7.8 example query matches exactly the resources of the RFC's response",
        arguments: RFC4791Fixtures.querySections
    )
    func exampleQueryMatchesTheRFCResources(section: String) throws {
        let query = try CalendarQuery.decode(try RFC4791Fixtures.request(section))
        var matched: [String] = []
        for resource in try RFC4791Fixtures.appendixB() {
            let calendar = try VCalendar.parse(resource.bytes)
            if query.filter.matches(calendar) { matched.append(resource.name) }
        }
        #expect(matched == (try RFC4791Fixtures.expectedMatches(section)))
    }

    @Test(
        "Each RFC 4791 §7.8 example's prefilter keeps every resource the exact matcher accepts; exact spans agree",
        arguments: RFC4791Fixtures.querySections
    )
    func prefilterNeverDropsAnExampleMatch(section: String) throws {
        let query = try CalendarQuery.decode(try RFC4791Fixtures.request(section))
        let prefilter = CalendarPrefilter(filter: query.filter)
        for resource in try RFC4791Fixtures.appendixB() {
            let object = try CalendarObjectValidator().validate(resource.bytes)
            let summary = CalendarObjectSummary.make(from: object)
            let matches = query.filter.matches(object.calendar)
            if matches {
                #expect(prefilter.admits(summary), "\(section) \(resource.name)")
            }
            if prefilter.isPlainEventRange, summary.exactInstances != nil, let range = prefilter.timeRange {
                #expect(summary.matchesExactly(range) == matches, "exact span of \(resource.name) in \(section)")
            }
        }
    }
}
