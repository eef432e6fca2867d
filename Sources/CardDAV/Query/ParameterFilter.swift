public import MIMEDir

extension AddressBookFilter {
    /// RFC 6352 §10.5.2 — CARDDAV:param-filter: a test on one parameter of a property, e.g. `TYPE`.
    ///
    /// Parameter names compare without case. Every value counts: `TYPE=work,voice`, `TYPE=work;TYPE=voice`
    /// and vCard 3 bare types (`TEL;WORK;VOICE`) all give TYPE the values `work` and `voice`.
    public struct ParameterFilter: Sendable, Hashable {
        /// What the parameter must satisfy.
        public enum Condition: Sendable, Hashable {
            /// An empty `param-filter`: the parameter is present.
            case isDefined
            /// `is-not-defined`: the parameter is absent.
            case isNotDefined
            /// `text-match`: the parameter is present and some value matches (with negation: none does).
            case textMatch(TextMatch)
        }

        /// The parameter name.
        public var name: String
        /// The test applied.
        public var condition: Condition

        /// Creates a parameter filter (RFC 6352 §10.5.2).
        public init(name: String, condition: Condition = .isDefined) {
            self.name = name
            self.condition = condition
        }

        /// Whether `property` passes this filter (RFC 6352 §10.5.2).
        public func matches(_ property: Property) -> Bool {
            let values = values(in: property)
            switch condition {
            case .isDefined: return values != nil
            case .isNotDefined: return values == nil
            case .textMatch(let textMatch):
                guard let values else { return false }
                return textMatch.matches(anyOf: values)
            }
        }

        /// The values of every parameter with this name, split at commas; nil when there is none.
        private func values(in property: Property) -> [String]? {
            let isType = NameComparison.equal(name, "TYPE")
            var found = false
            var values: [String] = []
            for parameter in property.parameters {
                if parameter.matches(name) {
                    found = true
                    values += parameter.values.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
                        .map(String.init)
                } else if isType && parameter.values.isEmpty {
                    found = true
                    values.append(parameter.name)
                }
            }
            return found ? values : nil
        }
    }
}
