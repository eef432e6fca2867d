import Foundation
import Testing

@testable import Store

/// Transaction atomicity, exercised through the internal write path so that a failure
/// can be injected after rows were already written inside the transaction.
@Suite struct TransactionTests {
    @Test func throwingWriteLeavesNothingBehind() throws {
        var options = StoreOptions()
        options.inlineLimit = 10
        let fixture = try Fixture(options: options)
        try fixture.put("alice/doc", "d")
        let doc = try #require(try fixture.store.node(at: "alice/doc"))
        let before = try fixture.store.changes(in: "alice", since: nil)
        let body = try IncomingBody.receive(
            from: ByteSource(patternBytes(count: 100), chunk: 30).read,
            inlineLimit: 10,
            blobs: fixture.store.blobs
        )
        #expect(throws: TestAbort()) {
            try fixture.store.write { context in
                try context.properties.set(nodeID: doc.id, DeadProperty(namespace: "n", name: "p", xml: "<p/>"))
                guard case .spilled(let temporary, let hash, _) = body else { throw StoreError.io("expected spill") }
                try fixture.store.blobs.install(temporaryPath: temporary, hash: hash)
                context.installedBlobs.insert(hash)
                try context.nodes.insertResource(
                    ownerID: doc.ownerID,
                    parentID: try #require(doc.parentID),
                    path: "alice/new",
                    contentType: nil,
                    body: body,
                    now: Date()
                )
                try context.changeLog.record(
                    collectionID: try #require(doc.parentID),
                    member: "new",
                    deleted: false,
                    now: Date()
                )
                #expect(try context.nodes.node(at: "alice/new") != nil)
                throw TestAbort()
            }
        }
        #expect(try fixture.store.node(at: "alice/new") == nil)
        #expect(try fixture.store.deadProperties(ofNodes: [doc.id]).isEmpty)
        let after = try fixture.store.changes(in: "alice", since: nil)
        #expect(after.revision == before.revision && after.changes == before.changes)
        #expect(fixture.blobFiles().isEmpty && fixture.temporaryFiles().isEmpty)
        #expect(try fixture.store.check().isClean)
    }

    @Test func readerConnectionsAreReadOnly() throws {
        let fixture = try Fixture()
        #expect(throws: StoreError.self) {
            try fixture.store.read { database throws(StoreError) in
                try database.execute("DELETE FROM users")
            }
        }
        #expect(try fixture.store.userCount() == 1)
    }
}
