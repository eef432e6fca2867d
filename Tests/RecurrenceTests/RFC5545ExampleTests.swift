import Recurrence
import Testing

@Suite("RFC 5545 §3.8.5.3 examples")
struct RFC5545ExampleTests {
    static let blocks = FixtureFile.blocks("rfc5545-examples.txt")

    @Test("The fixture file holds every RFC 5545 §3.8.5.3 example")
    func fixtureIsComplete() {
        #expect(Self.blocks.count == 42)
    }

    @Test("RFC 5545 §3.8.5.3 example", arguments: blocks)
    func example(_ block: FixtureBlock) throws {
        let rule = try RecurrenceRule(parsing: try #require(block.rules.first))
        var iterator = try RecurrenceIterator(
            rule: rule,
            start: block.start,
            utcToLocal: FixtureFile.utcToLocal(block.timeZone)
        )
        var produced: [CivilDateTime] = []
        while produced.count < block.instances.count + (rule.isUnbounded ? 0 : 1), let next = iterator.next() {
            let value = next.civil
            if !block.exceptions.contains(value) { produced.append(value) }
        }
        #expect(produced == block.instances)
        #expect(iterator.stopReason == nil)
    }

    @Test("RFC 5545 §3.8.5.3 example rules survive a text round trip", arguments: blocks)
    func roundTrip(_ block: FixtureBlock) throws {
        let rule = try RecurrenceRule(parsing: try #require(block.rules.first))
        #expect(try RecurrenceRule(parsing: rule.text) == rule)
    }
}
