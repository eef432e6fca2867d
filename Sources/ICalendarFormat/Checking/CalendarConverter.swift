/// Library side of `kalends ical convert --to ical|jcal|xcal` (RFC 5545, RFC 7265, RFC 6321).
public enum CalendarConverter {
    /// Parses one VCALENDAR (forgiving) and writes it in `format`; throws ``CalendarValidationError`` if unparsable.
    public static func convert(_ bytes: [UInt8], to format: CalendarOutputFormat) throws(CalendarValidationError)
        -> [UInt8]
    {
        let calendar = try VCalendar.parse(bytes)
        return render(calendar, as: format)
    }

    /// Writes a parsed calendar in `format` (RFC 5545 §3.1, RFC 7265 §3, RFC 6321 §3).
    public static func render(_ calendar: VCalendar, as format: CalendarOutputFormat) -> [UInt8] {
        switch format {
        case .ical: calendar.serialized()
        case .jcal: Array(JCalWriter.write(calendar).utf8)
        case .xcal: Array(XCalWriter.write(calendar).utf8)
        }
    }
}
