import DAVXML
import Testing

@testable import KalendsApp

@Suite("Dead properties of collections kept for PUT")
struct CollectionPropertyCacheTests {
    @Test("an entry serves only the generation it was read at")
    func servesOnlyItsGeneration() {
        let cache = CollectionPropertyCache(limit: 2)
        let property = [XMLTree(XMLName("DAV:", "displayname"), text: "Work")]
        cache.store(property, of: 1, at: 5)
        #expect(cache.properties(of: 1, at: 5) == property)
        #expect(cache.properties(of: 1, at: 6) == nil)
        #expect(cache.properties(of: 2, at: 5) == nil)
        cache.store([], of: 2, at: 6)
        cache.store([], of: 3, at: 6)
        #expect(cache.properties(of: 1, at: 5) == nil)
        #expect(cache.properties(of: 3, at: 6) == [])
    }
}
