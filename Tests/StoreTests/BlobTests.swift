import Foundation
import Store
import Testing

@Suite struct BlobTests {
    @Test func largeBodyGoesToBlobAndReadsBackIdentical() throws {
        let fixture = try Fixture()
        let body = patternBytes(count: 1 << 20)
        let result = try fixture.put("alice/big.bin", body, chunk: 7_777, type: "application/octet-stream")
        let hash = sha256Hex(body)
        #expect(result.node.etag == String(hash.prefix(32)) && result.node.contentLength == 1 << 20)
        let (node, content) = try #require(try fixture.store.content(at: "alice/big.bin"))
        #expect(node == result.node)
        guard case .file(let path, let length) = content else {
            Issue.record("expected a blob file")
            return
        }
        #expect(path == fixture.directory + "/blobs/\(hash.prefix(2))/\(hash)" && length == 1 << 20)
        #expect(try fixture.bytes(at: "alice/big.bin") == body)
        #expect(fixture.temporaryFiles().isEmpty)
    }

    @Test func bodyAtInlineLimitStaysInline() throws {
        var options = StoreOptions()
        options.inlineLimit = 1000
        let fixture = try Fixture(options: options)
        try fixture.put("alice/a", patternBytes(count: 1000), chunk: 300)
        try fixture.put("alice/b", patternBytes(count: 1001), chunk: 300)
        guard case .inline = try #require(try fixture.store.content(at: "alice/a")).content else {
            Issue.record("1000 bytes should be inline")
            return
        }
        guard case .file = try #require(try fixture.store.content(at: "alice/b")).content else {
            Issue.record("1001 bytes should be a blob")
            return
        }
    }

    @Test func replacingOrDeletingRemovesUnreferencedBlobs() throws {
        var options = StoreOptions()
        options.inlineLimit = 100
        let fixture = try Fixture(options: options)
        let first = patternBytes(count: 500, seed: 1)
        try fixture.put("alice/x", first)
        try fixture.put("alice/shared", first)
        #expect(fixture.blobFiles().count == 1)
        try fixture.put("alice/x", patternBytes(count: 500, seed: 2))
        #expect(fixture.blobFiles().count == 2)
        try fixture.store.delete(at: "alice/shared")
        #expect(fixture.blobFiles().count == 1)
        try fixture.put("alice/x", "small now")
        #expect(fixture.blobFiles().isEmpty)
        #expect(try fixture.bytes(at: "alice/x") == Array("small now".utf8))
    }

    @Test func failingReaderStoresNothing() throws {
        var options = StoreOptions()
        options.inlineLimit = 100
        let fixture = try Fixture(options: options)
        var calls = 0
        #expect(throws: TestAbort()) {
            _ = try fixture.store.putResource(
                at: "alice/x",
                contentType: nil,
                read: { buffer in
                    calls += 1
                    if calls == 5 { throw TestAbort() }
                    buffer.initializeMemory(as: UInt8.self, repeating: 7)
                    return 1000
                },
                precondition: { _ in Issue.record("precondition must not run") }
            )
        }
        #expect(try fixture.store.node(at: "alice/x") == nil)
        #expect(fixture.temporaryFiles().isEmpty && fixture.blobFiles().isEmpty)
        #expect(try fixture.store.changes(in: "alice", since: 0).changes.isEmpty)
    }

    @Test func streamingQuarterGigabyteUsesConstantMemory() throws {
        let fixture = try Fixture()
        let total = 256 * 1024 * 1024
        var produced = 0
        let peakBefore = peakResidentKiB()
        let result = try fixture.store.putResource(
            at: "alice/huge.bin",
            contentType: nil,
            read: { buffer in
                let count = min(buffer.count, total - produced)
                guard count > 0 else { return 0 }
                if let base = buffer.baseAddress { memset(base, 0x61, count) }
                produced += count
                return count
            },
            precondition: { _ in }
        )
        let expected = "b4a0226ee3f9b159ac06a86332dca0d90a04adef7f88934aa2a75be2a011d504"
        #expect(result.node.etag == String(expected.prefix(32)) && result.node.contentLength == Int64(total))
        let attributes = try FileManager.default.attributesOfItem(
            atPath: fixture.directory + "/blobs/b4/" + expected
        )
        #expect((attributes[.size] as? Int) == total)
        let growthMiB = (peakResidentKiB() - peakBefore) / 1024
        #expect(growthMiB < 64, "peak RSS grew by \(growthMiB) MiB")
    }

    @Test func orphanBlobsAreCollected() throws {
        var options = StoreOptions()
        options.inlineLimit = 10
        let fixture = try Fixture(options: options)
        try fixture.put("alice/kept", patternBytes(count: 100))
        let orphan = fixture.directory + "/blobs/ab/ab" + String(repeating: "0", count: 62)
        try FileManager.default.createDirectory(
            atPath: fixture.directory + "/blobs/ab",
            withIntermediateDirectories: true
        )
        #expect(FileManager.default.createFile(atPath: orphan, contents: Data([1])))
        #expect(try fixture.store.collectOrphanBlobs() == 1)
        #expect(!FileManager.default.fileExists(atPath: orphan))
        #expect(try fixture.bytes(at: "alice/kept") == patternBytes(count: 100))
        #expect(try fixture.store.collectOrphanBlobs() == 0)
    }
}

/// The process's peak resident set size (VmHWM) in KiB.
func peakResidentKiB() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }
    return 0
}
