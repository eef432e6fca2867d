extension Component {
    /// This component reduced to what `selection` asks for (RFC 4791 §9.6); unselected children are dropped.
    public func selecting(_ selection: ComponentSelection) -> Component {
        var result = Component(name: name, line: line)
        switch selection.properties {
        case .all:
            result.properties = properties
        case .named(let wanted):
            for property in properties {
                guard let choice = wanted.first(where: { property.matches($0.name) }) else { continue }
                var kept = property
                if choice.noValue { kept.value = "" }
                result.properties.append(kept)
            }
        }
        switch selection.components {
        case .all:
            result.components = components
        case .named(let wanted):
            for child in components {
                guard let choice = wanted.first(where: { child.matches($0.name) }) else { continue }
                result.components.append(child.selecting(choice))
            }
        }
        return result
    }
}
