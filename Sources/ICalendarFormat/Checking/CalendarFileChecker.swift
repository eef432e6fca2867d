public import MIMEDir

/// Library side of `kalends ical check` for iCalendar files: the same rules a CalDAV PUT applies
/// (RFC 4791 §4.1 via ``CalendarObjectValidator``), reported as `line: message` pairs.
public enum CalendarFileChecker {
    /// Every problem in an iCalendar file; empty when a PUT would accept it.
    ///
    /// Pass `CalendarObjectValidator.Options(enforceResourceRules: false)` to check a whole-calendar export.
    public static func problems(
        in bytes: [UInt8],
        options: CalendarObjectValidator.Options = .init()
    ) -> [FileProblem] {
        let calendar: VCalendar
        do {
            calendar = try VCalendar.parse(bytes, options: options.parser)
        } catch {
            return [FileProblem(line: error.line, message: "\(error.precondition.rawValue): \(error.message)")]
        }
        return CalendarObjectValidator(options: options).problems(in: calendar).map {
            FileProblem(line: $0.line, message: "\($0.precondition.rawValue): \($0.message)")
        }
    }
}
