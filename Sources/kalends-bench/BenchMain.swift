import Foundation

/// `kalends-bench <suite>`: release-build benchmarks printing stable `key=value` lines.
@main
enum BenchMain {
    static func main() throws {
        let arguments = Array(CommandLine.arguments.dropFirst())
        switch arguments.first {
        case "http":
            try HTTPBench.run(arguments: Array(arguments.dropFirst()))
        case "largefile":
            try LargeFileBench.run(arguments: Array(arguments.dropFirst()))
        case "crash":
            try CrashBench.run(arguments: Array(arguments.dropFirst()))
        case "crashmix":
            try CrashMixBench.run(arguments: Array(arguments.dropFirst()))
        case "parse":
            try FormatBench.runParse(arguments: Array(arguments.dropFirst()))
        case "recurrence":
            try FormatBench.runRecurrence()
        default:
            print(
                """
                usage: kalends-bench http [--duration SECONDS] [--connections 1,16,128] [--idle 1000] [--no-peers]
                       kalends-bench largefile [--gib 4]
                       kalends-bench crash [--puts 1000] [--connections 64] [--rounds 1]
                       kalends-bench crashmix [--kills 50] [--connections 32] [--resources 4]
                       kalends-bench parse --data DIR
                       kalends-bench recurrence
                  http: small-GET throughput and latency against the real kalends binary, server RSS with idle
                        connections, and wrk against kalends and nginx (when installed) for a ratio.
                  largefile: streams a large PUT and GET, checks every byte, reports peak server RSS growth.
                  crash: kill -9 during concurrent PUTs, restart, verify every acknowledged PUT survived.
                  crashmix: PUT/DELETE/MOVE/PROPPATCH of events, contacts and files, kill -9 at random moments;
                        after each: kalends check, every acknowledged write, sync tokens, blob files.
                  parse: iCalendar/vCard parse + validation throughput on shared/bench/gen_data.py output.
                  recurrence: daily-rule instances per second and the 10,000-object month query.
                """
            )
        }
    }
}
