/// The period generator behind `RecurrenceIterator`: for period number `p` of a rule
/// (`FREQ`×`INTERVAL` after DTSTART's period) it writes the candidate local timestamps, in order,
/// after BYxxx expansion/limiting and `BYSETPOS` (RFC 5545 §3.3.10, table on page 44).
///
/// Coarse frequencies (YEARLY…DAILY) build the period's day set with the day filters of
/// `PeriodMasks`, then cross it with the sorted times of day. Fine frequencies (HOURLY…SECONDLY)
/// test the period against the limiting parts and add the constant in-period offsets; periods that
/// fail a day, hour or minute filter are skipped a whole day, hour or minute at a time.
struct PeriodEngine: Sendable {
    enum FillResult { case ok, pastMaxYear }

    let calendar = GregorianCalendar()
    let frequency: RecurrenceRule.Frequency
    let interval: Int64
    let masks: PeriodMasks
    /// Seconds of the day of each instance in a day (coarse frequencies), sorted.
    let timesOfDay: [Int64]
    /// Offsets of instances within a period (fine frequencies), sorted, BYSETPOS applied.
    let offsets: [Int64]
    let setPositions: [Int]
    let baseYear: Int
    let baseMonthIndex: Int64
    let baseWeekStart: Int64
    let baseDay: Int64
    let baseSecond: Int64
    let periodLength: Int64
    let maxYear: Int
    let maxDay: Int64
    let needsYearInfo: Bool
    /// Days a period spans, the weight of an empty period against `ExpansionLimits.maxEmptyIterations`.
    var daysPerPeriod: Int {
        switch frequency {
        case .yearly: 366
        case .monthly: 31
        case .weekly: 7
        case .daily, .hourly, .minutely, .secondly: 1
        }
    }

    /// Instances per period when every period holds the same number, else nil.
    private(set) var uniformCount: Int?
    /// When every period holds exactly one instance at the same offset: instance `p` is
    /// `first + p * step`, up to `last`. The iterator then skips the period machinery.
    private(set) var simpleStride: (first: Int64, step: Int64, last: Int64)?

    init(rule: RecurrenceRule, start: CivilDateTime, isDate: Bool, maxYear: Int) {
        frequency = rule.frequency
        interval = Int64(rule.interval)
        masks = PeriodMasks(rule: rule, start: start)
        setPositions = rule.bySetPos
        self.maxYear = maxYear
        maxDay = calendar.dayNumber(year: maxYear + 1, month: 1, day: 1) - 1
        needsYearInfo = masks.hasYearDay || masks.hasWeekNo || masks.ordinalsWithinYear
        let startSecond = start.timestamp.secondsSinceEpoch
        let startDay = start.dayNumber
        baseYear = start.year
        baseMonthIndex = calendar.monthIndex(year: start.year, month: start.month)
        baseWeekStart = startDay - Int64((start.weekday.rawValue - masks.weekStart.rawValue + 7) % 7)
        baseDay = startDay
        let seconds = rule.bySecond.filter { $0 < 60 }
        let secondList = rule.bySecond.isEmpty ? [start.second] : seconds
        let minuteList = rule.byMinute.isEmpty ? [start.minute] : rule.byMinute
        let hourList = rule.byHour.isEmpty ? [start.hour] : rule.byHour
        switch rule.frequency {
        case .hourly: periodLength = 3600
        case .minutely: periodLength = 60
        default: periodLength = 1
        }
        baseSecond = startSecond - GregorianMath.floorMod(startSecond, periodLength)
        if isDate {
            timesOfDay = [0]
        } else {
            timesOfDay = Self.product(
                hourList.map { Int64($0) * 3600 },
                minuteList.map { Int64($0) * 60 },
                secondList.map { Int64($0) }
            )
        }
        let inPeriod: [Int64]
        switch rule.frequency {
        case .hourly: inPeriod = Self.product(minuteList.map { Int64($0) * 60 }, secondList.map { Int64($0) })
        case .minutely: inPeriod = secondList.map { Int64($0) }.sorted()
        default: inPeriod = [0]
        }
        offsets = Self.select(positions: rule.bySetPos, count: inPeriod.count) { inPeriod[$0] }
        uniformCount = nil
        simpleStride = nil
        uniformCount = computeUniformCount()
        simpleStride = computeSimpleStride()
    }

    private func computeSimpleStride() -> (first: Int64, step: Int64, last: Int64)? {
        guard uniformCount == 1, setPositions.isEmpty else { return nil }
        let last = maxDay * 86_400 + 86_399
        switch frequency {
        case .daily:
            return (baseDay * 86_400 + timesOfDay[0], interval * 86_400, last)
        case .weekly:
            let bits = masks.plainWeekdays
            guard let offset = (0..<7).first(where: { bits & (1 << UInt8((masks.weekStart.rawValue + $0) % 7)) != 0 })
            else { return nil }
            return ((baseWeekStart + Int64(offset)) * 86_400 + timesOfDay[0], interval * 7 * 86_400, last)
        case .hourly, .minutely, .secondly:
            return (baseSecond + offsets[0], periodLength * interval, last)
        case .monthly, .yearly:
            return nil
        }
    }

    private static func product(_ parts: [Int64]...) -> [Int64] {
        if parts.allSatisfy({ $0.count == 1 }) { return [parts.reduce(0) { $0 + $1[0] }] }
        var result: [Int64] = [0]
        for part in parts { result = result.flatMap { base in part.map { base + $0 } } }
        return Array(Set(result)).sorted()
    }

    /// `BYSETPOS` (RFC 5545 §3.3.10): the n-th (or n-th from last) members of an ordered set.
    private static func select(positions: [Int], count: Int, value: (Int) -> Int64) -> [Int64] {
        guard !positions.isEmpty else { return (0..<count).map(value) }
        var picked: [Int64] = []
        for position in positions {
            let index = position > 0 ? position - 1 : count + position
            if index >= 0, index < count { picked.append(value(index)) }
        }
        return Array(Set(picked)).sorted()
    }

    private func computeUniformCount() -> Int? {
        switch frequency {
        case .yearly, .monthly:
            return nil
        case .weekly:
            let onlyWeekdays =
                masks.monthMask == 0 && masks.monthDayPositive | masks.monthDayNegative == 0 && !masks.hasYearDay
                && !masks.hasWeekNo && masks.ordinalWeekdays.isEmpty
            guard onlyWeekdays else { return nil }
        case .daily:
            guard !masks.filtersDays else { return nil }
        case .hourly, .minutely, .secondly:
            guard !masks.filtersDays, masks.hourMask == 0, masks.minuteMask == 0, masks.secondMask == 0 else {
                return nil
            }
        }
        var period: Int64 = 0
        var scratch: [Int64] = []
        _ = fill(period: &period, into: &scratch)
        return scratch.count
    }

    /// How many instances of period 0 are at or after `start`.
    func instancesInFirstPeriod(from start: Int64) -> Int {
        var period: Int64 = 0
        var scratch: [Int64] = []
        _ = fill(period: &period, into: &scratch)
        return scratch.count(where: { $0 >= start })
    }

    /// The number of the period that holds local time `target` (or the last one before it).
    func period(containing target: Int64) -> Int64 {
        let day = GregorianMath.floorDiv(target, 86_400)
        switch frequency {
        case .yearly:
            return GregorianMath.floorDiv(Int64(calendar.date(ofDayNumber: day).year - baseYear), interval)
        case .monthly:
            let date = calendar.date(ofDayNumber: day)
            return GregorianMath.floorDiv(
                calendar.monthIndex(year: date.year, month: date.month) - baseMonthIndex,
                interval
            )
        case .weekly:
            return GregorianMath.floorDiv(day - baseWeekStart, 7 * interval)
        case .daily:
            return GregorianMath.floorDiv(day - baseDay, interval)
        case .hourly, .minutely, .secondly:
            return GregorianMath.floorDiv(target - baseSecond, periodLength * interval)
        }
    }

    /// Writes the instances of period `period` into `buffer` (emptied by the caller). Fine
    /// frequencies may advance `period` past periods that cannot match.
    func fill(period: inout Int64, into buffer: inout [Int64]) -> FillResult {
        switch frequency {
        case .yearly:
            let year = baseYear + Int(period * interval)
            guard year <= maxYear else { return .pastMaxYear }
            let info: YearInfo? = YearInfo(
                year: year,
                calendar: calendar,
                weekStart: masks.weekStart,
                needsWeeks: masks.hasWeekNo
            )
            for month in 1...calendar.monthsInYear(year)
            where masks.monthMask == 0 || masks.monthMask & (1 << UInt16(month)) != 0 {
                appendDays(year: year, month: month, info: info, into: &buffer)
            }
        case .monthly:
            let index = baseMonthIndex + period * interval
            let (year, month) = calendar.yearAndMonth(ofMonthIndex: index)
            guard year <= maxYear else { return .pastMaxYear }
            if masks.monthMask == 0 || masks.monthMask & (1 << UInt16(month)) != 0 {
                let info =
                    needsYearInfo
                    ? YearInfo(year: year, calendar: calendar, weekStart: masks.weekStart, needsWeeks: masks.hasWeekNo)
                    : nil
                appendDays(year: year, month: month, info: info, into: &buffer)
            }
        case .weekly:
            let first = baseWeekStart + period * 7 * interval
            for day in first..<(first + 7) {
                let date = calendar.date(ofDayNumber: day)
                guard date.year <= maxYear else { return .pastMaxYear }
                if matches(day: day, date: date) { buffer.append(day) }
            }
        case .daily:
            let day = baseDay + period * interval
            if masks.filtersDays {
                let date = calendar.date(ofDayNumber: day)
                guard date.year <= maxYear else { return .pastMaxYear }
                if matches(day: day, date: date) { buffer.append(day) }
            } else {
                guard day <= maxDay else { return .pastMaxYear }
                if setPositions.isEmpty {
                    let base = day * 86_400
                    for time in timesOfDay { buffer.append(base + time) }
                    return .ok
                }
                buffer.append(day)
            }
        case .hourly, .minutely, .secondly:
            return fillFine(period: &period, into: &buffer)
        }
        expandDays(in: &buffer)
        return .ok
    }

    private func matches(day: Int64, date: (year: Int, month: Int, day: Int)) -> Bool {
        let info =
            needsYearInfo
            ? YearInfo(year: date.year, calendar: calendar, weekStart: masks.weekStart, needsWeeks: masks.hasWeekNo)
            : nil
        return masks.matches(
            day: day,
            month: date.month,
            dayOfMonth: date.day,
            monthLength: calendar.daysInMonth(year: date.year, month: date.month),
            year: info
        )
    }

    private func appendDays(year: Int, month: Int, info: YearInfo?, into buffer: inout [Int64]) {
        let length = calendar.daysInMonth(year: year, month: month)
        let first = calendar.dayNumber(year: year, month: month, day: 1)
        for dayOfMonth in 1...length {
            let day = first + Int64(dayOfMonth - 1)
            if masks.matches(day: day, month: month, dayOfMonth: dayOfMonth, monthLength: length, year: info) {
                buffer.append(day)
            }
        }
    }

    /// Turns the day numbers in `buffer` into timestamps: days × times of day, then BYSETPOS.
    private func expandDays(in buffer: inout [Int64]) {
        if setPositions.isEmpty, timesOfDay.count == 1 {
            let time = timesOfDay[0]
            for index in buffer.indices { buffer[index] = buffer[index] * 86_400 + time }
            return
        }
        let days = buffer
        let times = timesOfDay
        let total = days.count * times.count
        buffer = Self.select(positions: setPositions, count: total) { index in
            days[index / times.count] * 86_400 + times[index % times.count]
        }
    }

    private func fillFine(period: inout Int64, into buffer: inout [Int64]) -> FillResult {
        let step = periodLength * interval
        let periodStart = baseSecond + period * step
        let day = GregorianMath.floorDiv(periodStart, 86_400)
        if masks.filtersDays || day > maxDay {
            let date = calendar.date(ofDayNumber: day)
            guard date.year <= maxYear else { return .pastMaxYear }
            if masks.filtersDays, !matches(day: day, date: date) {
                period = firstPeriod(atOrAfter: (day + 1) * 86_400, step: step) - 1
                return .ok
            }
        }
        let secondOfDay = periodStart - day * 86_400
        if masks.hourMask != 0 {
            let hour = secondOfDay / 3600
            if masks.hourMask & (1 << UInt32(hour)) == 0 {
                period = firstPeriod(atOrAfter: day * 86_400 + (hour + 1) * 3600, step: step) - 1
                return .ok
            }
        }
        if masks.minuteMask != 0 {
            let minuteStart = periodStart - GregorianMath.floorMod(periodStart, 60)
            if masks.minuteMask & (1 << UInt64(secondOfDay / 60 % 60)) == 0 {
                period = firstPeriod(atOrAfter: minuteStart + 60, step: step) - 1
                return .ok
            }
        }
        if masks.secondMask != 0, masks.secondMask & (1 << UInt64(secondOfDay % 60)) == 0 {
            return .ok
        }
        for offset in offsets { buffer.append(periodStart + offset) }
        return .ok
    }

    private func firstPeriod(atOrAfter target: Int64, step: Int64) -> Int64 {
        let distance = target - baseSecond
        return GregorianMath.floorDiv(distance + step - 1, step)
    }
}
