public import MIMEDir

/// An ORGANIZER or ATTENDEE (RFC 5545 §3.8.4.1, §3.8.4.3): a CAL-ADDRESS with its parameters.
public struct CalendarUser: Sendable, Hashable {
    /// The CAL-ADDRESS URI as written, e.g. `mailto:jane@example.com` (RFC 5545 §3.3.3).
    public var address: String
    /// All parameters, in order.
    public var parameters: [Parameter]

    /// Creates a calendar user (RFC 5545 §3.3.3).
    public init(address: String, parameters: [Parameter] = []) {
        self.address = address
        self.parameters = parameters
    }

    /// Reads an ORGANIZER/ATTENDEE property (RFC 5545 §3.8.4.1, §3.8.4.3).
    public init(property: Property) {
        self.init(address: property.value, parameters: property.parameters)
    }

    private func value(_ name: String) -> String? {
        parameters.first { $0.matches(name) }?.value
    }

    /// `CN` (RFC 5545 §3.2.2).
    public var commonName: String? { value("CN") }
    /// `ROLE`, default `REQ-PARTICIPANT` (RFC 5545 §3.2.16).
    public var role: String { value("ROLE")?.uppercased() ?? "REQ-PARTICIPANT" }
    /// `PARTSTAT`, default `NEEDS-ACTION` (RFC 5545 §3.2.12).
    public var participationStatus: String { value("PARTSTAT")?.uppercased() ?? "NEEDS-ACTION" }
    /// `CUTYPE`, default `INDIVIDUAL` (RFC 5545 §3.2.3).
    public var userType: String { value("CUTYPE")?.uppercased() ?? "INDIVIDUAL" }
    /// `RSVP=TRUE` (RFC 5545 §3.2.17).
    public var rsvp: Bool { value("RSVP").map { NameComparison.equal($0, "TRUE") } ?? false }
    /// `SCHEDULE-AGENT`, default `SERVER` (RFC 6638 §7.1).
    public var scheduleAgent: String { value("SCHEDULE-AGENT")?.uppercased() ?? "SERVER" }
    /// The email address when the CAL-ADDRESS is a `mailto:` URI (RFC 6068).
    public var email: String? {
        guard address.utf8.count > 7, NameComparison.equal(String(address.prefix(7)), "mailto:") else { return nil }
        return String(address.dropFirst(7))
    }

    /// The property named `name` (ORGANIZER or ATTENDEE) for this user (RFC 5545 §3.8.4).
    public func makeProperty(name: String) -> Property {
        Property(name: name, parameters: parameters, value: address)
    }
}
