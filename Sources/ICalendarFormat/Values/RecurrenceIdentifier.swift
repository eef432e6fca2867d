/// A RECURRENCE-ID (RFC 5545 §3.8.4.4) with its optional `RANGE=THISANDFUTURE`.
public struct RecurrenceIdentifier: Sendable, Hashable {
    /// The original start of the overridden instance.
    public var dateTime: ICalDateTime
    /// True for `RANGE=THISANDFUTURE` (RFC 5545 §3.2.13).
    public var thisAndFuture: Bool

    /// Creates a recurrence identifier (RFC 5545 §3.8.4.4).
    public init(dateTime: ICalDateTime, thisAndFuture: Bool = false) {
        self.dateTime = dateTime
        self.thisAndFuture = thisAndFuture
    }
}
