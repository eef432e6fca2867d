import Foundation

/// `kalends-bench <suite>`: release-build benchmarks printing stable `key=value` lines.
@main
enum BenchMain {
    static func main() {
        do {
            try run(Array(CommandLine.arguments.dropFirst()))
        } catch {
            FileHandle.standardError.write(Data("kalends-bench: \(error)\n".utf8))
            exit(2)
        }
    }

    /// Runs the suite named by the first argument; prints the usage for an unknown or missing one.
    private static func run(_ arguments: [String]) throws {
        if arguments.contains("--help") || arguments.contains("-h") {
            print(usage)
            return
        }
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
        case "dav":
            try DAVBench.runCalendar(arguments: Array(arguments.dropFirst()))
        case "contacts":
            try DAVBench.runContacts(arguments: Array(arguments.dropFirst()))
        case "files":
            try FilesBench.run(arguments: Array(arguments.dropFirst()))
        case "soak":
            try SoakBench.run(arguments: Array(arguments.dropFirst()))
        default:
            print(usage)
        }
    }

    /// The suites and their options.
    static let usage = """
        usage: kalends-bench http [--duration SECONDS] [--connections 1,16,128] [--idle 1000] [--no-peers]
               kalends-bench largefile [--gib 4]
               kalends-bench crash [--puts 1000] [--connections 64] [--rounds 1]
               kalends-bench crashmix [--kills 50] [--connections 32] [--resources 4]
               kalends-bench parse --data DIR
               kalends-bench recurrence
               kalends-bench dav --data DIR [--limit N] [--duration 5] [--connections 1,8,64] [--peers]
                                 [--peer-seconds 20] [--peer-connections 8] [--only WORKLOAD,...]
               kalends-bench contacts --data DIR [same options; --connections 8 by default]
               kalends-bench files [--files 10000] [--tree 1000] [--gib 1] [--duration 5] [--rounds 3] [--peers]
               kalends-bench soak [--data /tmp/davb/data10k] [--events 2000] [--minutes 30] [--connections 64]
          http: small-GET throughput and latency against the real kalends binary, server RSS with idle
                connections, and wrk against kalends and nginx (when installed) for a ratio.
          largefile: streams a large PUT and GET, checks every byte, reports peak server RSS growth.
          crash: kill -9 during concurrent PUTs, restart, verify every acknowledged PUT survived.
          crashmix: PUT/DELETE/MOVE/PROPPATCH of events, contacts and files, kill -9 at random moments;
                after each: kalends check, every acknowledged write, sync tokens, blob files.
          parse: iCalendar/vCard parse + validation throughput on shared/bench/gen_data.py output.
          recurrence: daily-rule instances per second and the 10,000-object month query.
          dav: CalDAV import, PROPFIND, sync-collection, multiget, month query (with expand), GET and PUT
               on gen_data.py events; --peers runs Radicale and Xandikos (venvs in /tmp/davb) the same way.
          contacts: the CardDAV counterpart on gen_data.py cards.
          files: WebDAV PROPFIND over a 10,000-file folder, COPY of a 1,000-file tree, 1 GiB PUT/GET,
               100 KB GET; --peers runs nginx (and wrk) on the same bytes.
          soak: 80 % reads (PROPFIND, sync-collection, multiget), 20 % writes on seeded events, one line per
               minute (rate, p50, p99, errors, server RSS), then the calendar checked against every reply.
        """
}
