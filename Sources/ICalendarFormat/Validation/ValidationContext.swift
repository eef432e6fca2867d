import MIMEDir

/// Accumulates problems during one validation pass.
struct ValidationContext {
    let calendar: VCalendar
    var problems: [CalendarValidationError] = []

    init(calendar: VCalendar) {
        self.calendar = calendar
    }

    mutating func report(_ problem: CalendarValidationError) {
        problems.append(problem)
    }

    mutating func invalid(_ property: Property) {
        problems.append(.invalidValue(property: property.name.uppercased(), value: property.value, line: property.line))
    }
}
