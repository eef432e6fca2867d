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
        from candidates: consuming [Candidate],
        maximum: Int? = nil,
        isKnownMatch: (Candidate) -> Bool = { _ in false },
        card: (Candidate) throws(Failure) -> VCard?
    ) throws(Failure) -> Results<Candidate> {
        let cap = [limit, maximum].compactMap(\.self).min()
        var matches = candidates
        var kept = 0
        var truncated = false
        // The matches are moved to the front of the buffer, not copied into a second array.
        try matches.withUnsafeMutableBufferPointer { buffer throws(Failure) in
            for index in buffer.indices {
                if !isKnownMatch(buffer[index]) {
                    guard let parsed = try card(buffer[index]), filter.matches(parsed) else { continue }
                }
                if let cap, kept >= cap {
                    truncated = true
                    return
                }
                if index != kept { buffer.swapAt(kept, index) }
                kept += 1
            }
        }
        matches.removeLast(matches.count - kept)
        return Results(matches: matches, truncated: truncated)
    }
}

extension AddressBookQuery.Results: Sendable where Candidate: Sendable {}
