import HTTPServer
import Testing

@Suite("Host facts and process limits")
struct SystemInfoTests {
    @Test("glibc accepts the cap on malloc arenas, and the open-file limit is raised to a usable number")
    func limitsAreApplied() {
        #expect(SystemInfo.limitMallocArenas())
        #expect(SystemInfo.raiseOpenFileLimit() >= 1024)
    }
}
