import ICalendarFormat
import MIMEDir
import Testing

@Suite("iCalendar value types")
struct ValueTypeTests {
    @Test("RFC 5545 §3.3.4/§3.3.5: DATE, floating, UTC and TZID date-times parse with their form")
    func parsesDateTimes() throws {
        #expect(ICalDateTime.parse("19970714") == ICalDateTime(year: 1997, month: 7, day: 14))
        let utc = try #require(ICalDateTime.parse("19980119T070000Z"))
        #expect(utc.isUTC && utc.hour == 7)
        #expect(ICalDateTime.parse("19980118T230000")?.form == .floating)
        #expect(ICalDateTime.parse("19980119T020000", tzid: "America/New_York")?.tzid == "America/New_York")
        #expect(ICalDateTime.parse("19980119T020000Z", tzid: "America/New_York")?.isUTC == true)
    }

    @Test("RFC 5545 §3.3.5: out-of-range fields and malformed text are refused")
    func refusesBadDateTimes() {
        for text in [
            "19970230", "19971314", "1997071", "19970714T250000", "19970714T1200", "19970714X120000", "abcd0714",
        ] {
            #expect(ICalDateTime.parse(text) == nil, "\(text)")
        }
        #expect(ICalDateTime.parse("20240229") != nil)
        #expect(ICalDateTime.parse("20230229") == nil)
        #expect(ICalDateTime.parse("19981231T235960Z") != nil)
    }

    @Test("RFC 5545 §3.2.20: VALUE=DATE and TZID parameters drive property parsing")
    func readsPropertyParameters() throws {
        let date = Property(name: "DTSTART", parameters: [Parameter(name: "VALUE", value: "DATE")], value: "20240101")
        #expect(ICalDateTime(property: date)?.isDate == true)
        let wrong = Property(
            name: "DTSTART",
            parameters: [Parameter(name: "VALUE", value: "DATE")],
            value: "20240101T100000"
        )
        #expect(ICalDateTime(property: wrong) == nil)
        let zoned = Property(
            name: "DTSTART",
            parameters: [Parameter(name: "TZID", value: "Europe/Berlin")],
            value: "20240101T100000"
        )
        let value = try #require(ICalDateTime(property: zoned))
        #expect(value.makeProperty(name: "DTSTART") == zoned)
    }

    @Test("RFC 5545 §3.3.5: value text round-trips and field seconds count from 1970")
    func formatsDateTimes() {
        for text in ["19970714", "19970714T133000Z", "20250101T000000"] {
            #expect(ICalDateTime.parse(text)?.valueText == text)
        }
        #expect(ICalDateTime.parse("19700102T000001Z")?.fieldSeconds == 86_401)
        #expect(ICalDateTime(year: 2000, month: 3, day: 1).dayNumber == 11_017)
    }

    @Test("RFC 5545 §3.3.6: durations parse with sign, weeks, days and time")
    func parsesDurations() throws {
        let duration = try #require(ICalDuration.parse("P15DT5H0M20S"))
        #expect(duration.days == 15 && duration.hours == 5 && duration.seconds == 20)
        #expect(ICalDuration.parse("P7W")?.nominalDays == 49)
        #expect(ICalDuration.parse("-PT15M")?.totalSeconds == -900)
        #expect(ICalDuration.parse("+PT1H")?.exactSeconds == 3_600)
        for bad in ["", "P", "PT", "P1H", "PT1D", "1D", "P1DT", "P-1D", "PXD"] {
            #expect(ICalDuration.parse(bad) == nil, "\(bad)")
        }
        #expect(ICalDuration.parse("-PT15M")?.valueText == "-PT15M")
        #expect(ICalDuration(totalSeconds: 90_061).valueText == "P1DT1H1M1S")
        #expect(ICalDuration().valueText == "PT0S")
    }

    @Test("RFC 5545 §3.3.9: periods with explicit end or duration")
    func parsesPeriods() throws {
        let explicit = try #require(ICalPeriod.parse("19970101T180000Z/19970102T070000Z"))
        #expect(explicit.end == .dateTime(ICalDateTime(year: 1997, month: 1, day: 2, hour: 7, form: .utc)))
        let relative = try #require(ICalPeriod.parse("19970101T180000Z/PT5H30M"))
        #expect(relative.end == .duration(ICalDuration(hours: 5, minutes: 30)))
        #expect(relative.valueText == "19970101T180000Z/PT5H30M")
        #expect(ICalPeriod.parse("19970101/19970102") == nil)
    }

    @Test("RFC 5545 §3.3.14: UTC offsets, with -0000 refused")
    func parsesOffsets() {
        #expect(UTCOffset.parse("-0500")?.totalSeconds == -18_000)
        #expect(UTCOffset.parse("+0100")?.valueText == "+0100")
        #expect(UTCOffset.parse("+053045")?.totalSeconds == 19_845)
        #expect(UTCOffset.parse("-0000") == nil)
        #expect(UTCOffset.parse("+01:00")?.totalSeconds == 3_600)
        #expect(UTCOffset.parse("0100") == nil)
    }

    @Test("RFC 5545 §3.8.5.2: RDATE accepts DATE, DATE-TIME and PERIOD lists")
    func parsesRecurrenceDates() throws {
        let periods = Property(
            name: "RDATE",
            parameters: [Parameter(name: "VALUE", value: "PERIOD")],
            value: "19960403T020000Z/19960403T040000Z,19960404T010000Z/PT3H"
        )
        #expect(RecurrenceDate.values(of: periods)?.count == 2)
        let dates = Property(
            name: "RDATE",
            parameters: [Parameter(name: "VALUE", value: "DATE")],
            value: "19970101,19970120"
        )
        #expect(RecurrenceDate.values(of: dates)?.map(\.start.day) == [1, 20])
        #expect(RecurrenceDate.values(of: Property(name: "RDATE", value: "1997X")) == nil)
    }
}
