import DAVCore

/// A necessary condition of an ``AddressBookFilter`` (RFC 6352 §10.5) on a card's stored bytes, tested before
/// the card is parsed: each text-match a card must satisfy needs its text somewhere in the card, so a card
/// whose ``FoldedContent`` lacks it cannot match. Negated matches, `is-not-defined` and parameter filters say
/// nothing about the bytes and admit every card; the full filter still runs on whatever is admitted.
public struct AddressBookPrefilter: Sendable {
    /// What the bytes must hold.
    indirect enum Condition: Sendable {
        /// Nothing: every card is admitted.
        case always
        /// The text of one text-match.
        case contains(ContentNeedle)
        /// Every one of these.
        case all([Condition])
        /// At least one of these.
        case any([Condition])
    }

    let condition: Condition
    /// Whether some needle folds Unicode, so the content needs its ``FoldedContent/unicodeSkeleton``.
    let foldsUnicode: Bool

    /// The prefilter of `filter`.
    public init(_ filter: AddressBookFilter) {
        condition =
            filter.propertyFilters.isEmpty
            ? .always : Self.combine(filter.test, filter.propertyFilters.map(Self.condition))
        foldsUnicode = filter.propertyFilters.contains { property in
            property.textMatches.contains { $0.collation == .unicodeCasemap }
        }
    }

    /// Whether the prefilter can reject anything; when not, the bytes need not be looked at.
    public var rejectsAny: Bool {
        if case .always = condition { return false }
        return true
    }

    /// Whether the card stored as `bytes` may match; false proves that it does not.
    public func admits(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard rejectsAny else { return true }
        return Self.holds(condition, in: FoldedContent(bytes, foldingUnicode: foldsUnicode))
    }

    private static func condition(_ filter: AddressBookFilter.PropertyFilter) -> Condition {
        guard !filter.isNotDefined, filter.parameterFilters.isEmpty || filter.test == .allOf else { return .always }
        let texts = filter.textMatches.map { match -> Condition in
            guard !match.negate, let needle = ContentNeedle(match.text, collation: match.collation) else {
                return .always
            }
            return .contains(needle)
        }
        return texts.isEmpty ? .always : combine(filter.test, texts)
    }

    private static func combine(_ test: AddressBookFilter.Test, _ conditions: [Condition]) -> Condition {
        switch test {
        case .anyOf:
            if conditions.contains(where: { if case .always = $0 { true } else { false } }) { return .always }
            return .any(conditions)
        case .allOf:
            let binding = conditions.filter { if case .always = $0 { false } else { true } }
            return binding.isEmpty ? .always : .all(binding)
        }
    }

    private static func holds(_ condition: Condition, in content: FoldedContent) -> Bool {
        switch condition {
        case .always: true
        case .contains(let needle): needle.mayOccur(in: content)
        case .all(let conditions): conditions.allSatisfy { holds($0, in: content) }
        case .any(let conditions): conditions.contains { holds($0, in: content) }
        }
    }
}
