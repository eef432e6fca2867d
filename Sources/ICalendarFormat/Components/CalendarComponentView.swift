public import MIMEDir

/// A typed view over a calendar ``Component`` (RFC 5545 §3.6); the component stays the source of truth,
/// so unknown properties and subcomponents survive any round trip.
public protocol CalendarComponentView: Sendable, Hashable {
    /// The wrapped component.
    var component: Component { get set }
}

extension CalendarComponentView {
    /// The unescaped TEXT of the first property named `name` (RFC 5545 §3.3.11).
    public func text(_ name: String) -> String? {
        component.property(name).map { TextEscaping.unescape($0.value) }
    }

    /// The DATE/DATE-TIME of the first property named `name`, nil if absent or malformed (RFC 5545 §3.3.5).
    public func dateTime(_ name: String) -> ICalDateTime? {
        component.property(name).flatMap(ICalDateTime.init(property:))
    }

    /// UID (RFC 5545 §3.8.4.7).
    public var uid: String? { text("UID") }
    /// SUMMARY (RFC 5545 §3.8.1.12).
    public var summary: String? { text("SUMMARY") }
    /// DESCRIPTION (RFC 5545 §3.8.1.5).
    public var descriptionText: String? { text("DESCRIPTION") }
    /// LOCATION (RFC 5545 §3.8.1.7).
    public var location: String? { text("LOCATION") }
    /// DTSTART (RFC 5545 §3.8.2.4).
    public var dtstart: ICalDateTime? { dateTime("DTSTART") }
    /// DTEND (RFC 5545 §3.8.2.2).
    public var dtend: ICalDateTime? { dateTime("DTEND") }
    /// DUE (RFC 5545 §3.8.2.3).
    public var due: ICalDateTime? { dateTime("DUE") }
    /// DURATION (RFC 5545 §3.8.2.5).
    public var duration: ICalDuration? { component.property("DURATION").flatMap { ICalDuration.parse($0.value) } }
    /// DTSTAMP (RFC 5545 §3.8.7.2).
    public var dtstamp: ICalDateTime? { dateTime("DTSTAMP") }
    /// CREATED (RFC 5545 §3.8.7.1).
    public var created: ICalDateTime? { dateTime("CREATED") }
    /// LAST-MODIFIED (RFC 5545 §3.8.7.3).
    public var lastModified: ICalDateTime? { dateTime("LAST-MODIFIED") }
    /// SEQUENCE, 0 when absent or malformed (RFC 5545 §3.8.7.4).
    public var sequence: Int { component.property("SEQUENCE").flatMap { Int($0.value.trimmingSpaces) } ?? 0 }
    /// The raw RECUR texts of all RRULE properties; the Recurrence module parses them (RFC 5545 §3.8.5.3).
    public var rrules: [String] { component.properties("RRULE").map(\.value) }
    /// The raw RECUR texts of all EXRULE properties (RFC 2445 §4.8.5.2, deprecated but still sent).
    public var exrules: [String] { component.properties("EXRULE").map(\.value) }
    /// All RDATE values; malformed properties are skipped (RFC 5545 §3.8.5.2).
    public var rdates: [RecurrenceDate] {
        component.properties("RDATE").flatMap { RecurrenceDate.values(of: $0) ?? [] }
    }
    /// All EXDATE values; malformed values are skipped (RFC 5545 §3.8.5.1).
    public var exdates: [ICalDateTime] {
        component.properties("EXDATE").flatMap { property in
            property.value.split(separator: ",").compactMap {
                ICalDateTime(text: String($0).trimmingSpaces, property: property)
            }
        }
    }
    /// RECURRENCE-ID with its RANGE (RFC 5545 §3.8.4.4).
    public var recurrenceID: RecurrenceIdentifier? {
        guard let property = component.property("RECURRENCE-ID"), let value = ICalDateTime(property: property) else {
            return nil
        }
        let range = property.parameterValue("RANGE").map { NameComparison.equal($0, "THISANDFUTURE") } ?? false
        return RecurrenceIdentifier(dateTime: value, thisAndFuture: range)
    }
    /// Whether RRULE, RDATE or EXRULE make this component recur (RFC 5545 §3.8.5).
    public var isRecurring: Bool {
        component.properties.contains { $0.matches("RRULE") || $0.matches("RDATE") }
    }
    /// ORGANIZER (RFC 5545 §3.8.4.3).
    public var organizer: CalendarUser? { component.property("ORGANIZER").map(CalendarUser.init(property:)) }
    /// ATTENDEEs (RFC 5545 §3.8.4.1).
    public var attendees: [CalendarUser] { component.properties("ATTENDEE").map(CalendarUser.init(property:)) }
    /// TRANSP, upper-cased (RFC 5545 §3.8.2.7); nil means the default `OPAQUE`.
    public var transparency: String? { component.property("TRANSP").map { $0.value.trimmingSpaces.uppercased() } }
    /// Whether the component blocks time (TRANSP is not `TRANSPARENT`) (RFC 5545 §3.8.2.7).
    public var isOpaque: Bool { transparency != "TRANSPARENT" }
    /// STATUS, upper-cased (RFC 5545 §3.8.1.11).
    public var status: String? { component.property("STATUS").map { $0.value.trimmingSpaces.uppercased() } }
    /// CLASS, upper-cased; nil means the default `PUBLIC` (RFC 5545 §3.8.1.3).
    public var classification: String? { component.property("CLASS").map { $0.value.trimmingSpaces.uppercased() } }
    /// CATEGORIES, all values of all properties (RFC 5545 §3.8.1.2).
    public var categories: [String] { component.properties("CATEGORIES").flatMap { TextEscaping.textList($0.value) } }
    /// COLOR, a CSS3 color name (RFC 7986 §5.9).
    public var color: String? { text("COLOR") }
    /// CONFERENCE entries (RFC 7986 §5.11).
    public var conferences: [Conference] { component.properties("CONFERENCE").map(Conference.init(property:)) }
    /// IMAGE entries (RFC 7986 §5.10).
    public var images: [CalendarImage] { component.properties("IMAGE").map(CalendarImage.init(property:)) }
    /// VALARM subcomponents (RFC 5545 §3.6.6).
    public var alarms: [VAlarm] { component.components("VALARM").map(VAlarm.init) }
}
