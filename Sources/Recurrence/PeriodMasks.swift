/// A rule's BYxxx parts compiled into bit masks, with the defaults taken from DTSTART applied
/// (RFC 5545 §3.3.10: "Information, not contained in the rule, necessary to determine the
/// various recurrence instance start time and dates are derived from the Start Time").
///
/// Day-level parts act as filters on candidate days; time-level parts become either a list of
/// times (when they expand) or masks (when they limit), per the table on RFC 5545 page 44.
struct PeriodMasks: Sendable {
    var monthMask: UInt16 = 0
    var monthDayPositive: UInt32 = 0
    var monthDayNegative: UInt32 = 0
    var yearDayPositive = YearDayBits()
    var yearDayNegative = YearDayBits()
    var hasYearDay = false
    var weekNoPositive: UInt64 = 0
    var weekNoNegative: UInt64 = 0
    var plainWeekdays: UInt8 = 0
    var ordinalWeekdays: [RecurrenceRule.WeekdayNumber] = []
    /// Ordinal BYDAY entries count within the year (YEARLY without BYMONTH) rather than the month.
    var ordinalsWithinYear = false
    var hourMask: UInt32 = 0
    var minuteMask: UInt64 = 0
    var secondMask: UInt64 = 0
    var weekStart: Weekday = .monday

    /// Whether any day-level filter is present.
    var filtersDays: Bool {
        monthMask != 0 || monthDayPositive | monthDayNegative != 0 || hasYearDay
            || weekNoPositive | weekNoNegative != 0 || plainWeekdays != 0 || !ordinalWeekdays.isEmpty
    }

    var hasWeekNo: Bool { weekNoPositive | weekNoNegative != 0 }

    init(rule: RecurrenceRule, start: CivilDateTime) {
        weekStart = rule.effectiveWeekStart
        var byMonth = rule.byMonth
        var byMonthDay = rule.byMonthDay
        var byDay = rule.byDay
        if rule.byWeekNo.isEmpty, rule.byYearDay.isEmpty, rule.byMonthDay.isEmpty, rule.byDay.isEmpty {
            switch rule.frequency {
            case .yearly:
                if byMonth.isEmpty { byMonth = [start.month] }
                byMonthDay = [start.day]
            case .monthly:
                byMonthDay = [start.day]
            case .weekly:
                byDay = [RecurrenceRule.WeekdayNumber(start.weekday)]
            default:
                break
            }
        }
        for month in byMonth { monthMask |= 1 << UInt16(month) }
        for day in byMonthDay {
            if day > 0 { monthDayPositive |= 1 << UInt32(day) } else { monthDayNegative |= 1 << UInt32(-day) }
        }
        for day in rule.byYearDay {
            hasYearDay = true
            if day > 0 { yearDayPositive.insert(day) } else { yearDayNegative.insert(-day) }
        }
        for week in rule.byWeekNo {
            if week > 0 { weekNoPositive |= 1 << UInt64(week) } else { weekNoNegative |= 1 << UInt64(-week) }
        }
        for entry in byDay {
            if entry.ordinal == 0 {
                plainWeekdays |= 1 << UInt8(entry.weekday.rawValue)
            } else {
                ordinalWeekdays.append(entry)
            }
        }
        ordinalsWithinYear = rule.frequency == .yearly && byMonth.isEmpty
        if rule.frequency <= .hourly { for hour in rule.byHour { hourMask |= 1 << UInt32(hour) } }
        if rule.frequency <= .minutely { for minute in rule.byMinute { minuteMask |= 1 << UInt64(minute) } }
        if rule.frequency == .secondly {
            for second in rule.bySecond where second < 60 { secondMask |= 1 << UInt64(second) }
        }
        if rule.frequency == .secondly, !rule.bySecond.isEmpty, secondMask == 0 {
            secondMask = 1 << 63
        }
    }

    /// Whether a day passes every day-level BYxxx filter.
    @inline(__always)
    func matches(day: Int64, month: Int, dayOfMonth: Int, monthLength: Int, year: YearInfo?) -> Bool {
        if monthMask != 0, monthMask & (1 << UInt16(month)) == 0 { return false }
        if monthDayPositive | monthDayNegative != 0 {
            let fromEnd = monthLength - dayOfMonth + 1
            if monthDayPositive & (1 << UInt32(dayOfMonth)) == 0, monthDayNegative & (1 << UInt32(fromEnd)) == 0 {
                return false
            }
        }
        let weekday = Int(GregorianMath.floorMod(day + 3, 7))
        if plainWeekdays != 0 || !ordinalWeekdays.isEmpty {
            if plainWeekdays & (1 << UInt8(weekday)) == 0 {
                guard
                    matchesOrdinal(
                        day: day,
                        weekday: weekday,
                        dayOfMonth: dayOfMonth,
                        monthLength: monthLength,
                        year: year
                    )
                else { return false }
            }
        }
        if hasYearDay {
            guard let year else { return false }
            let dayOfYear = Int(day - year.firstDay) + 1
            if !yearDayPositive.contains(dayOfYear), !yearDayNegative.contains(year.length - dayOfYear + 1) {
                return false
            }
        }
        if hasWeekNo {
            guard let year, matchesWeekNumber(day: day, year: year) else { return false }
        }
        return true
    }

    private func matchesOrdinal(day: Int64, weekday: Int, dayOfMonth: Int, monthLength: Int, year: YearInfo?) -> Bool {
        let position: Int
        let length: Int
        if ordinalsWithinYear, let year {
            position = Int(day - year.firstDay) + 1
            length = year.length
        } else {
            position = dayOfMonth
            length = monthLength
        }
        let fromStart = (position - 1) / 7 + 1
        let fromEnd = -((length - position) / 7 + 1)
        for entry in ordinalWeekdays where entry.weekday.rawValue == weekday {
            if entry.ordinal == fromStart || entry.ordinal == fromEnd { return true }
        }
        return false
    }

    /// BYWEEKNO: the week (starting on WKST) that holds the day is numbered within the year that
    /// has at least four of its days (RFC 5545 §3.3.10, ISO 8601).
    private func matchesWeekNumber(day: Int64, year: YearInfo) -> Bool {
        let weekStartDay: Int64
        let nextWeekYearStart: Int64
        if day < year.weekOneStart {
            weekStartDay = year.previousWeekOneStart
            nextWeekYearStart = year.weekOneStart
        } else if day >= year.nextWeekOneStart {
            weekStartDay = year.nextWeekOneStart
            nextWeekYearStart = year.followingWeekOneStart
        } else {
            weekStartDay = year.weekOneStart
            nextWeekYearStart = year.nextWeekOneStart
        }
        let week = Int((day - weekStartDay) / 7) + 1
        let weeks = Int((nextWeekYearStart - weekStartDay) / 7)
        return weekNoPositive & (1 << UInt64(week)) != 0 || weekNoNegative & (1 << UInt64(weeks - week + 1)) != 0
    }
}

/// Facts about one calendar year needed by the day filters (RFC 5545 §3.3.10 BYYEARDAY, BYWEEKNO).
struct YearInfo: Sendable {
    var year: Int
    var firstDay: Int64
    var length: Int
    var previousWeekOneStart: Int64
    var weekOneStart: Int64
    var nextWeekOneStart: Int64
    var followingWeekOneStart: Int64

    init(year: Int, calendar: some CalendarSystem, weekStart: Weekday, needsWeeks: Bool) {
        self.year = year
        firstDay = calendar.dayNumber(year: year, month: 1, day: 1)
        length = calendar.daysInYear(year)
        if needsWeeks {
            previousWeekOneStart = GregorianMath.firstDayOfWeekOne(year: year - 1, weekStart: weekStart)
            weekOneStart = GregorianMath.firstDayOfWeekOne(year: year, weekStart: weekStart)
            nextWeekOneStart = GregorianMath.firstDayOfWeekOne(year: year + 1, weekStart: weekStart)
            followingWeekOneStart = GregorianMath.firstDayOfWeekOne(year: year + 2, weekStart: weekStart)
        } else {
            previousWeekOneStart = 0
            weekOneStart = 0
            nextWeekOneStart = 0
            followingWeekOneStart = 0
        }
    }
}

/// A set of day-of-year numbers 1…366.
struct YearDayBits: Sendable {
    private var words: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0)

    mutating func insert(_ value: Int) {
        let bit = UInt64(1) << UInt64(value & 63)
        switch value >> 6 {
        case 0: words.0 |= bit
        case 1: words.1 |= bit
        case 2: words.2 |= bit
        case 3: words.3 |= bit
        case 4: words.4 |= bit
        default: words.5 |= bit
        }
    }

    func contains(_ value: Int) -> Bool {
        guard value >= 0, value <= 366 else { return false }
        let bit = UInt64(1) << UInt64(value & 63)
        switch value >> 6 {
        case 0: return words.0 & bit != 0
        case 1: return words.1 & bit != 0
        case 2: return words.2 & bit != 0
        case 3: return words.3 & bit != 0
        case 4: return words.4 & bit != 0
        default: return words.5 & bit != 0
        }
    }
}
