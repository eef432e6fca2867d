extension RecurrenceRule {
    /// How closely a RECUR value must follow the MUST/MUST NOT rules of RFC 5545 §3.3.10.
    public enum Strictness: Sendable, Hashable {
        /// Reject forbidden combinations (COUNT with UNTIL, BYDAY ordinals outside MONTHLY/YEARLY,
        /// BYWEEKNO outside YEARLY, …).
        case strict
        /// Accept what real clients send: ordinals outside MONTHLY/YEARLY are dropped, COUNT and
        /// UNTIL together both apply, other misplaced BYxxx parts act as filters.
        case lenient
    }

    /// Parses the text of a RECUR value (RFC 5545 §3.3.10), e.g. `FREQ=MONTHLY;BYDAY=-1SU`.
    ///
    /// Part names and values are case-insensitive; an empty part (a trailing `;`) is ignored;
    /// `X-` parts are ignored. Throws `RecurrenceRuleError`.
    public init(
        parsing text: some StringProtocol,
        limits: ExpansionLimits = .default,
        strictness: Strictness = .strict
    ) throws(RecurrenceRuleError) {
        let bytes = Array(text.utf8)
        guard bytes.count <= limits.maxRuleLength else { throw .tooLong(bytes.count) }
        var rule = RecurrenceRule(frequency: .daily)
        var seen = Set<String>()
        var sawFrequency = false
        for rawPart in bytes.split(separator: UInt8(ascii: ";")) {
            let part = Self.trimmed(rawPart)
            if part.isEmpty { continue }
            guard let equals = part.firstIndex(of: UInt8(ascii: "=")) else { throw .malformedPart(Self.string(part)) }
            let name = Self.upper(part[..<equals])
            let value = part[(equals + 1)...]
            guard seen.insert(name).inserted else { throw .duplicatePart(name) }
            func invalid() -> RecurrenceRuleError { .invalidValue(part: name, value: Self.string(value)) }
            switch name {
            case "FREQ":
                guard let frequency = Frequency(keyword: Self.upper(value)) else { throw invalid() }
                rule.frequency = frequency
                sawFrequency = true
            case "INTERVAL":
                rule.interval = try Self.integer(value, in: 1...1_000_000_000, or: invalid())
            case "COUNT":
                rule.count = try Self.integer(value, in: 1...Int(Int32.max), or: invalid())
            case "UNTIL":
                guard let parsed = ICalText.parse(Self.string(value)) else { throw invalid() }
                rule.until =
                    parsed.isDate ? .date(parsed.value) : parsed.isUTC ? .utc(parsed.value) : .local(parsed.value)
            case "BYSECOND": rule.bySecond = try Self.list(value, name, limits, 0...60, signed: false, or: invalid())
            case "BYMINUTE": rule.byMinute = try Self.list(value, name, limits, 0...59, signed: false, or: invalid())
            case "BYHOUR": rule.byHour = try Self.list(value, name, limits, 0...23, signed: false, or: invalid())
            case "BYMONTHDAY": rule.byMonthDay = try Self.list(value, name, limits, 1...31, signed: true, or: invalid())
            case "BYYEARDAY": rule.byYearDay = try Self.list(value, name, limits, 1...366, signed: true, or: invalid())
            case "BYWEEKNO": rule.byWeekNo = try Self.list(value, name, limits, 1...53, signed: true, or: invalid())
            case "BYMONTH": rule.byMonth = try Self.list(value, name, limits, 1...12, signed: false, or: invalid())
            case "BYSETPOS": rule.bySetPos = try Self.list(value, name, limits, 1...366, signed: true, or: invalid())
            case "BYDAY": rule.byDay = try Self.weekdayList(value, limits)
            case "WKST":
                guard let weekday = Weekday(code: Self.string(value)) else { throw invalid() }
                rule.weekStart = weekday
            case "RSCALE":
                rule.calendarScale = Self.upper(value)
            case "SKIP":
                let upper = Self.upper(value)
                guard ["OMIT", "BACKWARD", "FORWARD"].contains(upper) else { throw invalid() }
                rule.skip = upper
            default:
                guard name.hasPrefix("X-") else { throw .unknownPart(name) }
            }
        }
        guard sawFrequency else { throw .missingFrequency }
        try rule.checkCombination(strictness)
        self = rule
    }

    /// Applies the RFC 5545 §3.3.10 MUST/MUST NOT combination rules.
    private mutating func checkCombination(_ strictness: Strictness) throws(RecurrenceRuleError) {
        let strict = strictness == .strict
        if count != nil, until != nil, strict {
            throw .invalidCombination("COUNT and UNTIL MUST NOT occur in the same rule")
        }
        if frequency != .monthly, frequency != .yearly, byDay.contains(where: { $0.ordinal != 0 }) {
            if strict { throw .invalidCombination("BYDAY ordinals need FREQ=MONTHLY or YEARLY") }
            byDay = byDay.map { WeekdayNumber($0.weekday) }
        }
        guard strict else { return }
        if frequency == .yearly, !byWeekNo.isEmpty, byDay.contains(where: { $0.ordinal != 0 }) {
            throw .invalidCombination("BYDAY ordinals MUST NOT be used with BYWEEKNO")
        }
        if frequency == .monthly, byDay.contains(where: { abs($0.ordinal) > 5 }) {
            throw .invalidCombination("BYDAY ordinals in MONTHLY rules lie within ±5")
        }
        if frequency == .weekly, !byMonthDay.isEmpty {
            throw .invalidCombination("BYMONTHDAY MUST NOT be used with FREQ=WEEKLY")
        }
        if [.daily, .weekly, .monthly].contains(frequency), !byYearDay.isEmpty {
            throw .invalidCombination("BYYEARDAY MUST NOT be used with FREQ=DAILY, WEEKLY or MONTHLY")
        }
        if frequency != .yearly, !byWeekNo.isEmpty {
            throw .invalidCombination("BYWEEKNO MUST NOT be used unless FREQ=YEARLY")
        }
        let hasOtherBy =
            !(bySecond.isEmpty && byMinute.isEmpty && byHour.isEmpty && byDay.isEmpty && byMonthDay.isEmpty
            && byYearDay.isEmpty && byWeekNo.isEmpty && byMonth.isEmpty)
        if !bySetPos.isEmpty, !hasOtherBy {
            throw .invalidCombination("BYSETPOS MUST only be used with another BYxxx part")
        }
    }

    /// The RECUR text (RFC 5545 §3.3.10) in a canonical part order; parses back to an equal rule.
    public var text: String {
        var parts = ["FREQ=" + frequency.keyword]
        if let calendarScale { parts.insert("RSCALE=" + calendarScale, at: 0) }
        if let until { parts.append("UNTIL=" + until.text) }
        if let count { parts.append("COUNT=" + String(count)) }
        if interval != 1 { parts.append("INTERVAL=" + String(interval)) }
        func add(_ name: String, _ values: [Int]) {
            if !values.isEmpty { parts.append(name + "=" + values.map(String.init).joined(separator: ",")) }
        }
        add("BYSECOND", bySecond)
        add("BYMINUTE", byMinute)
        add("BYHOUR", byHour)
        if !byDay.isEmpty { parts.append("BYDAY=" + byDay.map(\.text).joined(separator: ",")) }
        add("BYMONTHDAY", byMonthDay)
        add("BYYEARDAY", byYearDay)
        add("BYWEEKNO", byWeekNo)
        add("BYMONTH", byMonth)
        add("BYSETPOS", bySetPos)
        if let weekStart { parts.append("WKST=" + weekStart.code) }
        if let skip { parts.append("SKIP=" + skip) }
        return parts.joined(separator: ";")
    }

    private static func string(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }

    private static func upper(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes.map { $0 >= 97 && $0 <= 122 ? $0 - 32 : $0 }, as: UTF8.self)
    }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var slice = bytes
        while let first = slice.first, first == 32 || first == 9 { slice = slice.dropFirst() }
        while let last = slice.last, last == 32 || last == 9 { slice = slice.dropLast() }
        return slice
    }

    /// Parses unsigned decimal digits within `range`.
    private static func integer(
        _ bytes: ArraySlice<UInt8>,
        in range: ClosedRange<Int>,
        or error: @autoclosure () -> RecurrenceRuleError
    ) throws(RecurrenceRuleError) -> Int {
        guard !bytes.isEmpty, bytes.count <= 10 else { throw error() }
        var value = 0
        for byte in bytes {
            guard byte >= 48, byte <= 57 else { throw error() }
            value = value * 10 + Int(byte - 48)
        }
        guard range.contains(value) else { throw error() }
        return value
    }

    /// Parses `[+|-]digits` whose magnitude lies in `magnitude`.
    private static func signedInteger(
        _ bytes: ArraySlice<UInt8>,
        magnitude: ClosedRange<Int>,
        signed: Bool,
        or error: @autoclosure () -> RecurrenceRuleError
    ) throws(RecurrenceRuleError) -> Int {
        guard let first = bytes.first else { throw error() }
        guard first == UInt8(ascii: "+") || first == UInt8(ascii: "-") else {
            return try integer(bytes, in: magnitude, or: error())
        }
        guard signed else { throw error() }
        let value = try integer(bytes.dropFirst(), in: magnitude, or: error())
        return first == UInt8(ascii: "-") ? -value : value
    }

    private static func list(
        _ bytes: ArraySlice<UInt8>,
        _ part: String,
        _ limits: ExpansionLimits,
        _ allowed: ClosedRange<Int>,
        signed: Bool,
        or error: @autoclosure () -> RecurrenceRuleError
    ) throws(RecurrenceRuleError) -> [Int] {
        let items = bytes.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
        guard items.count <= limits.maxListEntries else { throw .tooManyValues(part: part) }
        var values: [Int] = []
        values.reserveCapacity(items.count)
        for item in items {
            let value = try signedInteger(trimmed(item), magnitude: allowed, signed: signed, or: error())
            if !values.contains(value) { values.append(value) }
        }
        return values
    }

    private static func weekdayList(
        _ bytes: ArraySlice<UInt8>,
        _ limits: ExpansionLimits
    ) throws(RecurrenceRuleError) -> [WeekdayNumber] {
        let items = bytes.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
        guard items.count <= limits.maxListEntries else { throw .tooManyValues(part: "BYDAY") }
        var entries: [WeekdayNumber] = []
        for rawItem in items {
            let item = trimmed(rawItem)
            func error() -> RecurrenceRuleError { .invalidValue(part: "BYDAY", value: string(item)) }
            guard item.count >= 2, let weekday = Weekday(code: string(item.suffix(2))) else { throw error() }
            let prefix = item.dropLast(2)
            let ordinal = prefix.isEmpty ? 0 : try signedInteger(prefix, magnitude: 1...53, signed: true, or: error())
            let entry = WeekdayNumber(weekday, ordinal: ordinal)
            if !entries.contains(entry) { entries.append(entry) }
        }
        return entries
    }
}
