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
        parsing text: some StringProtocol, limits: ExpansionLimits = .default, strictness: Strictness = .strict
    ) throws(RecurrenceRuleError) {
        guard text.utf8.count <= limits.maxRuleLength else { throw .tooLong(text.utf8.count) }
        var rule = RecurrenceRule(frequency: .daily)
        var seen = Set<String>()
        var sawFrequency = false
        for rawPart in text.split(separator: ";", omittingEmptySubsequences: true) {
            let part = rawPart.trimmingSpaces
            if part.isEmpty { continue }
            guard let equals = part.firstIndex(of: "=") else { throw .malformedPart(String(part)) }
            let name = part[..<equals].uppercased()
            let value = String(part[part.index(after: equals)...])
            guard seen.insert(name).inserted else { throw .duplicatePart(name) }
            switch name {
            case "FREQ":
                guard let frequency = Frequency(keyword: value) else { throw .invalidValue(part: name, value: value) }
                rule.frequency = frequency
                sawFrequency = true
            case "INTERVAL":
                rule.interval = try Self.integer(value, name, in: 1...1_000_000_000)
            case "COUNT":
                rule.count = try Self.integer(value, name, in: 1...Int(Int32.max))
            case "UNTIL":
                guard let parsed = ICalText.parse(value) else { throw .invalidValue(part: name, value: value) }
                rule.until = parsed.isDate ? .date(parsed.value) : parsed.isUTC ? .utc(parsed.value) : .local(parsed.value)
            case "BYSECOND": rule.bySecond = try Self.list(value, name, limits, allowed: 0...60, signed: false)
            case "BYMINUTE": rule.byMinute = try Self.list(value, name, limits, allowed: 0...59, signed: false)
            case "BYHOUR": rule.byHour = try Self.list(value, name, limits, allowed: 0...23, signed: false)
            case "BYMONTHDAY": rule.byMonthDay = try Self.list(value, name, limits, allowed: 1...31, signed: true)
            case "BYYEARDAY": rule.byYearDay = try Self.list(value, name, limits, allowed: 1...366, signed: true)
            case "BYWEEKNO": rule.byWeekNo = try Self.list(value, name, limits, allowed: 1...53, signed: true)
            case "BYMONTH": rule.byMonth = try Self.list(value, name, limits, allowed: 1...12, signed: false)
            case "BYSETPOS": rule.bySetPos = try Self.list(value, name, limits, allowed: 1...366, signed: true)
            case "BYDAY": rule.byDay = try Self.weekdayList(value, limits)
            case "WKST":
                guard let weekday = Weekday(code: value) else { throw .invalidValue(part: name, value: value) }
                rule.weekStart = weekday
            case "RSCALE":
                rule.calendarScale = value.uppercased()
            case "SKIP":
                let upper = value.uppercased()
                guard ["OMIT", "BACKWARD", "FORWARD"].contains(upper) else { throw .invalidValue(part: name, value: value) }
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

    private static func integer(
        _ text: some StringProtocol, _ part: String, in range: ClosedRange<Int>
    ) throws(RecurrenceRuleError) -> Int {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= 10, bytes.allSatisfy({ $0 >= 48 && $0 <= 57 }),
            let value = Int(String(decoding: bytes, as: UTF8.self)), range.contains(value)
        else { throw .invalidValue(part: part, value: String(text)) }
        return value
    }

    /// Parses `[+|-]digits`; zero and out-of-range magnitudes are errors.
    private static func signedInteger(
        _ text: Substring, _ part: String, magnitude: ClosedRange<Int>, signed: Bool
    ) throws(RecurrenceRuleError) -> Int {
        var digits = text
        var sign = 1
        if let first = digits.first, first == "+" || first == "-" {
            guard signed else { throw .invalidValue(part: part, value: String(text)) }
            sign = first == "-" ? -1 : 1
            digits = digits.dropFirst()
        }
        return sign * (try integer(digits, part, in: magnitude))
    }

    private static func list(
        _ text: String, _ part: String, _ limits: ExpansionLimits, allowed: ClosedRange<Int>, signed: Bool
    ) throws(RecurrenceRuleError) -> [Int] {
        let items = text.split(separator: ",", omittingEmptySubsequences: false)
        guard items.count <= limits.maxListEntries else { throw .tooManyValues(part: part) }
        var values: [Int] = []
        for item in items {
            let value = try signedInteger(item.trimmingSpaces, part, magnitude: allowed, signed: signed)
            if !values.contains(value) { values.append(value) }
        }
        return values
    }

    private static func weekdayList(
        _ text: String, _ limits: ExpansionLimits
    ) throws(RecurrenceRuleError) -> [WeekdayNumber] {
        let items = text.split(separator: ",", omittingEmptySubsequences: false)
        guard items.count <= limits.maxListEntries else { throw .tooManyValues(part: "BYDAY") }
        var entries: [WeekdayNumber] = []
        for rawItem in items {
            let item = rawItem.trimmingSpaces
            guard item.count >= 2, let weekday = Weekday(code: item.suffix(2)) else {
                throw .invalidValue(part: "BYDAY", value: String(item))
            }
            let prefix = item.dropLast(2)
            let ordinal = prefix.isEmpty ? 0 : try signedInteger(prefix, "BYDAY", magnitude: 1...53, signed: true)
            let entry = WeekdayNumber(weekday, ordinal: ordinal)
            if !entries.contains(entry) { entries.append(entry) }
        }
        return entries
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    var trimmingSpaces: Substring {
        let view = self[...]
        let start = view.firstIndex(where: { $0 != " " && $0 != "\t" }) ?? view.endIndex
        let end = view.lastIndex(where: { $0 != " " && $0 != "\t" }).map { view.index(after: $0) } ?? start
        return Substring(view[start..<Swift.max(start, end)])
    }
}
