public import VCardFormat

extension AddressBookQuery {
    /// The matches of a query over an address book's candidates, at most the limit (RFC 6352 §8.6.1).
    public struct Results<Candidate> {
        /// The matching candidates, in input order.
        public var matches: [Candidate]
        /// Whether more candidates matched than were returned; the report must then answer with
        /// `DAV:number-of-matches-within-limits` (507) for the collection (RFC 6352 §8.6.2).
        public var truncated: Bool
    }

    /// Runs the filter over `candidates`, stopping once the limit is reached and one more match proves the
    /// result truncated.
    ///
    /// - Parameters:
    ///   - maximum: a server-side cap; the smaller of it and the client's `nresults` applies.
    ///   - isKnownMatch: whether a candidate is known to match without a test (its indexed values prove it).
    ///   - card: the parsed vCard of a candidate, or nil to skip it (unreadable data never matches).
    public func results<Candidate, Failure: Error>(
        from candidates: some Sequence<Candidate>,
        maximum: Int? = nil,
        isKnownMatch: (Candidate) -> Bool = { _ in false },
        card: (Candidate) throws(Failure) -> VCard?
    ) throws(Failure) -> Results<Candidate> {
        let cap = [limit, maximum].compactMap(\.self).min()
        var matches: [Candidate] = []
        for candidate in candidates {
            if !isKnownMatch(candidate) {
                guard let parsed = try card(candidate), filter.matches(parsed) else { continue }
            }
            if let cap, matches.count >= cap { return Results(matches: matches, truncated: true) }
            matches.append(candidate)
        }
        return Results(matches: matches, truncated: false)
    }
}

extension AddressBookQuery.Results: Sendable where Candidate: Sendable {}
