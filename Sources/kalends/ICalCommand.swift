import ArgumentParser
import Foundation
import ICalendarFormat
import MIMEDir
import Recurrence
import VCardFormat

/// `kalends ical check|convert|expand`: look at calendar and address files the way the server does.
struct ICalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ical",
        abstract: "Check, convert and expand iCalendar and vCard files with the server's own rules.",
        subcommands: [Check.self, Convert.self, Expand.self]
    )

    static func read(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("cannot read \(path)")
        }
        return [UInt8](data)
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Validate files with the rules a CalDAV/CardDAV PUT applies; prints file:line: message, exit 1 on problems."
        )

        @Flag(name: .long, help: "Treat iCalendar files as whole-calendar exports (several UIDs allowed).")
        var export = false

        @Argument(help: "iCalendar or vCard files (the kind is detected from the content).")
        var files: [String]

        func run() throws {
            var failed = false
            for file in files {
                let bytes = try ICalCommand.read(file)
                let problems: [FileProblem]
                switch ContentKind.detect(bytes) {
                case .iCalendar:
                    problems = CalendarFileChecker.problems(
                        in: bytes,
                        options: CalendarObjectValidator.Options(enforceResourceRules: !export)
                    )
                case .vCard:
                    problems = VCardFileChecker.problems(in: bytes)
                case .unknown:
                    problems = [
                        FileProblem(line: 1, message: "neither iCalendar (BEGIN:VCALENDAR) nor vCard (BEGIN:VCARD)")
                    ]
                }
                for problem in problems { print("\(file):\(problem.line): \(problem.message)") }
                failed = failed || !problems.isEmpty
            }
            if failed { throw ExitCode(1) }
        }
    }

    struct Convert: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a file converted to iCalendar, jCal or xCal, or a vCard to 3.0, 4.0, jCard or xCard."
        )

        @Option(name: .long, help: "ical, jcal, xcal (calendars) or vcard3, vcard4, jcard, xcard (contacts).")
        var to: String

        @Argument(help: "The file.")
        var file: String

        func run() throws {
            let bytes = try ICalCommand.read(file)
            let output: [UInt8]
            do {
                if let format = CalendarOutputFormat(rawValue: to) {
                    output = try CalendarConverter.convert(bytes, to: format)
                } else if let format = VCardOutputFormat(rawValue: to) {
                    output = try VCardFileConverter.convert(bytes, to: format)
                } else {
                    throw ValidationError("--to must be ical, jcal, xcal, vcard3, vcard4, jcard or xcard")
                }
            } catch let error as ValidationError {
                throw error
            } catch {
                throw ValidationError("\(file): \(error)")
            }
            FileHandle.standardOutput.write(Data(output))
        }
    }

    struct Expand: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print every instance overlapping a window: RECURRENCE-ID START END, in UTC, overrides applied."
        )

        @Argument(help: "An iCalendar object.")
        var file: String

        @Option(name: .long, help: "Window start, UTC (2026-01-01T00:00:00Z).")
        var from: String

        @Option(name: .long, help: "Window end, UTC, exclusive.")
        var to: String

        @Option(name: .long, help: "Time zone for floating and all-day values (IANA name); UTC by default.")
        var tz: String?

        @Option(name: .long, help: "Most instances to produce before failing (CalDAV max-instances).")
        var max: Int = 100_000

        func run() throws {
            let bytes = try ICalCommand.read(file)
            do {
                for line in try InstanceLister.lines(
                    forCalendarText: bytes,
                    from: from,
                    to: to,
                    timeZone: tz,
                    maxInstances: max
                ) {
                    print(line)
                }
            } catch {
                throw ValidationError("\(file): \(error)")
            }
        }
    }
}
