import Foundation

/// `kalends-bench soak` (issue #8): a steady mixed load for a long time against the release server, reported
/// minute by minute, then a check that the calendar holds exactly what the acknowledged writes left.
///
/// Every 20 requests: 16 reads as clients send them (PROPFIND Depth 1 on the home, Depth 1 on the calendar with
/// `getetag`, Depth 0 on the calendar for the sync token, sync-collection from the token of the minute's start,
/// calendar-multiget of 10 events) and 4 writes (a new event, a DELETE of an event created the minute before,
/// two changes of seeded events). Each minute is one `LoadRunner` run, so every write of a minute has its
/// reply before the next minute picks what to delete, and no seeded event is changed twice in one minute.
enum SoakBench {
    struct Options {
        var data = "/tmp/davb/data10k"
        var minutes = 30.0
        var connections = 64
        var events = 2000

        init(_ arguments: [String]) throws {
            var iterator = arguments.makeIterator()
            while let argument = iterator.next() {
                switch argument {
                case "--data": data = iterator.next() ?? data
                case "--minutes": minutes = Double(iterator.next() ?? "") ?? minutes
                case "--connections": connections = Int(iterator.next() ?? "") ?? connections
                case "--events": events = Int(iterator.next() ?? "") ?? events
                default: throw BenchError("unknown argument \(argument)")
                }
            }
        }
    }

    /// `kalends-bench soak`.
    static func run(arguments: [String]) throws {
        let options = try Options(arguments)
        let seeds = try DataFile.load(options.data + "/events", limit: options.events)
        let server = try BenchServer()
        defer { server.stop() }
        let target = DAVTarget.kalends(server)
        let seeding = DAVBench.importRun(target, target.calendar, seeds[...], calendar: true, connections: 8)
        print("seed events=\(seeds.count) \(seeding.fields)")
        guard seeding.errors == 0 else { throw BenchError("seeding failed") }
        print(
            "start rss_kib=\(server.residentKiB) connections=\(options.connections) minutes=\(options.minutes) "
                + "load_average=\(loadAverage())"
        )
        let ledger = SoakLedger(seeds: seeds.map(\.name))
        let client = HTTPConnection(port: target.port)
        var minute = 0
        var totals = (requests: 0, errors: 0)
        var worstP99 = 0.0
        while Double(minute) < options.minutes {
            let token = Multistatus.syncToken(
                try client.send(target.xmlRequest("PROPFIND", target.calendar, depth: "0", syncTokenBody)).text
            )
            let plan = SoakPlan(
                target: target,
                minute: minute,
                seeds: seeds,
                token: token,
                deletable: ledger.startMinute(minute)
            )
            let result = LoadRunner.run(
                port: target.port,
                connections: options.connections,
                duration: min(60, (options.minutes - Double(minute)) * 60),
                accept: { reply in ledger.settle(reply) },
                request: { index in
                    let operation = plan.operation(index)
                    ledger.begin(operation)
                    return operation.request
                }
            )
            minute += 1
            totals.requests += result.requests
            totals.errors += result.errors
            worstP99 = max(worstP99, result.p99)
            print(
                "minute=\(minute) \(result.fields) rss_kib=\(server.residentKiB) load_average=\(loadAverage())"
            )
        }
        print(
            "end requests=\(totals.requests) errors=\(totals.errors) worst_minute_p99_ms=\(LoadResult.decimal(worstP99)) "
                + "rss_kib=\(server.residentKiB) peak_rss_kib=\(server.peakResidentKiB)"
        )
        for line in ledger.firstErrors { print("error \(line)") }
        let consistent = try SoakVerifier(target: target, ledger: ledger).verify()
        if totals.errors > 0 || !consistent {
            print("soak=failed")
            exit(1)
        }
        print("soak=ok")
    }

    static let syncTokenBody = """
        <?xml version="1.0" encoding="utf-8"?>
        <d:propfind xmlns:d="DAV:"><d:prop><d:sync-token/><d:getetag/></d:prop></d:propfind>
        """

    static let homeBody = """
        <?xml version="1.0" encoding="utf-8"?>
        <d:propfind xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:prop><d:resourcetype/>
        <d:displayname/><d:sync-token/><c:supported-calendar-component-set/></d:prop></d:propfind>
        """

    /// The 1, 5 and 15 minute load averages of the machine.
    static func loadAverage() -> String {
        let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
        return text.split(separator: " ").prefix(3).joined(separator: ",")
    }
}

/// One request of the soak and the change it makes when acknowledged.
struct SoakOperation {
    enum Change {
        case none
        case put(name: String, marker: String, created: Bool)
        case delete(name: String)
    }

    var request: [UInt8]
    var statuses: Set<Int>
    var change: Change
}

/// The requests of one minute: `operation(n)` is the n-th request of that minute's run.
struct SoakPlan: Sendable {
    let target: DAVTarget
    let minute: Int
    let seeds: [DataFile]
    let propfindHome: [UInt8]
    let propfindCalendar: [UInt8]
    let propfindSyncToken: [UInt8]
    let syncCollection: [UInt8]
    /// Events created and acknowledged in the previous minute, deleted one per DELETE slot.
    let deletable: [String]

    init(target: DAVTarget, minute: Int, seeds: [DataFile], token: String?, deletable: [String]) {
        self.target = target
        self.minute = minute
        self.seeds = seeds
        self.deletable = deletable
        let home = String(target.calendar.dropLast("calendar/".count))
        propfindHome = target.xmlRequest("PROPFIND", home, depth: "1", SoakBench.homeBody)
        propfindCalendar = target.xmlRequest("PROPFIND", target.calendar, depth: "1", DAVBench.propfindBody)
        propfindSyncToken = target.xmlRequest("PROPFIND", target.calendar, depth: "0", SoakBench.syncTokenBody)
        syncCollection = target.xmlRequest("REPORT", target.calendar, depth: "0", DAVBench.syncCollection(token: token))
    }

    func operation(_ index: Int) -> SoakOperation {
        let round = index / 20
        switch index % 20 {
        case 0, 1: return read(propfindHome)
        case 2: return read(propfindCalendar)
        case 3, 4: return read(propfindSyncToken)
        case 5...9: return read(syncCollection)
        case 10...15:
            let hrefs = (0..<10).map { target.calendar + seeds[(index * 10 + $0) % seeds.count].name }
            let body = DAVBench.multiget(calendar: true, hrefs: hrefs)
            return read(target.xmlRequest("REPORT", target.calendar, depth: "1", body))
        case 16: return create("soak-\(minute)-\(round).ics")
        case 17:
            guard round < deletable.count else { return create("soak-\(minute)-extra-\(round).ics") }
            return SoakOperation(
                request: target.request("DELETE", target.calendar + deletable[round]),
                statuses: [204],
                change: .delete(name: deletable[round])
            )
        default:
            let slot = round * 2 + index % 20 - 18
            guard slot < seeds.count else { return create("soak-\(minute)-spare-\(slot).ics") }
            let seed = seeds[(minute * 7919 + slot) % seeds.count]
            let marker = "soak-change-\(minute)-\(slot)"
            return SoakOperation(
                request: target.request(
                    "PUT",
                    target.calendar + seed.name,
                    headers: [("Content-Type", "text/calendar; charset=utf-8")],
                    body: seed.modified(component: "VEVENT", line: "COMMENT:\(marker)")
                ),
                statuses: [204],
                change: .put(name: seed.name, marker: marker, created: false)
            )
        }
    }

    private func read(_ request: [UInt8]) -> SoakOperation {
        SoakOperation(request: request, statuses: [207], change: .none)
    }

    private func create(_ name: String) -> SoakOperation {
        let uid = name.dropLast(".ics".count) + "@soak.example"
        let template = DataFile(
            name: name,
            bytes: seeds[abs(name.hashValue) % seeds.count].withUID(String(uid))
        )
        return SoakOperation(
            request: target.request(
                "PUT",
                target.calendar + name,
                headers: [("Content-Type", "text/calendar; charset=utf-8"), ("If-None-Match", "*")],
                body: template.modified(component: "VEVENT", line: "COMMENT:\(name)")
            ),
            statuses: [201],
            change: .put(name: name, marker: name, created: true)
        )
    }
}
