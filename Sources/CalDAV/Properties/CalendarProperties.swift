public import DAVCore
public import DAVXML

/// The live properties of calendar collections (RFC 4791 §5.2): `supported-calendar-data`, `max-resource-size`,
/// `min-date-time`, `max-date-time`, `max-instances` and `max-attendees-per-instance`. `calendar-description`, `calendar-timezone`, `supported-calendar-component-set` and
/// Apple's `calendar-color`/`calendar-order` are dead properties set by MKCALENDAR, extended MKCOL or PROPPATCH.
public enum CalendarProperties {
    /// `{urn:ietf:params:xml:ns:caldav}supported-calendar-component-set` (RFC 4791 §5.2.3).
    public static let supportedComponentSet = CalDAVElements.named("supported-calendar-component-set")

    /// The component set new calendars get when their creator names none.
    public static let defaultComponents = ["VEVENT", "VTODO", "VJOURNAL"]

    /// A `supported-calendar-component-set` value.
    public static func componentSet(_ components: [String]) -> XMLTree {
        XMLTree(
            supportedComponentSet,
            children: components.map {
                .element(XMLTree(CalDAVElements.named("comp"), attributes: [XMLName("", "name"): $0]))
            }
        )
    }

    /// The properties; `maxResourceSize` in bytes, `maxInstances` and `maxAttendees` as the object policy enforces
    /// them (RFC 4791 §5.2.5–§5.2.9).
    public static func all(maxResourceSize: Int, maxInstances: Int, maxAttendees: Int) -> [LiveProperty] {
        let limits: [(String, String)] = [
            ("min-date-time", "19000101T000000Z"), ("max-date-time", "21001231T235959Z"),
            ("max-instances", String(maxInstances)), ("max-attendees-per-instance", String(maxAttendees)),
        ]
        return limits.map { name, value in
            LiveProperty(CalDAVElements.named(name), inAllProp: false) { resource, _ in
                resource.kind == .calendar ? XMLTree(CalDAVElements.named(name), text: value) : nil
            }
        } + [
            LiveProperty(CalDAVElements.named("supported-calendar-data"), inAllProp: false) { resource, _ in
                guard resource.kind == .calendar else { return nil }
                let types = [("text/calendar", "2.0"), ("application/calendar+json", "2.0")]
                return XMLTree(
                    CalDAVElements.named("supported-calendar-data"),
                    children: types.map { type, version in
                        .element(
                            XMLTree(
                                CalDAVElements.named("calendar-data"),
                                attributes: [XMLName("", "content-type"): type, XMLName("", "version"): version]
                            )
                        )
                    }
                )
            },
            LiveProperty(CalDAVElements.named("max-resource-size"), inAllProp: false) { resource, _ in
                resource.kind == .calendar
                    ? XMLTree(CalDAVElements.named("max-resource-size"), text: String(maxResourceSize)) : nil
            },
        ]
    }
}
