/// What the store indexes about one calendar or address object (see `Migration.objectIndex`): computed by the
/// protocol layer, stored in the same transaction as the object.
public struct ObjectIndexEntry: Sendable, Hashable {
    /// The UID (unique within the collection).
    public var uid: String
    /// The main component, e.g. `VEVENT`, `VTODO`, `VCARD`.
    public var component: String
    /// First instant any instance covers, UTC epoch seconds (`Int64.min` when unknown or unbounded).
    public var spanStart: Int64
    /// Instant after the last instance ends, UTC epoch seconds (`Int64.max` when unbounded).
    public var spanEnd: Int64

    /// Creates an entry.
    public init(uid: String, component: String, spanStart: Int64 = .min, spanEnd: Int64 = .max) {
        self.uid = uid
        self.component = component
        self.spanStart = spanStart
        self.spanEnd = spanEnd
    }
}
