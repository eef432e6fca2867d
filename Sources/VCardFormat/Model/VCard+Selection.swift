public import MIMEDir

extension VCard {
    /// The card reduced to the properties a CARDDAV:address-data `prop` list asks for (RFC 6352 §10.4.2);
    /// VERSION is always kept, `noValue` properties keep name and parameters only.
    public func selecting(_ properties: [PropertySelection]) -> VCard {
        let selection = ComponentSelection(
            name: component.name,
            properties: .named(properties + [PropertySelection(name: "VERSION")]),
            components: .named([])
        )
        return VCard(component.selecting(selection))
    }
}
