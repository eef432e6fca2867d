/// A calendar object that passed validation, with what CalDAV indexes (RFC 4791 §4.1, §5.3.2.1 no-uid-conflict).
public struct ValidatedCalendarObject: Sendable, Hashable {
    /// The parsed calendar.
    public var calendar: VCalendar
    /// The UID shared by all components (unescaped); empty only when resource rules were off and none was found.
    public var uid: String
    /// The upper-case component type, e.g. `VEVENT`.
    public var componentType: String

    /// Creates a validated object (RFC 4791 §4.1).
    public init(calendar: VCalendar, uid: String, componentType: String) {
        self.calendar = calendar
        self.uid = uid
        self.componentType = componentType
    }
}
