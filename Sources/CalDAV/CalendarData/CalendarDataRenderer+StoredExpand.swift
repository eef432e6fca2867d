import DAVCore
import ICalendarFormat
import MIMEDir
import Recurrence

extension CalendarDataRenderer {
    /// ``expand(_:to:floatingZone:limits:)`` on stored bytes, with the same result, without building the object:
    /// lines an instance keeps are copied from `stored` byte for byte, and only the timing properties
    /// (``StoredPropertyName/isTiming``) and properties with a TZID are parsed. Nil when `stored` is not in the plain shape
    /// ``StoredCalendarLayout`` describes, or has a component without a usable DTSTART; the caller then expands
    /// the parsed object.
    ///
    /// - Throws: 403 `CALDAV:max-instances` past `limits.maxInstances`.
    static func expandStored(
        _ stored: [UInt8],
        to range: CalendarTimeRange,
        floatingZone: ResolvedTimeZone = .utc,
        limits: ExpansionLimits = .default
    ) throws(DAVError) -> [UInt8]? {
        guard let layout = StoredCalendarLayout(stored),
            let parsed = parsedTimingLines(of: layout, in: stored)
        else { return nil }
        let resolver = TimeZoneResolver(
            definitionTexts: layout.blocks.filter { $0.name == "VTIMEZONE" }.map { stored[$0.range] }
        )
        var output: [UInt8] = []
        output.reserveCapacity(stored.count + stored.count / 2)
        output += stored[layout.begin]
        for line in layout.properties { output += stored[line] }
        for block in layout.blocks where block.name != "VTIMEZONE" && ComponentKind(rawValue: block.name) == nil {
            output += stored[block.range]
        }
        let timing = VCalendar(
            Component(
                name: "VCALENDAR",
                components: layout.blocks.indices.compactMap { index in
                    parsed[index].map {
                        Component(name: layout.blocks[index].name, properties: $0.properties, line: index)
                    }
                }
            )
        )
        let writer = StoredInstanceWriter(
            stored: stored,
            layout: layout,
            parsed: parsed,
            resolver: resolver,
            floating: floatingZone
        )
        let finished = try forEachInstance(
            of: timing,
            in: range,
            resolver: resolver,
            floating: floatingZone,
            limits: limits,
            keep: { output += stored[layout.blocks[$0.line].range] }
        ) { source, instance, recurs in
            writer.write(block: source.line, instance: instance, recurs: recurs, into: &output)
        }
        guard finished else { return nil }
        output += stored[layout.end]
        return output
    }

    /// Per block, for VEVENT, VTODO and VJOURNAL blocks, each property line parsed when it is a timing
    /// property or carries a TZID (nil for the others); nil when a line that had to be parsed does not parse.
    private static func parsedTimingLines(of layout: StoredCalendarLayout, in stored: [UInt8]) -> [ParsedLines?]? {
        var result: [ParsedLines?] = []
        result.reserveCapacity(layout.blocks.count)
        var scratch: [UInt8] = []
        let parser = MIMEDirParser()
        let groupsByUID = layout.blocks.count { ComponentKind(rawValue: $0.name) != nil } > 1
        for block in layout.blocks {
            guard ComponentKind(rawValue: block.name) != nil else {
                result.append(nil)
                continue
            }
            var lines = ParsedLines(byLine: [], properties: [], start: nil)
            lines.byLine.reserveCapacity(block.properties.count)
            for line in block.properties {
                let needed =
                    (line.name.isTiming && (line.name != .uid || groupsByUID))
                    || (line.hasParameters && StoredLineText.mentionsTZID(stored[line.range]))
                guard needed else {
                    lines.byLine.append(nil)
                    continue
                }
                StoredLineText.unfold(stored[line.range], into: &scratch)
                guard let property = try? parser.parseContentLine(scratch) else { return nil }
                lines.byLine.append(property)
                lines.properties.append(property)
                if line.name == .dtstart, !lines.properties.dropLast().contains(where: { $0.matches("DTSTART") }) {
                    lines.start = ICalDateTime(property: property)
                }
            }
            result.append(lines)
        }
        return result
    }
}

/// The parsed lines of one stored component.
struct ParsedLines {
    /// For each property line of the block, the parsed property, or nil when it was not parsed.
    var byLine: [Property?]
    /// The parsed properties, in order.
    var properties: [Property]
    /// The value of the first DTSTART, when it reads as a DATE or DATE-TIME (RFC 5545 §3.8.2.4).
    var start: ICalDateTime?
}

/// Writes expanded instances of stored components (RFC 4791 §9.6.5), copying the lines an instance keeps.
private struct StoredInstanceWriter {
    let stored: [UInt8]
    let layout: StoredCalendarLayout
    let parsed: [ParsedLines?]
    let resolver: TimeZoneResolver
    let floating: ResolvedTimeZone
    let serializer = MIMEDirSerializer()

    /// Appends the instance of block `index`, as ``CalendarDataRenderer/expand(_:to:floatingZone:limits:)``
    /// builds it; false when the block has no DTSTART it can read (the caller falls back to the parsed object).
    func write(block index: Int, instance: RecurrenceInstance, recurs: Bool, into output: inout [UInt8]) -> Bool {
        let block = layout.blocks[index]
        guard let lines = parsed[index], let start = lines.start else { return false }
        func value(utc: Int64, local: CivilDateTime) -> ICalDateTime {
            switch start.form {
            case .date: CalendarTime.dateTime(local, form: .date)
            case .floating: CalendarTime.dateTime(local, form: .floating)
            case .utc, .local: CalendarTime.utcDateTime(utc)
            }
        }
        let endName: StoredPropertyName = block.name == "VTODO" ? .due : .dtend
        let recurrenceID = value(utc: instance.recurrenceID, local: instance.localRecurrenceID)
        output += stored[block.begin]
        var hasRecurrenceID = false
        for (position, line) in block.properties.enumerated() {
            if line.name.isRecurrence { continue }
            guard let property = lines.byLine[position] else {
                output += stored[line.range]
                continue
            }
            if line.name == .dtstart {
                write(property, with: value(utc: instance.start, local: instance.localStart), into: &output)
            } else if line.name == endName {
                write(property, with: value(utc: instance.end, local: instance.localEnd), into: &output)
            } else if line.name == .recurrenceID, recurs {
                write(property, with: recurrenceID, into: &output)
                hasRecurrenceID = true
            } else if let converted = CalendarDataRenderer.utcConverted(property, resolver: resolver) {
                write(converted, into: &output)
            } else {
                output += stored[line.range]
            }
        }
        if recurs, !hasRecurrenceID { write(recurrenceID.makeProperty(name: "RECURRENCE-ID"), into: &output) }
        for component in block.components { output += stored[component] }
        output += stored[block.end]
        return true
    }

    private func write(_ property: Property, into output: inout [UInt8]) {
        serializer.write(property, into: &output)
    }

    /// `property` with `value` as its value (``CalendarDataRenderer/replaced(_:with:)``); when it has no
    /// parameters but TZID and VALUE, the line is written directly: name, `;VALUE=DATE` for a date, the value.
    private func write(_ property: Property, with value: ICalDateTime, into output: inout [UInt8]) {
        guard property.group == nil, property.parameters.allSatisfy({ $0.matches("TZID") || $0.matches("VALUE") })
        else {
            write(CalendarDataRenderer.replaced(property, with: value), into: &output)
            return
        }
        output += property.name.utf8
        if value.isDate { output += ";VALUE=DATE".utf8 }
        output.append(UInt8(ascii: ":"))
        value.appendValueText(to: &output)
        output += [UInt8(ascii: "\r"), UInt8(ascii: "\n")]
    }
}
