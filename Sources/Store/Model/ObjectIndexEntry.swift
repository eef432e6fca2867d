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
    /// Every instance as `[start, end)` in UTC seconds when they are known exactly (see
    /// `Migration.exactInstances`); nil otherwise.
    public var exactInstances: [IndexedInstance]?
    /// The searchable property values of an address object (see `Migration.contactSearch`); empty otherwise.
    public var searchValues: [ContactSearchValue]

    /// Creates an entry.
    public init(
        uid: String,
        component: String,
        spanStart: Int64 = .min,
        spanEnd: Int64 = .max,
        exactInstances: [IndexedInstance]? = nil,
        searchValues: [ContactSearchValue] = []
    ) {
        self.uid = uid
        self.component = component
        self.spanStart = spanStart
        self.spanEnd = spanEnd
        self.exactInstances = exactInstances
        self.searchValues = searchValues
    }
}

/// One indexed instance: `[start, end)` in UTC epoch seconds.
public struct IndexedInstance: Sendable, Hashable {
    /// The start.
    public var start: Int64
    /// The end (equal to the start for a zero-length instance).
    public var end: Int64

    /// Creates an instance.
    public init(start: Int64, end: Int64) {
        self.start = start
        self.end = end
    }
}
