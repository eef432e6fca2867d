import DAVXML
import Testing

@testable import CalDAV

@Suite("Supported component names remembered per calendar (RFC 4791 §5.2.3)")
struct SupportedComponentNamesTests {
    @Test("the names follow the value: a changed set for the same calendar is read anew")
    func followsTheValue() {
        let names = SupportedComponentNames()
        let events = CalendarProperties.componentSet(["vevent", "VTODO"])
        #expect(names.names(in: events, of: 7) == ["VEVENT", "VTODO"])
        #expect(names.names(in: events, of: 7) == ["VEVENT", "VTODO"])
        #expect(names.names(in: CalendarProperties.componentSet(["VJOURNAL"]), of: 7) == ["VJOURNAL"])
        #expect(names.names(in: events, of: 8) == ["VEVENT", "VTODO"])
        #expect(names.names(in: CalendarProperties.componentSet([]), of: 8) == [])
    }
}
