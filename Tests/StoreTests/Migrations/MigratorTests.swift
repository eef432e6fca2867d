import Testing

@testable import Store

@Suite("The migration list")
struct MigratorTests {
    @Test("versions run 1, 2, 3, … without a gap, so no store skips a step it never had")
    func versionsAreConsecutive() {
        #expect(Migrator.all.map(\.version) == Array(1...Migrator.all.count))
    }
}
