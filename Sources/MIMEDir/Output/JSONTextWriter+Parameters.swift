extension JSONTextWriter {
    /// Writes a property's parameters as members of the current object, names lower-cased, one value as a
    /// string and several as an array, `VALUE` left out (it becomes the type element): the parameter object
    /// of jCal (RFC 7265 §3.4.1.1) and jCard (RFC 7095 §3.3.1).
    public mutating func parameterMembers(of property: Property) {
        for parameter in property.parameters where !parameter.matches("VALUE") {
            key(parameter.name.lowercased())
            if parameter.values.count == 1 {
                string(parameter.values[0])
            } else {
                beginArray()
                for value in parameter.values { string(value) }
                endArray()
            }
        }
    }
}
