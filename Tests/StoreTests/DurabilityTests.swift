import Foundation
import Store
import Testing

@Suite struct DurabilityTests {
    /// An acknowledged write survives the process being killed with SIGKILL right after
    /// `putResource` returns (WAL + synchronous=FULL + fsynced blobs).
    @Test func acknowledgedWriteSurvivesKill() async throws {
        let directory = makeTemporaryDirectory()
        defer { removeDirectory(directory) }
        await #expect(processExitsWith: .signal(SIGKILL)) { [directory = directory as String] in
            var options = StoreOptions()
            options.inlineLimit = 100
            let store = try DataStore(directory: directory, options: options)
            _ = try store.createUser(name: "alice", email: nil, passwordHash: "x")
            let small = ByteSource(Array("small".utf8), chunk: 100)
            _ = try store.putResource(at: "alice/small", contentType: nil, read: small.read)
            let big = ByteSource(patternBytes(count: 10_000), chunk: 1000)
            _ = try store.putResource(at: "alice/big", contentType: nil, read: big.read)
            kill(getpid(), SIGKILL)
        }
        let store = try DataStore(directory: directory)
        #expect(try store.check(deep: true).isClean)
        guard case .inline(let bytes) = try #require(try store.content(at: "alice/small")).content else {
            Issue.record("expected inline content")
            return
        }
        #expect(bytes == Array("small".utf8))
        guard case .file(let path, _) = try #require(try store.content(at: "alice/big")).content else {
            Issue.record("expected a blob")
            return
        }
        #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) == patternBytes(count: 10_000))
    }
}
