import Testing

@testable import Store

@Suite("Reads sorted by name: bytewise, as SQLite's BINARY collation")
struct NameOrderTests {
    @Test("sorting rows by name in place gives the bytewise order and keeps each row whole")
    func sortingInPlaceMatchesTheBytewiseOrder() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = ["a", "B", "é", "e\u{301}", "z", "1", "-", "😀", "A"]
        for count in [0, 1, 2, 3, 17, 250] {
            // Some names share a prefix of eight bytes or more, so ties of the first eight bytes are sorted too.
            let prefixes = ["", "", "event-00", "event-0001"]
            let names = (0..<count).map { _ in
                prefixes.randomElement(using: &generator)!
                    + (0..<Int.random(in: 0...4, using: &generator)).map { _ in
                        alphabet.randomElement(using: &generator)!
                    }.joined()
            }
            var rows = names.enumerated().map { (name: $0.element, payload: [$0.offset]) }
            var keys = NameKeys()
            for row in rows { keys.append(row.name) }
            DataStore.sort(&rows, by: keys)
            #expect(rows.map(\.name) == names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
            #expect(rows.allSatisfy { names[$0.payload[0]] == $0.name })
            #expect(Set(rows.map { $0.payload[0] }).count == count)
        }
    }
}
