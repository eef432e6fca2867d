import ICalendarFormat
import MIMEDir
import Testing

@Suite("jCal, xCal, partial data and the check/convert entry points")
struct OutputFormatTests {
    static let event = """
        BEGIN:VCALENDAR\r
        VERSION:2.0\r
        PRODID:-//T//EN\r
        BEGIN:VEVENT\r
        UID:1@x\r
        DTSTAMP:20240101T120000Z\r
        DTSTART;TZID=Europe/Berlin:20240105T090000\r
        DURATION:PT1H\r
        RRULE:FREQ=WEEKLY;COUNT=5;BYDAY=MO,FR;UNTIL=20240301T000000Z\r
        EXDATE;VALUE=DATE:20240108,20240112\r
        CATEGORIES:a\\,b,c\r
        SUMMARY:Say "hi" <now> & go\\; ok\r
        GEO:37.386013;-122.082932\r
        SEQUENCE:2\r
        ATTENDEE;MEMBER="mailto:a@x","mailto:b@x";CN=Z:mailto:z@x\r
        X-THING:raw\\,kept\r
        END:VEVENT\r
        BEGIN:VFREEBUSY\r
        FREEBUSY:19971015T050000Z/PT8H30M,19971015T160000Z/19971015T170000Z\r
        END:VFREEBUSY\r
        END:VCALENDAR\r

        """

    @Test("RFC 7265 §3: jCal maps names, parameters, types and values")
    func writesJCal() throws {
        let json = JCalWriter.write(try VCalendar.parse(Self.event))
        #expect(
            json.hasPrefix(
                "[\"vcalendar\",[[\"version\",{},\"text\",\"2.0\"],[\"prodid\",{},\"text\",\"-//T//EN\"]],[[\"vevent\","
            )
        )
        #expect(json.contains("[\"dtstart\",{\"tzid\":\"Europe/Berlin\"},\"date-time\",\"2024-01-05T09:00:00\"]"))
        #expect(json.contains("[\"duration\",{},\"duration\",\"PT1H\"]"))
        #expect(
            json.contains(
                "[\"rrule\",{},\"recur\",{\"freq\":\"WEEKLY\",\"count\":5,\"byday\":[\"MO\",\"FR\"],\"until\":\"2024-03-01T00:00:00Z\"}]"
            )
        )
        #expect(json.contains("[\"exdate\",{},\"date\",\"2024-01-08\",\"2024-01-12\"]"))
        #expect(json.contains("[\"categories\",{},\"text\",\"a,b\",\"c\"]"))
        #expect(json.contains("[\"summary\",{},\"text\",\"Say \\\"hi\\\" <now> & go; ok\"]"))
        #expect(json.contains("[\"geo\",{},\"float\",[37.386013,-122.082932]]"))
        #expect(json.contains("[\"sequence\",{},\"integer\",2]"))
        #expect(
            json.contains(
                "[\"attendee\",{\"member\":[\"mailto:a@x\",\"mailto:b@x\"],\"cn\":\"Z\"},\"cal-address\",\"mailto:z@x\"]"
            )
        )
        #expect(json.contains("[\"x-thing\",{},\"unknown\",\"raw\\\\,kept\"]"))
        #expect(
            json.contains(
                "[\"freebusy\",{},\"period\",\"1997-10-15T05:00:00Z/PT8H30M\",\"1997-10-15T16:00:00Z/1997-10-15T17:00:00Z\"]"
            )
        )
    }

    @Test("RFC 6321 §3: xCal nests properties, parameters and typed values, escaping XML")
    func writesXCal() throws {
        let xml = XCalWriter.write(try VCalendar.parse(Self.event))
        #expect(
            xml.hasPrefix(
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<icalendar xmlns=\"urn:ietf:params:xml:ns:icalendar-2.0\"><vcalendar><properties><version><text>2.0</text></version>"
            )
        )
        #expect(
            xml.contains(
                "<dtstart><parameters><tzid><text>Europe/Berlin</text></tzid></parameters><date-time>2024-01-05T09:00:00</date-time></dtstart>"
            )
        )
        #expect(
            xml.contains(
                "<rrule><recur><freq>WEEKLY</freq><count>5</count><byday>MO</byday><byday>FR</byday><until>2024-03-01T00:00:00Z</until></recur></rrule>"
            )
        )
        #expect(xml.contains("<summary><text>Say &quot;hi&quot; &lt;now&gt; &amp; go; ok</text></summary>"))
        #expect(
            xml.contains("<geo><float><latitude>37.386013</latitude><longitude>-122.082932</longitude></float></geo>")
        )
        #expect(
            xml.contains("<member><cal-address>mailto:a@x</cal-address><cal-address>mailto:b@x</cal-address></member>")
        )
        #expect(
            xml.contains("<freebusy><period><start>1997-10-15T05:00:00Z</start><duration>PT8H30M</duration></period>")
        )
        #expect(xml.hasSuffix("</vcalendar></icalendar>\n"))
    }

    @Test("RFC 4791 §9.6: partial calendar-data keeps only the selected components and properties")
    func selectsPartialData() throws {
        let selection = ComponentSelection(
            name: "VCALENDAR",
            properties: .named([PropertySelection(name: "VERSION")]),
            components: .named([
                ComponentSelection(
                    name: "VEVENT",
                    properties: .named([
                        PropertySelection(name: "UID"), PropertySelection(name: "SUMMARY", noValue: true),
                    ]),
                    components: .named([])
                )
            ])
        )
        let partial = try VCalendar.parse(Self.event).selecting(selection)
        #expect(
            partial.text
                == "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:1@x\r\nSUMMARY:\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        )
    }

    @Test("kalends ical check: problems carry line numbers and precondition names")
    func checksFiles() {
        #expect(CalendarFileChecker.problems(in: Array(sampleEvent.utf8)).isEmpty)
        let broken = CalendarFileChecker.problems(
            in: Array("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBADLINE\r\nEND:VCALENDAR\r\n".utf8)
        )
        #expect(
            broken == [
                FileProblem(line: 3, message: "valid-calendar-data: content line has no ':' between name and value")
            ]
        )
        let method = CalendarFileChecker.problems(in: Array(Self.event.utf8))
        #expect(method.contains(FileProblem(line: 18, message: "valid-calendar-object-resource: VFREEBUSY has no UID")))
        #expect(ContentKind.detect(Array("\u{FEFF}\r\nbegin:vcalendar\r\n".utf8)) == .iCalendar)
        #expect(ContentKind.detect(Array("BEGIN:VCARD\n".utf8)) == .vCard)
        #expect(ContentKind.detect(Array("hello".utf8)) == .unknown)
    }

    @Test("kalends ical convert: ical, jcal and xcal outputs")
    func convertsFiles() throws {
        let bytes = Array(Self.event.utf8)
        #expect(try CalendarConverter.convert(bytes, to: .ical) == bytes)
        #expect(
            String(decoding: try CalendarConverter.convert(bytes, to: .jcal), as: UTF8.self).hasPrefix("[\"vcalendar\"")
        )
        #expect(String(decoding: try CalendarConverter.convert(bytes, to: .xcal), as: UTF8.self).hasPrefix("<?xml"))
        #expect(throws: CalendarValidationError.self) { try CalendarConverter.convert(Array("x".utf8), to: .jcal) }
    }
}
