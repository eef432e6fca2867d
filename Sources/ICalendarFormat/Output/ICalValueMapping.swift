import MIMEDir

/// One value of a property as jCal (RFC 7265 §3.4–3.6) and xCal (RFC 6321 §3.6) represent it.
enum MappedValue {
    /// A JSON string / XML text.
    case string(String)
    /// A JSON number / XML number text, already validated.
    case number(String)
    /// RECUR as ordered rule parts (RFC 7265 §3.6.10, RFC 6321 §3.6.10).
    case recur([(key: String, values: [MappedValue])])
    /// PERIOD start with an end date-time or duration (RFC 7265 §3.6.9).
    case period(start: String, end: String, isDuration: Bool)
    /// A structured value such as GEO or REQUEST-STATUS (RFC 7265 §3.4.1.3).
    case structured([MappedValue])
}

/// Maps iCalendar property values to the typed forms of jCal and xCal (RFC 7265 §3.6, RFC 6321 §3.6).
enum ICalValueMapping {
    private static let defaultTypes: [String: String] = [
        "DTSTART": "date-time", "DTEND": "date-time", "DUE": "date-time", "RECURRENCE-ID": "date-time",
        "EXDATE": "date-time", "RDATE": "date-time", "DTSTAMP": "date-time", "CREATED": "date-time",
        "LAST-MODIFIED": "date-time", "COMPLETED": "date-time", "ACKNOWLEDGED": "date-time",
        "DURATION": "duration", "TRIGGER": "duration", "REFRESH-INTERVAL": "duration", "FREEBUSY": "period",
        "TZOFFSETFROM": "utc-offset", "TZOFFSETTO": "utc-offset", "SEQUENCE": "integer", "PRIORITY": "integer",
        "PERCENT-COMPLETE": "integer", "REPEAT": "integer", "GEO": "float", "RRULE": "recur", "EXRULE": "recur",
        "ORGANIZER": "cal-address", "ATTENDEE": "cal-address", "URL": "uri", "TZURL": "uri", "ATTACH": "uri",
        "SOURCE": "uri", "IMAGE": "uri", "CONFERENCE": "uri",
    ]
    private static let multiValuedText: Set<String> = ["CATEGORIES", "RESOURCES"]
    private static let dateTypes: Set<String> = ["date", "date-time"]
    private static let numericRecurParts: Set<String> = [
        "COUNT", "INTERVAL", "BYSECOND", "BYMINUTE", "BYHOUR", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYMONTH",
        "BYSETPOS",
    ]

    /// The lower-case value type name for `property` (RFC 7265 §3.4.1.2).
    static func type(of property: Property) -> String {
        let name = property.name.uppercased()
        if let explicit = property.parameterValue("VALUE") { return explicit.lowercased() }
        guard let type = defaultTypes[name] else {
            return name.hasPrefix("X-") || name.hasPrefix("x-") ? "unknown" : "text"
        }
        if type == "date-time" && property.value.utf8.count == 8 { return "date" }
        return type
    }

    /// The typed values of `property` (RFC 7265 §3.6).
    static func values(of property: Property, type: String) -> [MappedValue] {
        let name = property.name.uppercased()
        let raw = property.value
        switch type {
        case _ where dateTypes.contains(type):
            return raw.split(separator: ",").map { .string(ExtendedDateFormat.convert(String($0))) }
        case "period":
            return raw.split(separator: ",").map { period(String($0)) }
        case "utc-offset":
            return [.string(ExtendedDateFormat.convert(raw))]
        case "integer":
            return raw.split(separator: ",").map { Int($0).map { .number(String($0)) } ?? .string(String($0)) }
        case "float" where name == "GEO":
            let parts = raw.split(separator: ";").map {
                Double($0) != nil ? MappedValue.number(String($0)) : .string(String($0))
            }
            return [.structured(parts)]
        case "float":
            return raw.split(separator: ",").map { Double($0) != nil ? .number(String($0)) : .string(String($0)) }
        case "boolean":
            return [.number(NameComparison.equal(raw, "TRUE") ? "true" : "false")]
        case "recur":
            return [recur(raw)]
        case "text" where multiValuedText.contains(name):
            return TextEscaping.textList(raw).map(MappedValue.string)
        case "text":
            return [.string(TextEscaping.unescape(raw))]
        default:
            return [.string(raw)]
        }
    }

    private static func period(_ text: String) -> MappedValue {
        let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return .string(text) }
        let isDuration = parts[1].contains("P")
        return .period(
            start: ExtendedDateFormat.convert(parts[0]),
            end: isDuration ? parts[1] : ExtendedDateFormat.convert(parts[1]),
            isDuration: isDuration
        )
    }

    private static func recur(_ text: String) -> MappedValue {
        var parts: [(key: String, values: [MappedValue])] = []
        for part in text.split(separator: ";") {
            let pieces = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard pieces.count == 2 else { continue }
            let key = pieces[0].uppercased()
            let values: [MappedValue] = pieces[1].split(separator: ",").map { item in
                let value = String(item)
                if numericRecurParts.contains(key), Int(value) != nil { return .number(value) }
                if key == "UNTIL" { return .string(ExtendedDateFormat.convert(value)) }
                return .string(value)
            }
            parts.append((key.lowercased(), values))
        }
        return .recur(parts)
    }
}
