import Foundation
import Store
import Testing

@Suite struct MaintenanceTests {
    private var smallInline: StoreOptions {
        var options = StoreOptions()
        options.inlineLimit = 64
        return options
    }

    @Test func checkDetectsMissingAndAlteredBlobs() throws {
        let fixture = try Fixture(options: smallInline)
        try fixture.put("alice/a", patternBytes(count: 1000, seed: 3))
        try fixture.put("alice/b", patternBytes(count: 1000, seed: 4))
        #expect(try fixture.store.check(deep: true).isClean)
        let a = try #require(try fixture.store.content(at: "alice/a"))
        let b = try #require(try fixture.store.content(at: "alice/b"))
        guard case .file(let pathA, _) = a.content, case .file(let pathB, _) = b.content else {
            Issue.record("expected blobs")
            return
        }
        try FileManager.default.removeItem(atPath: pathA)
        let report = try fixture.store.check()
        #expect(report.problems.count == 1 && report.problems[0].contains("alice/a") && !report.isClean)
        var altered = patternBytes(count: 1000, seed: 4)
        altered[10] ^= 1
        try Data(altered).write(to: URL(fileURLWithPath: pathB))
        #expect(try fixture.store.check().problems.count == 1)
        #expect(try fixture.store.check(deep: true).problems.count == 2)
    }

    @Test func vanishedBlobIsReportedAsIOError() throws {
        let fixture = try Fixture(options: smallInline)
        try fixture.put("alice/a", patternBytes(count: 1000))
        for file in fixture.blobFiles() { try FileManager.default.removeItem(atPath: file) }
        #expect(throws: StoreError.io("blob file of alice/a is missing")) {
            _ = try fixture.store.content(at: "alice/a")
        }
    }

    @Test func backupReopensAndPassesCheck() throws {
        let fixture = try Fixture(options: smallInline)
        _ = try fixture.store.createCollection(at: "alice/cal", type: .calendar)
        try fixture.put("alice/cal/big", patternBytes(count: 5000))
        try fixture.put("alice/cal/small", "s")
        try fixture.store.updateDeadProperties(
            at: "alice/cal",
            set: [DeadProperty(namespace: "DAV:", name: "displayname", xml: "<d/>")],
            remove: []
        )
        let target = makeTemporaryDirectory() + "/backup"
        defer { removeDirectory(target) }
        try fixture.store.backup(to: target)
        #expect(throws: StoreError.alreadyExists(target + "/kalends.sqlite3")) { try fixture.store.backup(to: target) }
        try fixture.put("alice/cal/after", "not in backup")
        let copy = try DataStore(directory: target)
        #expect(try copy.check(deep: true).isClean)
        #expect(try copy.node(at: "alice/cal/after") == nil)
        #expect(try copy.children(of: "alice/cal").map(\.name) == ["big", "small"])
        guard case .file(let path, _) = try #require(try copy.content(at: "alice/cal/big")).content else {
            Issue.record("expected a blob")
            return
        }
        #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) == patternBytes(count: 5000))
        let calendar = try #require(try copy.node(at: "alice/cal"))
        #expect(try copy.deadProperties(ofNodes: [calendar.id])[calendar.id]?.count == 1)
        #expect(try copy.user(named: "alice") != nil)
    }

    @Test func concurrentReadersAndWriters() async throws {
        let fixture = try Fixture(options: smallInline)
        _ = try fixture.store.createCollection(at: "alice/c", type: .plain)
        let store = fixture.store
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<3 {
                group.addTask {
                    for index in 0..<40 {
                        let body = patternBytes(
                            count: index % 2 == 0 ? 10 : 200,
                            seed: UInt64(writer * 1000 + index + 1)
                        )
                        let source = ByteSource(body, chunk: 50)
                        _ = try store.putResource(
                            at: "alice/c/w\(writer)-\(index % 10)",
                            contentType: nil,
                            read: source.read
                        )
                    }
                }
            }
            for _ in 0..<4 {
                group.addTask {
                    for index in 0..<150 {
                        _ = try store.node(at: "alice/c/w0-\(index % 10)")
                        _ = try store.children(of: "alice/c")
                        if let (node, content) = try store.content(at: "alice/c/w1-\(index % 10)") {
                            if case .inline(let bytes) = content { #expect(bytes.count == Int(node.contentLength)) }
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let log = try store.changes(in: "alice/c", since: 0)
        #expect(log.revision == 120 && log.changes.count == 30)
        #expect(try store.check(deep: true).isClean)
        #expect(try store.collectOrphanBlobs() == 0)
    }
}
