public import DAVCore
public import DAVXML
import Foundation
import ICalendarFormat
import MIMEDir

extension CalendarDataRequest {
    /// Decodes a CALDAV:calendar-data element of a REPORT's `DAV:prop` (RFC 4791 §9.6).
    ///
    /// A `comp` without `prop` children returns all its properties and a `comp` without `comp` children all
    /// its sub-components, as the RFC 4791 §7.8.1 example does for VTIMEZONE.
    ///
    /// - Throws: 403 `CALDAV:supported-calendar-data` for a `content-type` other than `text/calendar`,
    ///   `application/calendar+json` or `application/calendar+xml`, or a `version` other than 2.0; 400 for a
    ///   top `comp` other than VCALENDAR, a `comp` / `prop` without name, both `expand` and
    ///   `limit-recurrence-set`, or a range without both start and end.
    public static func decode(_ element: XMLTree) throws(DAVError) -> CalendarDataRequest {
        var request = CalendarDataRequest()
        if let contentType = element.attributes[XMLName("", "content-type")] {
            request.format = try format(named: contentType)
        }
        if let version = element.attributes[XMLName("", "version")], version != "2.0" {
            throw CalDAVFailure.unsupportedCalendarData("calendar-data version \(version) is not supported.")
        }
        if let comp = element.child(CalDAVElements.named("comp")) {
            let selection = try decodeComp(comp)
            guard selection.name.uppercased() == "VCALENDAR" else {
                throw CalDAVFailure.malformed("The calendar-data comp element must name VCALENDAR.")
            }
            request.selection = selection
        }
        func range(_ name: String) throws(DAVError) -> CalendarTimeRange? {
            guard let child = element.child(CalDAVElements.named(name)) else { return nil }
            return try CalendarTimeRange.decode(child, requiringBoth: true, failure: CalDAVFailure.malformed)
        }
        request.expand = try range("expand")
        request.limitRecurrenceSet = try range("limit-recurrence-set")
        request.limitFreeBusySet = try range("limit-freebusy-set")
        if request.expand != nil && request.limitRecurrenceSet != nil {
            throw CalDAVFailure.malformed("calendar-data takes expand or limit-recurrence-set, not both.")
        }
        return request
    }

    /// The format a `content-type` attribute names (its parameters ignored).
    private static func format(named contentType: String) throws(DAVError) -> CalendarOutputFormat {
        let mediaType = contentType.split(separator: ";").first.map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        }
        switch mediaType {
        case "text/calendar": return .ical
        case "application/calendar+json": return .jcal
        case "application/calendar+xml": return .xcal
        default: throw CalDAVFailure.unsupportedCalendarData("calendar-data cannot be returned as \(contentType).")
        }
    }

    private static func decodeComp(_ element: XMLTree) throws(DAVError) -> ComponentSelection {
        var selection = ComponentSelection(name: try name(of: element))
        let props = element.children(named: CalDAVElements.named("prop"))
        if element.child(CalDAVElements.named("allprop")) == nil, !props.isEmpty {
            var wanted: [MIMEDir.PropertySelection] = []
            for prop in props {
                let noValue = prop.attributes[XMLName("", "novalue")] == "yes"
                wanted.append(MIMEDir.PropertySelection(name: try name(of: prop), noValue: noValue))
            }
            selection.properties = .named(wanted)
        }
        let comps = element.children(named: CalDAVElements.named("comp"))
        if element.child(CalDAVElements.named("allcomp")) == nil, !comps.isEmpty {
            var wanted: [ComponentSelection] = []
            for comp in comps { wanted.append(try decodeComp(comp)) }
            selection.components = .named(wanted)
        }
        return selection
    }

    private static func name(of element: XMLTree) throws(DAVError) -> String {
        guard let name = element.attributes[XMLName("", "name")], !name.isEmpty else {
            throw CalDAVFailure.malformed("calendar-data \(element.name.localName) needs a name attribute.")
        }
        return name
    }
}
