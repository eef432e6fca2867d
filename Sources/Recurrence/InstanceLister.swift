import ICalendarFormat

/// Why `InstanceLister` could not list instances (RFC 4791 §9.9).
public enum InstanceListerError: Error, Sendable, Hashable {
    /// The input is not one iCalendar object (RFC 5545 §3.4).
    case unparsable(String)
    /// `--from`/`--to` is not a UTC date-time such as `2026-01-01T00:00:00Z`, or `to` ≤ `from`.
    case invalidRange(String)
    /// `--tz` names no known time zone.
    case unknownTimeZone(String)
    /// Expansion failed or passed the instance limit.
    case expansion(RecurrenceSetError)
}

/// The engine's view of a calendar object, for `kalends ical expand` (issue #4): every instance
/// overlapping a window (RFC 4791 §9.9), in order, overrides applied, one line each:
/// `RECURRENCE-ID START END` — UTC date-times (`20260105T080000Z`), or DATE values (`20260105`) for
/// all-day instances. This output format is stable.
public enum InstanceLister {
    /// Lists the instances of every VEVENT, VTODO and VJOURNAL in `calendarText` overlapping
    /// `[from, to)`. `from`/`to` are UTC (`2026-01-01T00:00:00Z` or `20260101T000000Z`);
    /// `timeZone` (IANA or a TZID of the object) reads floating and DATE values, UTC by default;
    /// more than `maxInstances` instances is an error (CalDAV max-instances, RFC 4791 §5.2.7).
    public static func lines(
        forCalendarText calendarText: [UInt8],
        from: String,
        to: String,
        timeZone: String?,
        maxInstances: Int
    ) throws(InstanceListerError) -> [String] {
        let calendar: VCalendar
        do throws(CalendarValidationError) {
            calendar = try VCalendar.parse(calendarText)
        } catch {
            throw .unparsable(String(describing: error))
        }
        guard let start = parseUTC(from) else { throw .invalidRange(from) }
        guard let end = parseUTC(to), end > start else { throw .invalidRange(to) }
        var floating = ResolvedTimeZone.utc
        if let timeZone {
            guard let zone = TimeZoneResolver(calendar: calendar).zone(forTZID: timeZone) else {
                throw .unknownTimeZone(timeZone)
            }
            floating = zone
        }
        let limits = ExpansionLimits(maxInstances: maxInstances)
        var instances: [RecurrenceInstance] = []
        do throws(RecurrenceSetError) {
            for set in try RecurrenceSet.sets(in: calendar, floatingZone: floating, limits: limits) {
                instances += try set.instances(from: start, to: end)
                if instances.count > maxInstances { throw RecurrenceSetError.tooManyInstances(limit: maxInstances) }
            }
        } catch {
            throw .expansion(error)
        }
        instances.sort { ($0.start, $0.recurrenceID) < ($1.start, $1.recurrenceID) }
        return instances.map(line)
    }

    /// One output line: `RECURRENCE-ID START END` (RFC 4791 §9.9).
    public static func line(_ instance: RecurrenceInstance) -> String {
        if instance.isAllDay {
            return [instance.localRecurrenceID, instance.localStart, instance.localEnd].map(ICalText.date).joined(
                separator: " "
            )
        }
        return [instance.recurrenceID, instance.start, instance.end].map(utcText).joined(separator: " ")
    }

    /// `YYYYMMDDTHHMMSSZ` of UTC seconds; `-` for an unbounded end.
    static func utcText(_ seconds: Int64) -> String {
        if seconds == Int64.min || seconds == Int64.max { return "-" }
        return ICalText.dateTime(LocalTimestamp(secondsSinceEpoch: seconds).civil) + "Z"
    }

    /// Parses `2026-01-01T00:00:00Z`, `20260101T000000Z` or a date `2026-01-01` (UTC midnight) (RFC 4791 §9.9).
    public static func parseUTC(_ text: String) -> Int64? {
        let compact = text.filter { $0 != "-" && $0 != ":" }
        guard let parsed = ICalText.parse(compact), parsed.isDate || parsed.isUTC else { return nil }
        return parsed.value.timestamp.secondsSinceEpoch
    }
}
