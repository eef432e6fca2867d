public import MIMEDir

/// A VFREEBUSY (RFC 5545 §3.6.4).
public struct VFreeBusy: CalendarComponentView {
    /// One FREEBUSY period with its FBTYPE (RFC 5545 §3.8.2.6, §3.2.9).
    public struct BusyPeriod: Sendable, Hashable {
        /// FBTYPE, upper-cased, default `BUSY`.
        public var type: String
        /// The period.
        public var period: ICalPeriod
    }

    /// The wrapped component.
    public var component: Component

    /// Wraps a VFREEBUSY component (RFC 5545 §3.6.4).
    public init(_ component: Component) {
        self.component = component
    }

    /// All FREEBUSY periods; malformed ones are skipped (RFC 5545 §3.8.2.6).
    public var busyPeriods: [BusyPeriod] {
        component.properties("FREEBUSY").flatMap { property in
            let type = property.parameterValue("FBTYPE")?.uppercased() ?? "BUSY"
            return property.value.split(separator: ",").compactMap { text in
                ICalPeriod.parse(String(text).trimmingSpaces).map { BusyPeriod(type: type, period: $0) }
            }
        }
    }
}
