// libFuzzer entry point over the content-line parser, the iCalendar and the vCard layers (issue #3, hostile input).
// Built by Tests/Fuzz/run.sh with `swiftc -sanitize=fuzzer,address`; not part of the SwiftPM package.
import ICalendarFormat
import MIMEDir
import VCardFormat

/// Checks the round-trip invariant: whatever parses must serialize and re-parse to an equal tree.
private func checkRoundTrip(_ roots: [Component]) {
    let serialized = MIMEDirSerializer().serialize(roots)
    guard let again = try? MIMEDirParser().parse(serialized) else {
        fatalError("serialized output does not parse: \(String(decoding: serialized, as: UTF8.self))")
    }
    if again != roots { fatalError("round trip changed the tree: \(String(decoding: serialized, as: UTF8.self))") }
}

private func exerciseCalendar(_ calendar: VCalendar) {
    _ = CalendarObjectValidator().problems(in: calendar)
    _ = CalendarObjectValidator(options: .init(enforceResourceRules: false, requireTimeZones: true)).problems(
        in: calendar
    )
    _ = JCalWriter.write(calendar)
    _ = XCalWriter.write(calendar)
    for event in calendar.events + calendar.todos.map({ VEvent($0.component) }) {
        _ = (event.dtstart, event.dtend, event.duration, event.due, event.rdates, event.exdates, event.recurrenceID)
        _ = (
            event.attendees.map(\.email), event.organizer, event.alarms.map(\.trigger), event.conferences, event.images
        )
        _ = event.dtstart.map { ($0.valueText, $0.fieldSeconds) }
        _ = event.duration.map { ($0.valueText, $0.totalSeconds) }
    }
    for zone in calendar.timeZones { _ = zone.observances.map { ($0.offsetFrom?.valueText, $0.offsetTo, $0.names) } }
    for busy in calendar.freeBusy { _ = busy.busyPeriods.map(\.period.valueText) }
}

private func exerciseCards(_ cards: [VCard]) {
    for card in cards {
        _ = VCardValidator().problems(in: card)
        _ = (card.name, card.addresses, card.emails, card.telephones, card.photo, card.members, card.organization)
        let v3 = VCardConverter.convert(card, to: .v3)
        let v4 = VCardConverter.convert(card, to: .v4)
        checkRoundTrip([v3.component, v4.component])
        _ = JCardWriter.write(card)
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? MIMEDirParser(options: .strict).parse(bytes)
    _ = ContentKind.detect(bytes)
    _ = CalendarFileChecker.problems(in: bytes)
    _ = VCardFileChecker.problems(in: bytes)
    guard let roots = try? MIMEDirParser().parse(bytes) else { return 0 }
    checkRoundTrip(roots)
    for root in roots {
        for property in root.properties {
            _ = TextEscaping.structured(property.value)
            _ = ExtendedDateFormat.convert(property.value)
            _ = Base64.decode(property.value)
            _ = ICalDateTime(property: property)
            _ = ICalDuration.parse(property.value)
            _ = ICalPeriod.parse(property.value)
            _ = UTCOffset.parse(property.value)
            _ = RecurrenceDate.values(of: property)
        }
    }
    if let calendar = try? VCalendar.parse(bytes) { exerciseCalendar(calendar) }
    if let cards = try? VCard.parseAll(bytes) { exerciseCards(cards) }
    return 0
}
