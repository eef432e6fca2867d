public import MIMEDir

/// A DATE or DATE-TIME value (RFC 5545 §3.3.4, §3.3.5): calendar fields plus the form
/// (all-day date, floating, UTC, or local time in a TZID).
///
/// Time-zone resolution is not done here; the Recurrence module maps ``Form/local(tzid:)`` to instants.
public struct ICalDateTime: Sendable, Hashable {
    /// How the value relates to a time line (RFC 5545 §3.3.5 forms #1–#3, and §3.3.4 DATE).
    public enum Form: Sendable, Hashable {
        /// A DATE: an all-day value without time (RFC 5545 §3.3.4).
        case date
        /// Form #1, local time without zone (RFC 5545 §3.3.5).
        case floating
        /// Form #2, UTC time with the `Z` suffix (RFC 5545 §3.3.5).
        case utc
        /// Form #3, local time with a `TZID` parameter (RFC 5545 §3.3.5).
        case local(tzid: String)
    }

    /// Four-digit year (RFC 5545 §3.3.4).
    public var year: Int
    /// Month 1–12.
    public var month: Int
    /// Day of month 1–31.
    public var day: Int
    /// Hour 0–23 (0 for dates).
    public var hour: Int
    /// Minute 0–59 (0 for dates).
    public var minute: Int
    /// Second 0–60 (60 only for a leap second; 0 for dates).
    public var second: Int
    /// The form of the value.
    public var form: Form

    /// Creates a value from fields, without range checks (RFC 5545 §3.3.5).
    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, form: Form) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.form = form
    }

    /// Creates an all-day DATE (RFC 5545 §3.3.4).
    public init(year: Int, month: Int, day: Int) {
        self.init(year: year, month: month, day: day, form: .date)
    }

    /// Whether this is a DATE rather than a DATE-TIME (RFC 5545 §3.3.4).
    public var isDate: Bool { form == .date }

    /// Whether this is a UTC DATE-TIME (RFC 5545 §3.3.5 form #2).
    public var isUTC: Bool { form == .utc }

    /// Whether this is a floating DATE-TIME (RFC 5545 §3.3.5 form #1).
    public var isFloating: Bool { form == .floating }

    /// The TZID for form #3 values, else nil (RFC 5545 §3.2.19).
    public var tzid: String? {
        if case .local(let tzid) = form { return tzid }
        return nil
    }

    /// Parses `YYYYMMDD`, `YYYYMMDDThhmmss` or `YYYYMMDDThhmmssZ` (RFC 5545 §3.3.4/§3.3.5).
    ///
    /// A time without `Z` becomes ``Form/local(tzid:)`` when `tzid` is given, else floating.
    /// Returns nil for malformed text or out-of-range fields.
    public static func parse(_ text: String, tzid: String? = nil) -> ICalDateTime? {
        DigitScanner.withBytes(text) { bytes -> ICalDateTime? in
            guard let year = DigitScanner.number(bytes, 0, 4), let month = DigitScanner.number(bytes, 4, 2),
                let day = DigitScanner.number(bytes, 6, 2)
            else { return nil }
            guard month >= 1, month <= 12, day >= 1, day <= daysInMonth(year: year, month: month) else { return nil }
            if bytes.count == 8 { return ICalDateTime(year: year, month: month, day: day) }
            guard bytes.count == 15 || (bytes.count == 16 && (bytes[15] == 0x5A || bytes[15] == 0x7A)),
                bytes[8] == 0x54 || bytes[8] == 0x74,
                let hour = DigitScanner.number(bytes, 9, 2), let minute = DigitScanner.number(bytes, 11, 2),
                let second = DigitScanner.number(bytes, 13, 2), hour <= 23, minute <= 59, second <= 60
            else { return nil }
            let form: Form = bytes.count == 16 ? .utc : tzid.map { .local(tzid: $0) } ?? .floating
            return ICalDateTime(
                year: year,
                month: month,
                day: day,
                hour: hour,
                minute: minute,
                second: second,
                form: form
            )
        }
    }

    /// Reads a DATE / DATE-TIME property honouring its `VALUE` and `TZID` parameters (RFC 5545 §3.2.19, §3.2.20).
    ///
    /// Returns nil if the value does not parse or contradicts `VALUE=DATE` / `VALUE=DATE-TIME`.
    public init?(property: Property) {
        self.init(text: property.value, property: property)
    }

    /// Parses one value of a (possibly multi-valued) DATE / DATE-TIME `property` (RFC 5545 §3.8.5.1).
    init?(text: String, property: Property) {
        let value = property.parameterValue("VALUE")
        guard let parsed = ICalDateTime.parse(text, tzid: property.parameterValue("TZID")) else { return nil }
        if let value {
            if NameComparison.equal(value, "DATE") && !parsed.isDate { return nil }
            if NameComparison.equal(value, "DATE-TIME") && parsed.isDate { return nil }
        }
        self = parsed
    }

    /// The value text without parameters, e.g. `19970714T133000Z` (RFC 5545 §3.3.5).
    public var valueText: String {
        var output: [UInt8] = []
        output.reserveCapacity(16)
        appendValueText(to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends ``valueText`` as UTF-8 to `output` (RFC 5545 §3.3.4, §3.3.5).
    public func appendValueText(to output: inout [UInt8]) {
        DigitScanner.append(year, width: 4, to: &output)
        DigitScanner.append(month, width: 2, to: &output)
        DigitScanner.append(day, width: 2, to: &output)
        if !isDate {
            output.append(0x54)
            DigitScanner.append(hour, width: 2, to: &output)
            DigitScanner.append(minute, width: 2, to: &output)
            DigitScanner.append(second, width: 2, to: &output)
            if isUTC { output.append(0x5A) }
        }
    }

    /// The parameters that describe this value on a property: `VALUE=DATE` or `TZID=…` (RFC 5545 §3.2.19/§3.2.20).
    public var parameters: [Parameter] {
        switch form {
        case .date: [Parameter(name: "VALUE", value: "DATE")]
        case .local(let tzid): [Parameter(name: "TZID", value: tzid)]
        case .floating, .utc: []
        }
    }

    /// A property named `name` carrying this value (RFC 5545 §3.8.2).
    public func makeProperty(name: String) -> Property {
        Property(name: name, parameters: parameters, value: valueText)
    }

    /// Days since 1970-01-01 of the calendar date (proleptic Gregorian).
    public var dayNumber: Int {
        ICalDateTime.dayNumber(year: year, month: month, day: day)
    }

    /// Seconds since 1970-01-01T00:00:00 reading the fields as if they were UTC (no zone applied).
    public var fieldSeconds: Int {
        dayNumber * 86_400 + hour * 3_600 + minute * 60 + second
    }

    /// Days since 1970-01-01 for a proleptic Gregorian date (days-from-civil).
    public static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The number of days in `month` of `year` (Gregorian leap rules).
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
