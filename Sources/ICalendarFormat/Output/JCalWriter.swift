public import MIMEDir

/// Writes iCalendar as jCal (RFC 7265): `["vcalendar", [properties], [components]]`.
public enum JCalWriter {
    /// The jCal JSON text of `calendar` (RFC 7265 §3).
    public static func write(_ calendar: VCalendar) -> String {
        var json = JSONTextWriter()
        write(calendar.component, into: &json)
        return json.text
    }

    /// The jCal JSON text of any component tree (RFC 7265 §3.3).
    public static func write(_ component: Component) -> String {
        var json = JSONTextWriter()
        write(component, into: &json)
        return json.text
    }

    private static func write(_ component: Component, into json: inout JSONTextWriter) {
        json.beginArray()
        json.string(component.name.lowercased())
        json.beginArray()
        for property in component.properties { write(property, into: &json) }
        json.endArray()
        json.beginArray()
        for child in component.components { write(child, into: &json) }
        json.endArray()
        json.endArray()
    }

    private static func write(_ property: Property, into json: inout JSONTextWriter) {
        json.beginArray()
        json.string(property.name.lowercased())
        json.beginObject()
        json.parameterMembers(of: property)
        json.endObject()
        let type = ICalValueMapping.type(of: property)
        json.string(type)
        for value in ICalValueMapping.values(of: property, type: type) { write(value, into: &json) }
        json.endArray()
    }

    private static func write(_ value: MappedValue, into json: inout JSONTextWriter) {
        switch value {
        case .string(let text):
            json.string(text)
        case .number(let token):
            json.raw(token)
        case .period(let start, let end, _):
            json.string(start + "/" + end)
        case .structured(let parts):
            json.beginArray()
            for part in parts { write(part, into: &json) }
            json.endArray()
        case .recur(let parts):
            json.beginObject()
            for part in parts {
                json.key(part.key)
                if part.values.count == 1 {
                    write(part.values[0], into: &json)
                } else {
                    json.beginArray()
                    for item in part.values { write(item, into: &json) }
                    json.endArray()
                }
            }
            json.endObject()
        }
    }
}
