import CalDAV
import ICalendarFormat
import Recurrence
import Testing

@Suite("CALDAV:time-range on components (RFC 4791 §9.9)")
struct CalendarFilterTimeRangeTests {
    @Test("A weekly rule in Europe/Berlin keeps its wall-clock time across the DST change")
    func weeklyRuleMatchesAcrossDSTChange() throws {
        let calendar = try QueryTestSupport.calendar(
            QueryTestSupport.berlin + """

                BEGIN:VEVENT
                UID:weekly
                DTSTAMP:20260101T000000Z
                DTSTART;TZID=Europe/Berlin:20260316T100000
                DURATION:PT30M
                RRULE:FREQ=WEEKLY
                END:VEVENT
                """
        )
        #expect(try QueryTestSupport.eventsBetween("20260323T090000Z", "20260323T091500Z").matches(calendar))
        #expect(try QueryTestSupport.eventsBetween("20260330T080000Z", "20260330T081500Z").matches(calendar))
        #expect(try !QueryTestSupport.eventsBetween("20260330T090000Z", "20260330T093000Z").matches(calendar))
    }

    static let movedInstance = """
        BEGIN:VEVENT
        UID:moved
        DTSTAMP:20260101T000000Z
        DTSTART:20260302T100000Z
        DURATION:PT1H
        RRULE:FREQ=WEEKLY;COUNT=4
        END:VEVENT
        BEGIN:VEVENT
        UID:moved
        DTSTAMP:20260101T000000Z
        RECURRENCE-ID:20260309T100000Z
        DTSTART:20260311T100000Z
        DURATION:PT1H
        END:VEVENT
        """

    @Test("An override moved into the range makes the event match")
    func overrideMovedIntoRangeMatches() throws {
        let calendar = try QueryTestSupport.calendar(Self.movedInstance)
        #expect(try QueryTestSupport.eventsBetween("20260311T000000Z", "20260312T000000Z").matches(calendar))
    }

    @Test("An override moved out of the range leaves no instance there")
    func overrideMovedOutOfRangeDoesNotMatch() throws {
        let calendar = try QueryTestSupport.calendar(Self.movedInstance)
        #expect(try !QueryTestSupport.eventsBetween("20260309T000000Z", "20260310T000000Z").matches(calendar))
        #expect(try QueryTestSupport.eventsBetween("20260316T000000Z", "20260317T000000Z").matches(calendar))
    }

    @Test("An all-day event starting exactly at the query end does not match (half-open ranges)")
    func allDayEventStartingAtQueryEndDoesNotMatch() throws {
        let event = try QueryTestSupport.event("DTSTART;VALUE=DATE:20260310")
        #expect(try !QueryTestSupport.eventsBetween("20260309T000000Z", "20260310T000000Z").matches(event))
        #expect(try QueryTestSupport.eventsBetween("20260309T000000Z", "20260310T000001Z").matches(event))
    }

    @Test("An all-day event ending exactly at the query start does not match")
    func allDayEventEndingAtQueryStartDoesNotMatch() throws {
        let event = try QueryTestSupport.event("DTSTART;VALUE=DATE:20260310\nDTEND;VALUE=DATE:20260311")
        #expect(try !QueryTestSupport.eventsBetween("20260311T000000Z", "20260312T000000Z").matches(event))
        #expect(try QueryTestSupport.eventsBetween("20260310T235959Z", "20260312T000000Z").matches(event))
    }

    @Test("All-day and floating values are read in the query's time zone")
    func floatingValuesFollowTheQueryTimeZone() throws {
        let allDay = try QueryTestSupport.event("DTSTART;VALUE=DATE:20260310")
        let floating = try QueryTestSupport.event("DTSTART:20260310T003000\nDURATION:PT15M")
        let lateOnTheNinthUTC = try QueryTestSupport.eventsBetween("20260309T233000Z", "20260309T234500Z")
        let berlin = try #require(TimeZoneResolver.systemZone(named: "Europe/Berlin"))
        #expect(!lateOnTheNinthUTC.matches(allDay))
        #expect(lateOnTheNinthUTC.matches(allDay, floatingZone: berlin))
        #expect(!lateOnTheNinthUTC.matches(floating))
        #expect(lateOnTheNinthUTC.matches(floating, floatingZone: berlin))
    }

    @Test("VTODO with only DUE: start < DUE and end >= DUE")
    func todoWithDueOnlyMatchesRangesReachingTheDue() throws {
        let todo = try QueryTestSupport.todo("DUE:20260310T120000Z")
        #expect(try QueryTestSupport.todosBetween("20260310T000000Z", "20260310T120000Z").matches(todo))
        #expect(try !QueryTestSupport.todosBetween("20260310T120000Z", "20260310T130000Z").matches(todo))
        #expect(try !QueryTestSupport.todosBetween("20260310T000000Z", "20260310T115959Z").matches(todo))
    }

    @Test("VTODO with DTSTART and DURATION: start <= DTSTART+DURATION and end > DTSTART")
    func todoWithStartAndDurationMatchesItsSpan() throws {
        let todo = try QueryTestSupport.todo("DTSTART:20260310T100000Z\nDURATION:PT1H")
        #expect(try QueryTestSupport.todosBetween("20260310T110000Z", "20260310T120000Z").matches(todo))
        #expect(try !QueryTestSupport.todosBetween("20260310T110001Z", "20260310T120000Z").matches(todo))
        #expect(try !QueryTestSupport.todosBetween("20260310T090000Z", "20260310T100000Z").matches(todo))
    }

    @Test("VTODO with only COMPLETED: start <= COMPLETED and end >= COMPLETED")
    func todoWithCompletedOnlyMatchesRangesHoldingIt() throws {
        let todo = try QueryTestSupport.todo("COMPLETED:20260310T100000Z")
        #expect(try QueryTestSupport.todosBetween("20260310T090000Z", "20260310T100000Z").matches(todo))
        #expect(try !QueryTestSupport.todosBetween("20260310T100001Z", "20260310T110000Z").matches(todo))
    }

    @Test("VTODO with only CREATED: end > CREATED")
    func todoWithCreatedOnlyMatchesRangesEndingAfterIt() throws {
        let todo = try QueryTestSupport.todo("CREATED:20260310T100000Z")
        #expect(try QueryTestSupport.todosBetween("20300101T000000Z", "20300102T000000Z").matches(todo))
        #expect(try !QueryTestSupport.todosBetween("20260301T000000Z", "20260310T100000Z").matches(todo))
    }

    @Test("VTODO with none of DTSTART, DUE, COMPLETED, CREATED matches every range")
    func todoWithoutDatesMatchesEveryRange() throws {
        let todo = try QueryTestSupport.todo("SUMMARY:Someday")
        #expect(try QueryTestSupport.todosBetween("19990101T000000Z", "19990102T000000Z").matches(todo))
    }

    @Test("VALARM time-range tests each instance's trigger")
    func alarmTimeRangeTestsTriggersOfEachInstance() throws {
        let event = try QueryTestSupport.event(
            """
            DTSTART:20260310T100000Z
            DURATION:PT1H
            RRULE:FREQ=WEEKLY;COUNT=3
            BEGIN:VALARM
            ACTION:DISPLAY
            DESCRIPTION:Soon
            TRIGGER:-PT15M
            END:VALARM
            """
        )
        func alarms(_ start: String, _ end: String) throws -> Bool {
            try QueryTestSupport.filter(
                """
                <C:comp-filter name="VEVENT"><C:comp-filter name="VALARM">
                <C:time-range start="\(start)" end="\(end)"/></C:comp-filter></C:comp-filter>
                """
            ).matches(event)
        }
        #expect(try alarms("20260317T094000Z", "20260317T095000Z"))
        #expect(try !alarms("20260317T095000Z", "20260317T103000Z"))
        #expect(try !alarms("20260331T094000Z", "20260331T095000Z"))
    }

    @Test("An unbounded FREQ=SECONDLY rule is tested quickly, far from its start")
    func unboundedSecondlyRuleTerminatesFast() throws {
        let every = try QueryTestSupport.event("DTSTART:20260101T000000Z\nRRULE:FREQ=SECONDLY")
        let never = try QueryTestSupport.event("DTSTART:20260101T000000Z\nRRULE:FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30")
        let clock = ContinuousClock()
        let start = clock.now
        #expect(try QueryTestSupport.eventsBetween("20400601T000000Z", "20400602T000000Z").matches(every))
        #expect(try !QueryTestSupport.eventsBetween("20400601T000000Z", "20400602T000000Z").matches(never))
        #expect(try QueryTestSupport.filter("<C:comp-filter name=\"VEVENT\"/>").matches(every))
        #expect(clock.now - start < .seconds(10))
    }
}
