import Foundation
import Store
import Testing

@Suite struct OpenAndUserTests {
    @Test func freshDirectoryIsMigratedAndReopens() throws {
        let directory = makeTemporaryDirectory() + "/nested/data"
        defer { removeDirectory(directory) }
        do {
            let store = try DataStore(directory: directory + "/")
            #expect(store.directory == directory && store.databasePath == directory + "/kalends.sqlite3")
            #expect(try store.userCount() == 0)
            _ = try store.createUser(name: "alice", email: "a@example.com", passwordHash: "h1")
        }
        let attributes = try FileManager.default.attributesOfItem(atPath: directory)
        #expect((attributes[.posixPermissions] as? Int) == 0o700)
        let reopened = try DataStore(directory: directory)
        #expect(try reopened.userCount() == 1)
        #expect(try reopened.user(named: "alice")?.email == "a@example.com")
        #expect(try reopened.check().isClean)
    }

    @Test func notADatabaseIsReportedAsCorrupt() throws {
        let directory = makeTemporaryDirectory()
        defer { removeDirectory(directory) }
        let garbage = Data(repeating: 0x42, count: 8192)
        try garbage.write(to: URL(fileURLWithPath: directory + "/kalends.sqlite3"))
        #expect {
            _ = try DataStore(directory: directory)
        } throws: { error in
            guard case StoreError.corrupt(let message) = error else { return false }
            return message.contains("kalends.sqlite3")
        }
    }

    @Test func staleTemporaryBlobsAreRemovedAtOpenButFreshOnesOfAnotherProcessStay() throws {
        let fixture = try Fixture(user: nil)
        let stale = fixture.directory + "/blobs/tmp/leftover"
        let fresh = fixture.directory + "/blobs/tmp/uploading"
        #expect(FileManager.default.createFile(atPath: stale, contents: Data([1, 2, 3])))
        #expect(FileManager.default.createFile(atPath: fresh, contents: Data([4])))
        try FileManager.default.setAttributes(
            [.modificationDate: Date().addingTimeInterval(-3600)],
            ofItemAtPath: stale
        )
        _ = try DataStore(directory: fixture.directory)
        #expect(!FileManager.default.fileExists(atPath: stale))
        #expect(FileManager.default.fileExists(atPath: fresh))
    }

    @Test func createUserMakesHomeCollection() throws {
        let fixture = try Fixture(user: nil)
        let user = try fixture.store.createUser(name: "bob", email: nil, passwordHash: "$y$hash")
        #expect(user.name == "bob" && user.passwordHash == "$y$hash" && user.email == nil)
        let home = try #require(try fixture.store.node(at: "bob"))
        #expect(home.collectionType == .home && home.ownerID == user.id && home.parentID == nil)
        #expect(home.contentLength == 0 && home.syncRevision == 0 && !home.etag.isEmpty)
        #expect(throws: StoreError.conflict("user bob exists")) {
            _ = try fixture.store.createUser(name: "bob", email: nil, passwordHash: "x")
        }
        #expect(throws: StoreError.self) {
            _ = try fixture.store.createUser(name: "a/b", email: nil, passwordHash: "x")
        }
        #expect(throws: StoreError.self) { _ = try fixture.store.createUser(name: "..", email: nil, passwordHash: "x") }
        #expect(try fixture.store.allUsers().map(\.name) == ["bob"])
    }

    @Test func passwordHashCanBeChanged() throws {
        let fixture = try Fixture()
        try fixture.store.setPasswordHash("new", forUser: "alice")
        #expect(try fixture.store.user(named: "alice")?.passwordHash == "new")
        #expect(throws: StoreError.notFound("nobody")) { try fixture.store.setPasswordHash("x", forUser: "nobody") }
    }

    @Test func deleteUserRemovesTreeAndBlobs() throws {
        let fixture = try Fixture(
            options: {
                var o = StoreOptions(); o.inlineLimit = 100; return o
            }()
        )
        _ = try fixture.store.createUser(name: "bob", email: nil, passwordHash: "x")
        _ = try fixture.store.createCollection(at: "alice/docs", type: .plain)
        try fixture.put("alice/docs/big.bin", patternBytes(count: 5000))
        try fixture.put("bob/small.txt", "hi")
        try fixture.store.updateDeadProperties(
            at: "alice/docs",
            set: [DeadProperty(namespace: "urn:x", name: "p", xml: "<p/>")],
            remove: []
        )
        #expect(fixture.blobFiles().count == 1)
        try fixture.store.deleteUser(named: "alice")
        #expect(try fixture.store.user(named: "alice") == nil)
        #expect(try fixture.store.node(at: "alice") == nil)
        #expect(try fixture.store.node(at: "alice/docs/big.bin") == nil)
        #expect(try fixture.store.node(at: "bob/small.txt") != nil)
        #expect(fixture.blobFiles().isEmpty)
        #expect(try fixture.store.userCount() == 1)
        #expect(try fixture.store.check().isClean)
        #expect(throws: StoreError.notFound("alice")) { try fixture.store.deleteUser(named: "alice") }
    }

    @Test func usedBytesSumsResources() throws {
        let fixture = try Fixture()
        _ = try fixture.store.createCollection(at: "alice/c", type: .calendar)
        try fixture.put("alice/c/a.ics", [UInt8](repeating: 1, count: 300))
        try fixture.put("alice/b.txt", [UInt8](repeating: 1, count: 40))
        #expect(try fixture.store.usedBytes(ofUser: "alice") == 340)
        #expect(throws: StoreError.notFound("zed")) { _ = try fixture.store.usedBytes(ofUser: "zed") }
    }

    @Test func invalidPathsAreRejected() throws {
        let fixture = try Fixture()
        for path in ["", "alice/", "/alice", "alice//x", "alice/../bob", "alice/./x", "..", ".", "alice/..", "a\u{0}b"]
        {
            #expect(throws: StoreError.self, "\(path)") { _ = try fixture.store.node(at: path) }
            #expect(throws: StoreError.self, "\(path)") { _ = try fixture.put(path, "x") }
        }
        #expect(throws: StoreError.conflict("empty path")) { _ = try fixture.store.node(at: "") }
        #expect(try fixture.put("alice/...", "dots are a valid name").created)
        #expect(try fixture.store.node(at: "alice/.hidden") == nil)
    }
}
