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
        let objects = calendar.objectComponents.filter {
            Self.objectComponentNames.contains($0.name.uppercased())
        }
        let uid = objects.lazy.compactMap { $0.property("UID").map { TextEscaping.unescape($0.value) } }.first ?? ""
        return ValidatedCalendarObject(calendar: calendar, uid: uid, componentType: objects.first?.name.uppercased() ?? "")
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
        for child in root.components {
            let name = child.name.uppercased()
            if name == "VTIMEZONE" {
                checkTimeZone(child, into: &context)
            } else if Self.objectComponentNames.contains(name) {
                checkObjectComponent(child, name: name, into: &context)
            }
        }
        let objects = root.components.filter { Self.objectComponentNames.contains($0.name.uppercased()) }
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

    private static let singletons = [
        "UID", "DTSTART", "DTEND", "DUE", "DURATION", "RECURRENCE-ID", "SEQUENCE", "DTSTAMP", "CLASS", "TRANSP",
        "STATUS", "CREATED", "LAST-MODIFIED",
    ]
    private static let dateTimeProperties = [
        "DTSTART", "DTEND", "DUE", "RECURRENCE-ID", "DTSTAMP", "CREATED", "LAST-MODIFIED", "COMPLETED",
    ]

    private func checkObjectComponent(_ component: Component, name: String, into context: inout ValidationContext) {
        for singleton in Self.singletons {
            let found = component.properties(singleton)
            if found.count > 1 {
                context.report(.duplicateProperty(component: name, property: singleton, line: found[1].line))
            }
        }
        checkValues(component, into: &context)
        let start = component.property("DTSTART")
        if name == "VEVENT" && start == nil {
            context.report(.missingProperty(component: name, property: "DTSTART", line: component.line))
        }
        let durationProperty = component.property("DURATION")
        for endName in ["DTEND", "DUE"] {
            guard let end = component.property(endName) else { continue }
            if let durationProperty {
                context.report(
                    .conflictingProperties(component: name, first: endName, second: "DURATION", line: durationProperty.line)
                )
            }
            checkOrder(start: start, end: end, component: name, into: &context)
        }
        if let durationProperty, start == nil, name == "VTODO" {
            context.report(.missingProperty(component: name, property: "DTSTART", line: durationProperty.line))
        }
        if let durationProperty, let duration = ICalDuration.parse(durationProperty.value.trimmingSpaces),
            duration.isNegative
        {
            context.invalid(durationProperty)
        }
        for alarm in component.components("VALARM") {
            for trigger in alarm.properties("TRIGGER") where VAlarm(alarm).trigger == nil {
                context.invalid(trigger)
            }
        }
        for child in component.components where child.matches("AVAILABLE") {
            checkValues(child, into: &context)
        }
    }

    private func checkValues(_ component: Component, into context: inout ValidationContext) {
        for property in component.properties {
            if Self.dateTimeProperties.contains(where: { property.matches($0) }) {
                if ICalDateTime(property: property) == nil { context.invalid(property) }
            } else if property.matches("DURATION") {
                if ICalDuration.parse(property.value.trimmingSpaces) == nil { context.invalid(property) }
            } else if property.matches("EXDATE") {
                let bad = property.value.split(separator: ",").contains {
                    ICalDateTime(text: String($0).trimmingSpaces, property: property) == nil
                }
                if bad { context.invalid(property) }
            } else if property.matches("RDATE") {
                if RecurrenceDate.values(of: property) == nil { context.invalid(property) }
            } else if property.matches("SEQUENCE") || property.matches("PRIORITY") {
                if Int(property.value.trimmingSpaces) == nil { context.invalid(property) }
            }
        }
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
