import HTTPServer
import Testing

@Suite("Host facts and process limits")
struct SystemInfoTests {
    @Test("glibc accepts the cap on malloc arenas, and the open-file limit is raised to a usable number")
    func limitsAreApplied() {
        #expect(SystemInfo.limitMallocArenas())
        #expect(SystemInfo.raiseOpenFileLimit() >= 1024)
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
