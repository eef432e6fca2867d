import HTTPServer
import Testing

@Suite("Host facts and process limits")
struct SystemInfoTests {
    @Test("glibc accepts the cap on malloc arenas, and the open-file limit is raised to a usable number")
    func limitsAreApplied() {
        #expect(SystemInfo.limitMallocArenas())
        #expect(SystemInfo.raiseOpenFileLimit() >= 1024)
    }

    @Test("the resident size is read, and grows with memory written to")
    func residentSizeIsRead() {
        let before = SystemInfo.residentBytes
        let block = [UInt8](repeating: 7, count: 64 << 20)
        let after = SystemInfo.residentBytes
        #expect(before > 1 << 20)
        #expect(after - before >= 60 << 20)
        #expect(block.count == 64 << 20)
    }

    @Test("heap pages freed between live blocks are handed back to the kernel")
    func freedPagesAreReturned() {
        var blocks = (0..<2000).map { [UInt8](repeating: UInt8($0 % 251), count: 16 << 10) }
        let kept = stride(from: 0, to: blocks.count, by: 16).map { blocks[$0] }
        blocks.removeAll()
        #expect(SystemInfo.returnFreedMemory())
        #expect(kept.count == 125)
    }
}
