import Foundation
public import ICalendarFormat
import MIMEDir
import Synchronization

/// System zones already tabulated, by the name they were asked for.
private let systemZoneCache = Mutex<[String: ResolvedTimeZone?]>([:])

/// VTIMEZONE definitions already evaluated, by their content (source lines do not count): clients repeat the
/// same definition in every object, and building a transition table costs far more than parsing the object that
/// carries it.
private let definitionCache = Mutex<[Component: ResolvedTimeZone?]>([:])

/// Most VTIMEZONE definitions `definitionCache` keeps (it starts over when full).
private let definitionCacheLimit = 1024

/// Resolves TZIDs to zones (RFC 5545 §3.2.19, §3.6.5; RFC 7809 §3).
///
/// Order: a VTIMEZONE of the calendar object with that TZID (evaluated from its STANDARD and
/// DAYLIGHT observances); otherwise the system tz database by IANA name, by the IANA name at the
/// end of a path-like TZID (`/mozilla.org/20050126_1/Europe/Berlin`), or by the IANA zone of a
/// Windows/Outlook name (`W. Europe Standard Time`); otherwise nil.
public struct TimeZoneResolver: Sendable {
    private let zones: [String: ResolvedTimeZone]

    /// Evaluates the given VTIMEZONE components (RFC 5545 §3.6.5).
    public init(timeZones: [VTimeZone] = []) {
        var zones: [String: ResolvedTimeZone] = [:]
        for timeZone in timeZones {
            guard let tzid = timeZone.tzid.map(Self.trimmingBlanks),
                let zone = Self.cachedEvaluation(of: timeZone, tzid: tzid)
            else { continue }
            zones[tzid] = zone
        }
        self.zones = zones
    }

    /// Evaluates the VTIMEZONEs of a calendar object (RFC 5545 §3.6.5).
    public init(calendar: VCalendar) {
        self.init(timeZones: calendar.timeZones)
    }

    /// A resolver over zones already evaluated, by TZID.
    init(zones: [String: ResolvedTimeZone]) {
        self.zones = zones
    }

    /// `text` without leading and trailing spaces and tabs, the blanks a TZID value may carry (RFC 5545 §3.1).
    static func trimmingBlanks(_ text: String) -> String {
        let bytes = text.utf8
        let isBlank: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        guard let first = bytes.firstIndex(where: { !isBlank($0) }), let last = bytes.lastIndex(where: { !isBlank($0) })
        else { return "" }
        if first == bytes.startIndex && last == bytes.index(before: bytes.endIndex) { return text }
        return String(text[first...last])
    }

    /// The zone for a TZID parameter value, or nil when it cannot be resolved (RFC 5545 §3.6.5).
    public func zone(forTZID tzid: String) -> ResolvedTimeZone? {
        if let zone = zones[tzid] { return zone }
        return Self.systemZone(named: tzid)
    }

    /// A system tz database zone by IANA name, path-like TZID or Windows name (RFC 7809 §3).
    public static func systemZone(named name: String) -> ResolvedTimeZone? {
        if let cached = systemZoneCache.withLock({ $0[name] }) { return cached }
        let zone = lookUpSystemZone(named: name)
        systemZoneCache.withLock { cache in
            if cache.count < 4096 { cache[name] = zone }
        }
        return zone
    }

    private static func lookUpSystemZone(named name: String) -> ResolvedTimeZone? {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        if trimmed.uppercased() == "UTC" || trimmed.uppercased() == "Z" || trimmed == "Etc/UTC" || trimmed == "GMT" {
            return .utc
        }
        if trimmed.contains("/"), let zone = TimeZone(identifier: trimmed) {
            return ResolvedTimeZone(system: zone)
        }
        let parts = trimmed.split(separator: "/")
        if parts.count >= 2 {
            for count in [3, 2] where parts.count >= count {
                let candidate = parts.suffix(count).joined(separator: "/")
                if let zone = TimeZone(identifier: candidate) { return ResolvedTimeZone(system: zone) }
            }
        }
        if let iana = windowsZoneNames[trimmed], let zone = TimeZone(identifier: iana) {
            return ResolvedTimeZone(system: zone)
        }
        return nil
    }

    /// The evaluation of a VTIMEZONE, shared by every object that carries the same definition.
    static func cachedEvaluation(of timeZone: VTimeZone, tzid: String) -> ResolvedTimeZone? {
        let key = timeZone.component
        if let cached = definitionCache.withLock({ $0[key] }) { return cached }
        let zone = evaluate(timeZone, tzid: tzid)
        definitionCache.withLock { cache in
            if cache.count >= definitionCacheLimit { cache.removeAll(keepingCapacity: true) }
            cache[key] = zone
        }
        return zone
    }

    private static func evaluate(_ timeZone: VTimeZone, tzid: String) -> ResolvedTimeZone? {
        var observances: [TransitionTable.Observance] = []
        for observance in timeZone.observances {
            guard let start = observance.dtstart, let to = observance.offsetTo else { continue }
            let from = observance.offsetFrom ?? to
            let rules = observance.rrules.prefix(4).compactMap {
                try? RecurrenceRule(parsing: $0, strictness: .lenient)
            }
            let dates = observance.rdates.prefix(1000).map { CivilDateTime($0.start) }
            observances.append(
                TransitionTable.Observance(
                    start: CivilDateTime(start),
                    offsetFrom: from.totalSeconds,
                    offsetTo: to.totalSeconds,
                    rules: rules,
                    dates: dates
                )
            )
        }
        guard !observances.isEmpty else { return nil }
        return ResolvedTimeZone(source: .transitions(TransitionTable(observances: observances)), identifier: tzid)
    }

    /// Common Windows (Outlook, Exchange) zone names and their IANA zones (CLDR windowsZones, territory 001).
    static let windowsZoneNames: [String: String] = [
        "Dateline Standard Time": "Etc/GMT+12", "UTC-11": "Etc/GMT+11", "Hawaiian Standard Time": "Pacific/Honolulu",
        "Alaskan Standard Time": "America/Anchorage", "Pacific Standard Time": "America/Los_Angeles",
        "Pacific Standard Time (Mexico)": "America/Tijuana", "US Mountain Standard Time": "America/Phoenix",
        "Mountain Standard Time": "America/Denver", "Central America Standard Time": "America/Guatemala",
        "Central Standard Time": "America/Chicago", "Central Standard Time (Mexico)": "America/Mexico_City",
        "Canada Central Standard Time": "America/Regina", "SA Pacific Standard Time": "America/Bogota",
        "Eastern Standard Time": "America/New_York", "US Eastern Standard Time": "America/Indianapolis",
        "Venezuela Standard Time": "America/Caracas", "Atlantic Standard Time": "America/Halifax",
        "SA Western Standard Time": "America/La_Paz", "Pacific SA Standard Time": "America/Santiago",
        "Newfoundland Standard Time": "America/St_Johns", "E. South America Standard Time": "America/Sao_Paulo",
        "Argentina Standard Time": "America/Buenos_Aires", "SA Eastern Standard Time": "America/Cayenne",
        "Greenland Standard Time": "America/Godthab", "Montevideo Standard Time": "America/Montevideo",
        "UTC-02": "Etc/GMT+2", "Azores Standard Time": "Atlantic/Azores",
        "Cape Verde Standard Time": "Atlantic/Cape_Verde",
        "UTC": "Etc/UTC", "Coordinated Universal Time": "Etc/UTC", "GMT Standard Time": "Europe/London",
        "Greenwich Standard Time": "Atlantic/Reykjavik", "Morocco Standard Time": "Africa/Casablanca",
        "W. Europe Standard Time": "Europe/Berlin", "Central Europe Standard Time": "Europe/Budapest",
        "Romance Standard Time": "Europe/Paris", "Central European Standard Time": "Europe/Warsaw",
        "W. Central Africa Standard Time": "Africa/Lagos", "GTB Standard Time": "Europe/Bucharest",
        "Middle East Standard Time": "Asia/Beirut", "Egypt Standard Time": "Africa/Cairo",
        "E. Europe Standard Time": "Europe/Chisinau", "South Africa Standard Time": "Africa/Johannesburg",
        "FLE Standard Time": "Europe/Kiev", "Israel Standard Time": "Asia/Jerusalem",
        "Jordan Standard Time": "Asia/Amman", "Turkey Standard Time": "Europe/Istanbul",
        "Arabic Standard Time": "Asia/Baghdad", "Kaliningrad Standard Time": "Europe/Kaliningrad",
        "Arab Standard Time": "Asia/Riyadh", "E. Africa Standard Time": "Africa/Nairobi",
        "Russian Standard Time": "Europe/Moscow", "Iran Standard Time": "Asia/Tehran",
        "Arabian Standard Time": "Asia/Dubai", "Azerbaijan Standard Time": "Asia/Baku",
        "Georgian Standard Time": "Asia/Tbilisi", "Afghanistan Standard Time": "Asia/Kabul",
        "West Asia Standard Time": "Asia/Tashkent", "Pakistan Standard Time": "Asia/Karachi",
        "India Standard Time": "Asia/Calcutta", "Sri Lanka Standard Time": "Asia/Colombo",
        "Nepal Standard Time": "Asia/Katmandu", "Central Asia Standard Time": "Asia/Almaty",
        "Bangladesh Standard Time": "Asia/Dhaka", "Myanmar Standard Time": "Asia/Rangoon",
        "SE Asia Standard Time": "Asia/Bangkok", "North Asia Standard Time": "Asia/Krasnoyarsk",
        "China Standard Time": "Asia/Shanghai", "Singapore Standard Time": "Asia/Singapore",
        "W. Australia Standard Time": "Australia/Perth", "Taipei Standard Time": "Asia/Taipei",
        "Tokyo Standard Time": "Asia/Tokyo", "Korea Standard Time": "Asia/Seoul",
        "Cen. Australia Standard Time": "Australia/Adelaide", "AUS Central Standard Time": "Australia/Darwin",
        "E. Australia Standard Time": "Australia/Brisbane", "AUS Eastern Standard Time": "Australia/Sydney",
        "West Pacific Standard Time": "Pacific/Port_Moresby", "Tasmania Standard Time": "Australia/Hobart",
        "Vladivostok Standard Time": "Asia/Vladivostok", "New Zealand Standard Time": "Pacific/Auckland",
        "Fiji Standard Time": "Pacific/Fiji", "Tonga Standard Time": "Pacific/Tongatapu",
        "Samoa Standard Time": "Pacific/Apia", "Line Islands Standard Time": "Pacific/Kiritimati",
    ]
}
