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
            var found: (start: Bool, from: Bool, to: Bool) = (false, false, false)
            var invalid: [Property] = []
            for property in observance.properties {
                switch property.name.upperName {
                case "TZOFFSETFROM":
                    found.from = true
                    if UTCOffset.parse(property.value.trimmingSpaces) == nil { invalid.append(property) }
                case "TZOFFSETTO":
                    found.to = true
                    if UTCOffset.parse(property.value.trimmingSpaces) == nil { invalid.append(property) }
                case "DTSTART":
                    found.start = true
                    if ICalDateTime(property: property) == nil { invalid.append(property) }
                default:
                    continue
                }
            }
            let missing = [("DTSTART", found.start), ("TZOFFSETFROM", found.from), ("TZOFFSETTO", found.to)]
            for (required, present) in missing where !present {
                let name = observance.name.uppercased()
                context.report(.missingProperty(component: name, property: required, line: observance.line))
            }
            for property in invalid { context.invalid(property) }
        }
    }

    private static let checkedDeclaredTypes: Set<ICalValueType> = [
        .boolean, .date, .dateTime, .duration, .float, .integer, .period, .time, .utcOffset,
    ]

    /// What the cross-property rules need, found while checking values (RFC 5545 §3.6.1, §3.6.2).
    private struct Scan {
        /// Whether DTSTART is present, and its value if it parsed.
        var hasStart = false
        var start: ICalDateTime?
        /// The first DTEND or DUE: upper-case name, line and value if it parsed.
        var end: (name: String, line: Int, value: ICalDateTime?)?
        /// The line of the first DURATION.
        var durationLine: Int?
    }

    private func checkObjectComponent(_ component: Component, name: String, into context: inout ValidationContext) {
        let scan = checkValues(component, name: name, into: &context)
        if name == "VEVENT" && !scan.hasStart {
            context.report(.missingProperty(component: name, property: "DTSTART", line: component.line))
        }
        if let end = scan.end {
            if let durationLine = scan.durationLine {
                context.report(
                    .conflictingProperties(component: name, first: end.name, second: "DURATION", line: durationLine)
                )
            }
            if let startValue = scan.start, let endValue = end.value {
                checkOrder(
                    start: startValue,
                    end: endValue,
                    endName: end.name,
                    line: end.line,
                    component: name,
                    into: &context
                )
            }
        }
        if let durationLine = scan.durationLine, !scan.hasStart, name == "VTODO" {
            context.report(.missingProperty(component: name, property: "DTSTART", line: durationLine))
        }
        for child in component.components {
            if child.matches("VALARM") {
                guard VAlarm(child).trigger == nil else { continue }
                for trigger in child.properties where trigger.matches("TRIGGER") { context.invalid(trigger) }
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
            let rule = PropertyRule.named(upper)
            if rule.singletonBit != 0 {
                if seen & rule.singletonBit != 0 {
                    context.report(.duplicateProperty(component: name, property: upper, line: property.line))
                }
                seen |= rule.singletonBit
            }
            switch rule.check {
            case .dateTime(let role):
                let value = ICalDateTime(property: property)
                if value == nil { context.invalid(property) }
                switch role {
                case .start where !scan.hasStart:
                    scan.hasStart = true
                    scan.start = value
                case .end where scan.end == nil:
                    scan.end = (upper, property.line, value)
                default:
                    break
                }
            case .duration:
                let duration = ICalDuration.parse(property.value.trimmingSpaces)
                if duration == nil || duration?.isNegative == true { context.invalid(property) }
                if scan.durationLine == nil { scan.durationLine = property.line }
            case .exceptionDates:
                let bad = property.value.split(separator: ",").contains {
                    ICalDateTime(text: String($0).trimmingSpaces, property: property) == nil
                }
                if bad { context.invalid(property) }
            case .recurrenceDates:
                if RecurrenceDate.values(of: property) == nil { context.invalid(property) }
            case .integer:
                if Int(property.value.trimmingSpaces) == nil { context.invalid(property) }
            case .declared:
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

    private func checkOrder(
        start: ICalDateTime,
        end: ICalDateTime,
        endName: String,
        line: Int,
        component: String,
        into context: inout ValidationContext
    ) {
        if start.isDate != end.isDate {
            context.report(.valueTypeMismatch(component: component, property: endName, line: line))
            return
        }
        let comparable =
            switch (start.form, end.form) {
            case (.date, .date), (.utc, .utc), (.floating, .floating): true
            case (.local(let lhs), .local(let rhs)): lhs == rhs
            default: false
            }
        if comparable && end.fieldSeconds < start.fieldSeconds {
            context.report(.endBeforeStart(component: component, line: line))
        }
    }
}
