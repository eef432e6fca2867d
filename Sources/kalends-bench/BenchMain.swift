import Foundation

/// `kalends-bench <suite>`: release-build benchmarks printing stable `key=value` lines.
@main
enum BenchMain {
    static func main() throws {
        let arguments = Array(CommandLine.arguments.dropFirst())
        switch arguments.first {
        case "http":
            try HTTPBench.run(arguments: Array(arguments.dropFirst()))
        default:
            print(
                """
                usage: kalends-bench http [--duration SECONDS] [--connections 1,16,128] [--idle 1000] [--no-peers]
                  http: small-GET throughput and latency against the real kalends binary, server RSS with idle
                        connections, and wrk against kalends and nginx (when installed) for a ratio.
                """
            )
        }
    }
}
