public import MIMEDir

/// Applies RFC 5545 data rules and the RFC 4791 §4.1 calendar-object-resource rules that a CalDAV PUT
/// must enforce, lenient where real clients are and it is safe (missing DTSTAMP/PRODID, LF line ends,
/// lower-case names, blank lines, BOM).
public struct CalendarObjectValidator: Sendable {
    /// What the validator enforces beyond RFC 5545 syntax (RFC 4791 §4.1, §5.2.3).
    public struct Options: Sendable, Hashable {
        /// Upper-case component names the collection accepts (RFC 4791 §5.2.3); nil accepts all.
        public var supportedComponents: Set<String>?
        /// When true, apply the one-UID / one-type / no-METHOD resource rules (RFC 4791 §4.1);
        /// false checks iCalendar data only (whole-calendar exports, scheduling messages).
        public var enforceResourceRules: Bool
        /// When true, every TZID parameter must name a VTIMEZONE in the object (RFC 5545 §3.2.19).
        public var requireTimeZones: Bool
        /// Parser options used by ``CalendarObjectValidator/validate(_:)-(([UInt8]))``.
        public var parser: MIMEDirParser.Options

        /// Creates validator options (RFC 4791 §4.1).
        public init(
            supportedComponents: Set<String>? = nil,
            enforceResourceRules: Bool = true,
            requireTimeZones: Bool = false,
            parser: MIMEDirParser.Options = .forgiving
        ) {
            self.supportedComponents = supportedComponents
            self.enforceResourceRules = enforceResourceRules
            self.requireTimeZones = requireTimeZones
            self.parser = parser
        }
    }

    /// The component types a calendar object resource is about (RFC 4791 §4.1, RFC 7953).
    public static let objectComponentNames: Set<String> = ["VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY", "VAVAILABILITY"]

    /// The options applied.
    public var options: Options

    /// Creates a validator (RFC 4791 §4.1).
    public init(options: Options = Options()) {
        self.options = options
    }

    /// Parses and validates a calendar object resource body (RFC 4791 §4.1); throws the first problem.
    public func validate(_ bytes: [UInt8]) throws(CalendarValidationError) -> ValidatedCalendarObject {
        try validate(VCalendar.parse(bytes, options: options.parser))
    }

    /// Validates a parsed calendar (RFC 4791 §4.1); throws the first problem.
    public func validate(_ calendar: VCalendar) throws(CalendarValidationError) -> ValidatedCalendarObject {
        var context = ValidationContext(calendar: calendar)
        check(calendar, into: &context)
        if let first = context.problems.first { throw first }
        let first = calendar.component.components.first { Self.objectComponentNames.contains($0.name.upperName) }
        let uid = first?.property("UID").map { TextEscaping.unescape($0.value) } ?? ""
        return ValidatedCalendarObject(calendar: calendar, uid: uid, componentType: first?.name.upperName ?? "")
    }

    /// Every problem found, in source order of detection (RFC 4791 §4.1); empty if the object is acceptable.
    public func problems(in calendar: VCalendar) -> [CalendarValidationError] {
        var context = ValidationContext(calendar: calendar)
        check(calendar, into: &context)
        return context.problems
    }

    private func check(_ calendar: VCalendar, into context: inout ValidationContext) {
        let root = calendar.component
        let version = root.property("VERSION")
        if version?.value.trimmingSpaces != "2.0" {
            context.report(.unsupportedVersion(version?.value, line: version?.line ?? root.line))
        }
        var objects: [Component] = []
        for child in root.components {
            let name = child.name.upperName
            if name == "VTIMEZONE" {
                checkTimeZone(child, into: &context)
            } else if Self.objectComponentNames.contains(name) {
                checkObjectComponent(child, name: name, into: &context)
                objects.append(child)
            }
        }
        checkOverrides(objects, resourceRules: options.enforceResourceRules, into: &context)
        if options.requireTimeZones { checkTimeZoneReferences(root, calendar: calendar, into: &context) }
        if options.enforceResourceRules { checkResourceRules(calendar, into: &context) }
    }

    private func checkTimeZone(_ zone: Component, into context: inout ValidationContext) {
        if zone.property("TZID") == nil {
            context.report(.missingProperty(component: "VTIMEZONE", property: "TZID", line: zone.line))
        }
        for observance in zone.components where observance.matches("STANDARD") || observance.matches("DAYLIGHT") {
            let name = observance.name.uppercased()
            for required in ["DTSTART", "TZOFFSETFROM", "TZOFFSETTO"] where observance.property(required) == nil {
                context.report(.missingProperty(component: name, property: required, line: observance.line))
            }
            for property in observance.properties {
                if property.matches("TZOFFSETFROM") || property.matches("TZOFFSETTO") {
                    if UTCOffset.parse(property.value.trimmingSpaces) == nil { context.invalid(property) }
                } else if property.matches("DTSTART") && ICalDateTime(property: property) == nil {
                    context.invalid(property)
                }
            }
        }
    }

    /// A bit per property that may occur at most once (RFC 5545 §3.6.1–3.6.3), or 0.
    private static func singletonBit(_ upperName: String) -> UInt16 {
        switch upperName {
        case "UID": 1 << 0
        case "DTSTART": 1 << 1
        case "DTEND": 1 << 2
        case "DUE": 1 << 3
        case "DURATION": 1 << 4
        case "RECURRENCE-ID": 1 << 5
        case "SEQUENCE": 1 << 6
        case "DTSTAMP": 1 << 7
        case "CLASS": 1 << 8
        case "TRANSP": 1 << 9
        case "STATUS": 1 << 10
        case "CREATED": 1 << 11
        case "LAST-MODIFIED": 1 << 12
        default: 0
        }
    }
    private static let checkedDeclaredTypes: Set<ICalValueType> = [
        .boolean, .date, .dateTime, .duration, .float, .integer, .period, .time, .utcOffset,
    ]

    /// The properties the cross-property rules need, found while checking values.
    private struct Scan {
        var start: Property?
        var end: Property?
        var duration: Property?
    }

    private func checkObjectComponent(_ component: Component, name: String, into context: inout ValidationContext) {
        let scan = checkValues(component, name: name, into: &context)
        if name == "VEVENT" && scan.start == nil {
            context.report(.missingProperty(component: name, property: "DTSTART", line: component.line))
        }
        if let end = scan.end {
            if let duration = scan.duration {
                let endName = end.name.uppercased()
                context.report(
                    .conflictingProperties(component: name, first: endName, second: "DURATION", line: duration.line)
                )
            }
            checkOrder(start: scan.start, end: end, component: name, into: &context)
        }
        if let duration = scan.duration, scan.start == nil, name == "VTODO" {
            context.report(.missingProperty(component: name, property: "DTSTART", line: duration.line))
        }
        for child in component.components {
            if child.matches("VALARM") {
                for trigger in child.properties("TRIGGER") where VAlarm(child).trigger == nil {
                    context.invalid(trigger)
                }
            } else if child.matches("AVAILABLE") {
                _ = checkValues(child, name: "AVAILABLE", into: &context)
            }
        }
    }

    /// One pass over the properties: duplicates of single-occurrence properties and value syntax (RFC 5545 §3.3, §3.6).
    private func checkValues(_ component: Component, name: String, into context: inout ValidationContext) -> Scan {
        var scan = Scan()
        var seen: UInt16 = 0
        for property in component.properties {
            let upper = property.name.upperName
            let bit = Self.singletonBit(upper)
            if bit != 0 {
                if seen & bit != 0 {
                    context.report(.duplicateProperty(component: name, property: upper, line: property.line))
                }
                seen |= bit
            }
            switch upper {
            case "DTSTART", "DTEND", "DUE", "RECURRENCE-ID", "DTSTAMP", "CREATED", "LAST-MODIFIED", "COMPLETED":
                if ICalDateTime(property: property) == nil { context.invalid(property) }
                if upper == "DTSTART" && scan.start == nil { scan.start = property }
                if (upper == "DTEND" || upper == "DUE") && scan.end == nil { scan.end = property }
            case "DURATION":
                let duration = ICalDuration.parse(property.value.trimmingSpaces)
                if duration == nil || duration?.isNegative == true { context.invalid(property) }
                if scan.duration == nil { scan.duration = property }
            case "EXDATE":
                let bad = property.value.split(separator: ",").contains {
                    ICalDateTime(text: String($0).trimmingSpaces, property: property) == nil
                }
                if bad { context.invalid(property) }
            case "RDATE":
                if RecurrenceDate.values(of: property) == nil { context.invalid(property) }
            case "SEQUENCE", "PRIORITY", "PERCENT-COMPLETE":
                if Int(property.value.trimmingSpaces) == nil { context.invalid(property) }
            default:
                checkDeclaredType(property, upperName: upper, into: &context)
            }
        }
        return scan
    }

    /// RFC 5545 §3.2.20: a VALUE parameter on an IANA property must describe the value; X- properties are opaque.
    private func checkDeclaredType(_ property: Property, upperName: String, into context: inout ValidationContext) {
        guard !upperName.hasPrefix("X-"), let declared = property.parameterValue("VALUE"),
            let type = ICalValueType(parameterValue: declared), Self.checkedDeclaredTypes.contains(type)
        else { return }
        let values = property.value.split(separator: ",", omittingEmptySubsequences: false)
        if !values.allSatisfy({ type.accepts(String($0).trimmingSpaces) }) { context.invalid(property) }
    }

    private func checkOrder(start: Property?, end: Property, component: String, into context: inout ValidationContext) {
        guard let start, let startValue = ICalDateTime(property: start), let endValue = ICalDateTime(property: end)
        else { return }
        if startValue.isDate != endValue.isDate {
            context.report(.valueTypeMismatch(component: component, property: end.name.uppercased(), line: end.line))
            return
        }
        let comparable =
            switch (startValue.form, endValue.form) {
            case (.date, .date), (.utc, .utc), (.floating, .floating): true
            case (.local(let lhs), .local(let rhs)): lhs == rhs
            default: false
            }
        if comparable && endValue.fieldSeconds < startValue.fieldSeconds {
            context.report(.endBeforeStart(component: component, line: end.line))
        }
    }
}
