import MIMEDir

extension CalendarObjectValidator {
    /// At most this many distinct UIDs are listed in ``CalendarValidationError/multipleUIDs(_:line:)``.
    static let reportedUIDLimit = 10

    /// RFC 4791 §4.1: one component type, one UID, one master plus distinct overrides, no METHOD;
    /// and RFC 4791 §5.2.3 supported-calendar-component-set.
    func checkResourceRules(_ calendar: VCalendar, into context: inout ValidationContext) {
        let root = calendar.component
        if let method = root.property("METHOD") { context.report(.methodNotAllowed(line: method.line)) }
        var firstLine: Int?
        var secondLine: Int?
        var types: [String] = []
        var unsupported: (name: String, line: Int)?
        for object in root.components {
            let name = object.name.upperName
            guard Self.objectComponentNames.contains(name) else { continue }
            if firstLine == nil { firstLine = object.line } else if secondLine == nil { secondLine = object.line }
            if !types.contains(name) { types.append(name) }
            if unsupported == nil, let supported = options.supportedComponents, !supported.contains(name) {
                unsupported = (name, object.line)
            }
        }
        guard let firstLine else {
            context.report(.noComponents(line: root.line))
            return
        }
        if types.count > 1, let secondLine { context.report(.mixedComponentTypes(types, line: secondLine)) }
        if let unsupported { context.report(.unsupportedComponent(unsupported.name, line: unsupported.line)) }
        // Distinct UIDs in order, at most the reporting limit: more than one means the resource mixes UIDs.
        var uids: [String] = []
        for object in root.components {
            let name = object.name.upperName
            guard Self.objectComponentNames.contains(name) else { continue }
            guard let uid = object.property("UID") else {
                context.report(.missingUID(component: name, line: object.line))
                continue
            }
            let text = TextEscaping.unescape(uid.value)
            if uids.count < Self.reportedUIDLimit && !uids.contains(text) { uids.append(text) }
        }
        if uids.count > 1 { context.report(.multipleUIDs(uids, line: firstLine)) }
    }

    /// RFC 4791 §4.1: per UID, one master and distinct RECURRENCE-IDs; RFC 5545 §3.8.4.4: a RECURRENCE-ID
    /// has the value type of its master's DTSTART.
    func checkOverrides(_ objects: [Component], resourceRules: Bool, into context: inout ValidationContext) {
        guard objects.count > 1 else { return }
        var memberCount: [String: Int] = [:]
        memberCount.reserveCapacity(objects.count)
        for object in objects {
            if let uid = object.property("UID")?.value { memberCount[uid, default: 0] += 1 }
        }
        var groups: [String: [Component]] = [:]
        var order: [String] = []
        for object in objects {
            guard let uid = object.property("UID")?.value, let count = memberCount[uid], count > 1 else { continue }
            if groups[uid] == nil { order.append(uid) }
            groups[uid, default: []].append(object)
        }
        for uid in order {
            let members = groups[uid] ?? []
            let masters = members.filter { $0.property("RECURRENCE-ID") == nil }
            if resourceRules && masters.count > 1 { context.report(.multipleMasters(line: masters[1].line)) }
            let masterStart = masters.first?.property("DTSTART").flatMap(ICalDateTime.init(property:))
            var seen: Set<ICalDateTime> = []
            for object in members {
                guard let property = object.property("RECURRENCE-ID"), let value = ICalDateTime(property: property)
                else { continue }
                if resourceRules && !seen.insert(value).inserted {
                    context.report(.duplicateRecurrenceID(value.valueText, line: property.line))
                }
                if let masterStart, masterStart.isDate != value.isDate {
                    let name = object.name.upperName
                    context.report(.valueTypeMismatch(component: name, property: "RECURRENCE-ID", line: property.line))
                }
            }
        }
    }

    /// RFC 5545 §3.2.19: every TZID parameter must have a matching VTIMEZONE.
    func checkTimeZoneReferences(_ root: Component, calendar: VCalendar, into context: inout ValidationContext) {
        let known = Set(calendar.timeZones.compactMap(\.tzid))
        var stack = root.components.filter { !$0.matches("VTIMEZONE") }
        while let component = stack.popLast() {
            for property in component.properties {
                if let tzid = property.parameterValue("TZID"), !known.contains(tzid) {
                    context.report(.unknownTimeZone(tzid: tzid, line: property.line))
                }
            }
            stack.append(contentsOf: component.components)
        }
    }
}
