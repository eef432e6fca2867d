import ICalendarFormat
import MIMEDir
import Testing

private func calendar(_ body: String, method: String? = nil) -> String {
    var text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//T//EN\r\n"
    if let method { text += "METHOD:\(method)\r\n" }
    return text + body + "END:VCALENDAR\r\n"
}

private func event(_ lines: String...) -> String {
    "BEGIN:VEVENT\r\n" + lines.map { $0 + "\r\n" }.joined() + "END:VEVENT\r\n"
}

private func problems(_ text: String, options: CalendarObjectValidator.Options = .init()) throws
    -> [CalendarValidationError]
{
    try CalendarObjectValidator(options: options).problems(in: VCalendar.parse(text))
}

@Suite("RFC 4791 §4.1 calendar object validation")
struct CalendarObjectValidatorTests {
    @Test("A master with overrides sharing one UID is accepted, with UID and type extracted")
    func acceptsValidObject() throws {
        let object = try CalendarObjectValidator().validate(Array(sampleEvent.utf8))
        #expect(object.uid == "abc,123@example.com")
        #expect(object.componentType == "VEVENT")
    }

    @Test("Missing DTSTAMP is tolerated")
    func toleratesMissingDTSTAMP() throws {
        #expect(try problems(calendar(event("UID:1", "DTSTART:20240101T100000Z"))).isEmpty)
    }

    @Test("RFC 4791 §4.1: a component without UID violates valid-calendar-object-resource")
    func refusesMissingUID() throws {
        let found = try problems(calendar(event("DTSTART:20240101T100000Z")))
        #expect(found == [.missingUID(component: "VEVENT", line: 4)])
        #expect(found.first?.precondition == .validCalendarObjectResource)
    }

    @Test("RFC 4791 §4.1: different UIDs in one resource are refused")
    func refusesMultipleUIDs() throws {
        let text = calendar(event("UID:1", "DTSTART:20240101T100000Z") + event("UID:2", "DTSTART:20240101T100000Z"))
        #expect(try problems(text) == [.multipleUIDs(["1", "2"], line: 4)])
    }

    @Test("RFC 4791 §4.1: overrides need distinct RECURRENCE-IDs")
    func refusesDuplicateRecurrenceIDs() throws {
        let override = event("UID:1", "RECURRENCE-ID:20240108T100000Z", "DTSTART:20240108T110000Z")
        let text = calendar(event("UID:1", "DTSTART:20240101T100000Z", "RRULE:FREQ=WEEKLY") + override + override)
        #expect(try problems(text) == [.duplicateRecurrenceID("20240108T100000Z", line: 16)])
    }

    @Test("RFC 4791 §4.1: one master per UID; RFC 5545 §3.8.4.4: RECURRENCE-ID has the master's value type")
    func refusesSecondMasterAndMismatchedRecurrenceID() throws {
        let twoMasters = calendar(
            event("UID:1", "DTSTART:20240101T100000Z") + event("UID:1", "DTSTART:20240102T100000Z")
        )
        #expect(try problems(twoMasters) == [.multipleMasters(line: 8)])
        let override = event("UID:1", "RECURRENCE-ID:20240108T100000Z", "DTSTART:20240108T110000Z")
        let mismatched = calendar(event("UID:1", "DTSTART;VALUE=DATE:20240101", "RRULE:FREQ=WEEKLY") + override)
        let found = try problems(mismatched)
        #expect(found == [.valueTypeMismatch(component: "VEVENT", property: "RECURRENCE-ID", line: 11)])
        #expect(found.first?.precondition == .validCalendarData)
    }

    @Test("RFC 4791 §4.1: METHOD is not allowed in stored objects")
    func refusesMethod() throws {
        let found = try problems(calendar(event("UID:1", "DTSTART:20240101T100000Z"), method: "REQUEST"))
        #expect(found == [.methodNotAllowed(line: 4)])
        let relaxed = CalendarObjectValidator.Options(enforceResourceRules: false)
        #expect(
            try problems(calendar(event("UID:1", "DTSTART:20240101T100000Z"), method: "REQUEST"), options: relaxed)
                .isEmpty
        )
    }

    @Test("RFC 4791 §4.1: one component type per resource, VTIMEZONE aside")
    func refusesMixedTypes() throws {
        let todo = "BEGIN:VTODO\r\nUID:1\r\nEND:VTODO\r\n"
        let found = try problems(calendar(event("UID:1", "DTSTART:20240101T100000Z") + todo))
        #expect(found.contains(.mixedComponentTypes(["VEVENT", "VTODO"], line: 8)))
        #expect(found.first?.precondition == .validCalendarObjectResource)
    }

    @Test("RFC 4791 §5.3.2.1: unsupported component types name supported-calendar-component")
    func refusesUnsupportedComponent() throws {
        let options = CalendarObjectValidator.Options(supportedComponents: ["VEVENT"])
        let found = try problems(calendar("BEGIN:VTODO\r\nUID:1\r\nEND:VTODO\r\n"), options: options)
        #expect(found == [.unsupportedComponent("VTODO", line: 4)])
        #expect(found.first?.precondition == .supportedCalendarComponent)
    }

    @Test("RFC 5545 §3.8.2.2: DTEND before DTSTART and mixed DATE/DATE-TIME are invalid calendar data")
    func refusesBadEnds() throws {
        let backwards = try problems(calendar(event("UID:1", "DTSTART:20240102T100000Z", "DTEND:20240101T100000Z")))
        #expect(backwards == [.endBeforeStart(component: "VEVENT", line: 7)])
        #expect(backwards.first?.precondition == .validCalendarData)
        let mixed = try problems(calendar(event("UID:1", "DTSTART;VALUE=DATE:20240102", "DTEND:20240103T100000Z")))
        #expect(mixed == [.valueTypeMismatch(component: "VEVENT", property: "DTEND", line: 7)])
        let both = try problems(
            calendar(event("UID:1", "DTSTART:20240102T100000Z", "DTEND:20240103T100000Z", "DURATION:PT1H"))
        )
        #expect(both == [.conflictingProperties(component: "VEVENT", first: "DTEND", second: "DURATION", line: 8)])
    }

    @Test("RFC 5545 §3.3: malformed values, duplicates and a missing VERSION are invalid calendar data")
    func refusesMalformedValues() throws {
        let found = try problems(calendar(event("UID:1", "UID:1", "DTSTART:2024-01-02", "SEQUENCE:x")))
        #expect(found.contains(.duplicateProperty(component: "VEVENT", property: "UID", line: 6)))
        #expect(found.contains(.invalidValue(property: "DTSTART", value: "2024-01-02", line: 7)))
        #expect(found.contains(.invalidValue(property: "SEQUENCE", value: "x", line: 8)))
        let noVersion =
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTART:20240101T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        #expect(try problems(noVersion) == [.unsupportedVersion(nil, line: 1)])
    }

    @Test("RFC 5545 §3.2.19: unknown TZIDs are refused only when time zones are required")
    func checksTimeZoneReferences() throws {
        let text = calendar(event("UID:1", "DTSTART;TZID=Mars/Olympus:20240101T100000"))
        #expect(try problems(text).isEmpty)
        let strict = CalendarObjectValidator.Options(requireTimeZones: true)
        #expect(try problems(text, options: strict) == [.unknownTimeZone(tzid: "Mars/Olympus", line: 6)])
    }

    @Test("Hostile input: 50,000 components with distinct UIDs are checked in linear time", .timeLimit(.minutes(1)))
    func checksManyUIDsLinearly() throws {
        let body = (0..<50_000).map { event("UID:\($0)", "DTSTART:20240101T100000Z") }.joined()
        let found = try problems(calendar(body))
        guard case .multipleUIDs(let listed, _)? = found.first else {
            Issue.record("expected multipleUIDs, got \(found.prefix(3))")
            return
        }
        #expect(listed.count == 10)
        #expect(found.count == 1)
    }

    @Test("Parse failures and non-calendars map to valid-calendar-data with a line")
    func reportsParseFailures() {
        #expect(throws: CalendarValidationError.unparsable(.missingColon(line: 2))) {
            try CalendarObjectValidator().validate(Array("BEGIN:VCALENDAR\r\nBROKEN\r\nEND:VCALENDAR\r\n".utf8))
        }
        #expect(throws: CalendarValidationError.notCalendar(found: "VCARD", line: 1)) {
            try CalendarObjectValidator().validate(Array("BEGIN:VCARD\r\nEND:VCARD\r\n".utf8))
        }
        #expect(CalendarValidationError.unparsable(.empty).precondition == .validCalendarData)
    }
}
