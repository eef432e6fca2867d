import DAVCore
import ICalendarFormat
import MIMEDir
import Recurrence

/// How one stored VEVENT, VTODO or VJOURNAL is written as an expanded instance (RFC 4791 §9.6.5), prepared once
/// per object: the lines an instance keeps, as bytes (copied from the stored object, or converted to UTC when
/// they carry a TZID), and between them the places of DTSTART, DTEND/DUE and RECURRENCE-ID, whose values each
/// instance fills in. Writes what ``CalendarDataRenderer/expand(_:to:floatingZone:limits:)`` builds.
struct StoredInstanceTemplate: Sendable {
    /// A value an instance gives.
    enum Slot: Sendable {
        case start, end, recurrenceID
    }

    /// One part of the instance.
    enum Piece: Sendable {
        /// Bytes of ``bytes``, written as they are.
        case bytes(Range<Int>)
        /// A property with only TZID and VALUE parameters: the bytes of its name (and `;VALUE=DATE` for a
        /// date) and colon from ``bytes``, then the value, then CRLF.
        case value(Slot, prefix: Range<Int>)
        /// Any other property: serialised with the value in place (``CalendarDataRenderer/replaced(_:with:)``).
        case property(Slot, Property)
    }

    private let bytes: [UInt8]
    private let pieces: [Piece]
    /// The form of the component's DTSTART, which its instances' values keep (UTC for a zoned one).
    private let form: ICalDateTime.Form

    /// The template of `block`, whose timing lines and lines with a TZID are `lines`; nil without a DTSTART that
    /// reads. `recurs`: whether its group recurs, so instances carry a RECURRENCE-ID.
    init?(
        block: StoredCalendarLayout.Block,
        lines: ParsedLines,
        stored: [UInt8],
        recurs: Bool,
        resolver: TimeZoneResolver
    ) {
        guard let start = lines.start else { return nil }
        form = start.form
        let isDate = start.form == .date
        var bytes: [UInt8] = []
        var pieces: [Piece] = []
        var pending = 0
        func flush() {
            if pending < bytes.count { pieces.append(.bytes(pending..<bytes.count)) }
            pending = bytes.count
        }
        func place(_ slot: Slot, _ property: Property) {
            flush()
            guard property.group == nil,
                property.parameters.allSatisfy({ $0.matches("TZID") || $0.matches("VALUE") })
            else {
                pieces.append(.property(slot, property))
                return
            }
            bytes += property.name.utf8
            if isDate { bytes += ";VALUE=DATE".utf8 }
            bytes.append(UInt8(ascii: ":"))
            pieces.append(.value(slot, prefix: pending..<bytes.count))
            pending = bytes.count
        }
        let serializer = MIMEDirSerializer()
        let endName: StoredPropertyName = block.name == "VTODO" ? .due : .dtend
        bytes += stored[block.begin]
        var hasRecurrenceID = false
        for (position, line) in block.properties.enumerated() {
            if line.name.isRecurrence { continue }
            guard let property = lines.byLine[position] else {
                bytes += stored[line.range]
                continue
            }
            if line.name == .dtstart {
                place(.start, property)
            } else if line.name == endName {
                place(.end, property)
            } else if line.name == .recurrenceID, recurs {
                place(.recurrenceID, property)
                hasRecurrenceID = true
            } else if let converted = CalendarDataRenderer.utcConverted(property, resolver: resolver) {
                serializer.write(converted, into: &bytes)
            } else {
                bytes += stored[line.range]
            }
        }
        if recurs, !hasRecurrenceID {
            flush()
            bytes += "RECURRENCE-ID".utf8
            if isDate { bytes += ";VALUE=DATE".utf8 }
            bytes.append(UInt8(ascii: ":"))
            pieces.append(.value(.recurrenceID, prefix: pending..<bytes.count))
            pending = bytes.count
        }
        for component in block.components { bytes += stored[component] }
        bytes += stored[block.end]
        flush()
        self.bytes = bytes
        self.pieces = pieces
    }

    /// Appends `instance` (RFC 4791 §9.6.5).
    func write(_ instance: RecurrenceInstance, into output: inout [UInt8]) {
        for piece in pieces {
            switch piece {
            case .bytes(let range):
                output += bytes[range]
            case .value(let slot, let prefix):
                output += bytes[prefix]
                value(of: slot, in: instance).appendValueText(to: &output)
                output += [UInt8(ascii: "\r"), UInt8(ascii: "\n")]
            case .property(let slot, let property):
                MIMEDirSerializer().write(
                    CalendarDataRenderer.replaced(property, with: value(of: slot, in: instance)),
                    into: &output
                )
            }
        }
    }

    /// The value `slot` has in `instance`: a DATE or floating value for a DATE or floating DTSTART, else UTC.
    private func value(of slot: Slot, in instance: RecurrenceInstance) -> ICalDateTime {
        let (utc, local) =
            switch slot {
            case .start: (instance.start, instance.localStart)
            case .end: (instance.end, instance.localEnd)
            case .recurrenceID: (instance.recurrenceID, instance.localRecurrenceID)
            }
        switch form {
        case .date: return CalendarTime.dateTime(local, form: .date)
        case .floating: return CalendarTime.dateTime(local, form: .floating)
        case .utc, .local: return CalendarTime.utcDateTime(utc)
        }
    }
}
