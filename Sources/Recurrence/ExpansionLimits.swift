/// Caps that keep recurrence expansion cheap whatever a client sends (RFC 5545 §3.3.10 rules,
/// RFC 4791 §5.2.7 `max-instances`, RFC 4791 §9.6.5 expansion).
public struct ExpansionLimits: Sendable, Hashable {
    /// Most instances one request may expand (CalDAV `max-instances`, RFC 4791 §5.2.7).
    public var maxInstances: Int
    /// Most consecutive days (for HOURLY…SECONDLY: periods or skipped days) examined without
    /// producing an instance; `FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30` stops after this many
    /// (RFC 4791 §5.2.7).
    public var maxEmptyIterations: Int
    /// Longest RECUR text accepted, in bytes (RFC 4791 §5.2.7).
    public var maxRuleLength: Int
    /// Most values accepted in one BYxxx list (RFC 4791 §5.2.7).
    public var maxListEntries: Int
    /// Most RRULE/RDATE/EXDATE values and overrides considered per component (RFC 4791 §5.2.7).
    public var maxRecurrenceProperties: Int
    /// No instance is produced after this year (RFC 4791 §5.2.7).
    public var maxYear: Int

    /// Creates limits (RFC 4791 §5.2.7); the defaults suit a public server.
    public init(
        maxInstances: Int = 100_000,
        maxEmptyIterations: Int = 100_000,
        maxRuleLength: Int = 2048,
        maxListEntries: Int = 400,
        maxRecurrenceProperties: Int = 10_000,
        maxYear: Int = 9999
    ) {
        self.maxInstances = maxInstances
        self.maxEmptyIterations = maxEmptyIterations
        self.maxRuleLength = maxRuleLength
        self.maxListEntries = maxListEntries
        self.maxRecurrenceProperties = maxRecurrenceProperties
        self.maxYear = maxYear
    }

    /// The defaults (RFC 4791 §5.2.7).
    public static let `default` = ExpansionLimits()
}

/// Why a `RECUR` value (RFC 5545 §3.3.10) was rejected.
public enum RecurrenceRuleError: Error, Sendable, Hashable {
    /// The text is longer than `ExpansionLimits.maxRuleLength`.
    case tooLong(Int)
    /// A part is not `NAME=VALUE`.
    case malformedPart(String)
    /// A part name appears twice.
    case duplicatePart(String)
    /// An unknown part name (and not an `X-` extension).
    case unknownPart(String)
    /// `FREQ` is missing.
    case missingFrequency
    /// A value is malformed or out of its range.
    case invalidValue(part: String, value: String)
    /// A BYxxx list has more entries than `ExpansionLimits.maxListEntries`.
    case tooManyValues(part: String)
    /// The combination of parts is forbidden by RFC 5545 §3.3.10 (in strict mode).
    case invalidCombination(String)
    /// `RSCALE` names a calendar system the engine cannot expand (RFC 7529).
    case unsupportedCalendarScale(String)
}

/// Why an expansion stopped before the rule's own end (RFC 4791 §5.2.7).
public enum ExpansionStop: Sendable, Hashable {
    /// Too many consecutive periods produced nothing (`ExpansionLimits.maxEmptyIterations`).
    case emptyIterationLimit
    /// The iteration passed `ExpansionLimits.maxYear`.
    case yearLimit
}
