import Foundation
import MIMEDir
import Testing
import VCardFormat

/// Runs only with `KALENDS_BENCH_DATA=<dir holding cards-5000.vcf>`; use `swift test -c release`.
@Suite("vCard parse benchmark (opt-in)", .enabled(if: ProcessInfo.processInfo.environment["KALENDS_BENCH_DATA"] != nil))
struct VCardParseBenchmarkTests {
    @Test("Parse + validate throughput on the generated 5,000-contact file")
    func measuresCardThroughput() throws {
        let directory = URL(fileURLWithPath: ProcessInfo.processInfo.environment["KALENDS_BENCH_DATA"] ?? "")
        let file = [UInt8](try Data(contentsOf: directory.appendingPathComponent("cards-5000.vcf")))
        let result = VCardParseBenchmark.measure(file, iterations: 3)
        print(
            "BENCH cards: \(result.bytes) bytes, \(result.objects) objects, \(result.seconds) s, \(result.megabytesPerSecond) MB/s, \(result.objectsPerSecond) objects/s"
        )
        #expect(result.objects == 5_000)
    }
}
