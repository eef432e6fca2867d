import DAVCore
import ICalendarFormat
import MIMEDir
import Recurrence

/// What expanding one stored object needs besides the range (RFC 4791 §9.6.5): where its lines are, its timing
/// lines parsed, and the recurrence sets of its components.
final class StoredExpansionPlan: Sendable {
    let stored: [UInt8]
    /// What comes before the instances: the VCALENDAR's `BEGIN` line and properties, and the components that
    /// are no VEVENT, VTODO, VJOURNAL or VTIMEZONE.
    let head: [UInt8]
    /// The `END:VCALENDAR` line.
    let end: Range<Int>
    /// The bytes of each component directly inside the VCALENDAR, for those kept unexpanded.
    let blockRanges: [Range<Int>]
    /// What an instance of each block is written from; nil for blocks that are no VEVENT, VTODO or VJOURNAL or
    /// have no DTSTART that reads.
    let templates: [StoredInstanceTemplate?]
    let planned: PlannedInstances
    /// The zone the recurrence sets read floating and DATE values in; kept alive for the cache key.
    let floating: ResolvedTimeZone

    /// The plan for `stored`, or nil when it is not in the plain shape ``StoredCalendarLayout`` describes or a
    /// line that had to be parsed does not parse.
    init?(_ stored: [UInt8], floating: ResolvedTimeZone, limits: ExpansionLimits) {
        guard let layout = StoredCalendarLayout(stored), let parsed = Self.parsedTimingLines(of: layout, in: stored)
        else { return nil }
        let resolver = TimeZoneResolver(
            definitionTexts: layout.blocks.filter { $0.name == "VTIMEZONE" }.map { stored[$0.range] }
        )
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
        self.stored = stored
        var head = Array(stored[layout.begin])
        for line in layout.properties { head += stored[line] }
        for block in layout.blocks where block.name != "VTIMEZONE" && ComponentKind(rawValue: block.name) == nil {
            head += stored[block.range]
        }
        self.head = head
        end = layout.end
        blockRanges = layout.blocks.map(\.range)
        self.floating = floating
        planned = PlannedInstances(of: timing, resolver: resolver, floating: floating, limits: limits)
        var templates = [StoredInstanceTemplate?](repeating: nil, count: layout.blocks.count)
        for group in planned.groups {
            for component in [group.master].compactMap({ $0 }) + group.overrides {
                guard let lines = parsed[component.line] else { continue }
                templates[component.line] = StoredInstanceTemplate(
                    block: layout.blocks[component.line],
                    lines: lines,
                    stored: stored,
                    recurs: group.recurs,
                    resolver: resolver
                )
            }
        }
        self.templates = templates
    }

    /// The plan for `stored` from ``StoredExpansionPlanCache``, made and remembered when it is not there.
    static func cached(for stored: [UInt8], floating: ResolvedTimeZone, limits: ExpansionLimits)
        -> StoredExpansionPlan?
    {
        let key = StoredExpansionPlanCache.Key(stored: stored, floating: floating.identity, limits: limits)
        if let remembered = StoredExpansionPlanCache.shared.plan(for: key) { return remembered }
        let plan = StoredExpansionPlan(stored, floating: floating, limits: limits)
        StoredExpansionPlanCache.shared.remember(plan, for: key)
        return plan
    }

    /// The expanded object: the VCALENDAR's lines and the components that are not instances, then every
    /// instance overlapping `range`; nil when a component has no DTSTART it can read.
    ///
    /// - Throws: 403 `CALDAV:max-instances` past the plan's `limits.maxInstances`.
    func expand(to range: CalendarTimeRange) throws(DAVError) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(stored.count + stored.count / 2)
        output += head
        let finished = try planned.forEachInstance(
            in: range,
            keep: { output += stored[blockRanges[$0.line]] }
        ) { source, instance, _ in
            guard let template = templates[source.line] else { return false }
            template.write(instance, into: &output)
            return true
        }
        guard finished else { return nil }
        output += stored[end]
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
