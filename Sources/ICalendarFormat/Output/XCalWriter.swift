import MIMEDir

/// Writes iCalendar as xCal (RFC 6321) in the `urn:ietf:params:xml:ns:icalendar-2.0` namespace.
public enum XCalWriter {
    /// The xCal namespace (RFC 6321 §3.1).
    public static let namespace = "urn:ietf:params:xml:ns:icalendar-2.0"
    private static let parameterTypes: [String: String] = [
        "ALTREP": "uri", "DIR": "uri", "DELEGATED-FROM": "cal-address", "DELEGATED-TO": "cal-address",
        "MEMBER": "cal-address", "SENT-BY": "cal-address", "RSVP": "boolean",
    ]

    /// The xCal document for `calendar`, with XML declaration (RFC 6321 §3).
    public static func write(_ calendar: VCalendar) -> String {
        var output = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<icalendar xmlns=\"\(namespace)\">"
        write(calendar.component, into: &output)
        output += "</icalendar>\n"
        return output
    }

    private static func write(_ component: Component, into output: inout String) {
        let name = escape(component.name.lowercased())
        output += "<\(name)>"
        if !component.properties.isEmpty {
            output += "<properties>"
            for property in component.properties { write(property, into: &output) }
            output += "</properties>"
        }
        if !component.components.isEmpty {
            output += "<components>"
            for child in component.components { write(child, into: &output) }
            output += "</components>"
        }
        output += "</\(name)>"
    }

    private static func write(_ property: Property, into output: inout String) {
        let name = escape(property.name.lowercased())
        output += "<\(name)>"
        let parameters = property.parameters.filter { !$0.matches("VALUE") }
        if !parameters.isEmpty {
            output += "<parameters>"
            for parameter in parameters {
                let parameterName = escape(parameter.name.lowercased())
                let type = parameterTypes[parameter.name.uppercased()] ?? "text"
                output += "<\(parameterName)>"
                for value in parameter.values { output += "<\(type)>\(escape(value))</\(type)>" }
                output += "</\(parameterName)>"
            }
            output += "</parameters>"
        }
        let type = ICalValueMapping.type(of: property)
        for value in ICalValueMapping.values(of: property, type: type) { write(value, type: type, into: &output) }
        output += "</\(name)>"
    }

    private static func write(_ value: MappedValue, type: String, into output: inout String) {
        switch value {
        case .string(let text), .number(let text):
            output += "<\(type)>\(escape(text))</\(type)>"
        case .period(let start, let end, let isDuration):
            let endTag = isDuration ? "duration" : "end"
            output += "<period><start>\(escape(start))</start><\(endTag)>\(escape(end))</\(endTag)></period>"
        case .structured(let parts):
            let names = type == "float" ? ["latitude", "longitude"] : []
            output += "<\(type)>"
            for (index, part) in parts.enumerated() {
                guard case .number(let text) = part, index < names.count else { continue }
                output += "<\(names[index])>\(escape(text))</\(names[index])>"
            }
            output += "</\(type)>"
        case .recur(let parts):
            output += "<recur>"
            for part in parts {
                for item in part.values {
                    switch item {
                    case .string(let text), .number(let text): output += "<\(part.key)>\(escape(text))</\(part.key)>"
                    case .recur, .period, .structured: continue
                    }
                }
            }
            output += "</recur>"
        }
    }

    private static func escape(_ text: String) -> String { XMLText.escape(text) }
}
