import Foundation

/// `kalends-bench dav` (CalDAV, issue #6) and `kalends-bench contacts` (CardDAV, issue #7): imports the
/// `gen_data.py` events or cards by PUT into the bench user's default calendar or address book, checks the
/// result counts, then measures the sync workloads at each connection count; with `--peers`, Radicale and
/// Xandikos get the same data (written to their storage before they start, see `PeerServer`) and the same
/// workloads, capped in time, in the same run.
enum DAVBench {
    /// Command-line options shared by both suites.
    struct Options {
        var data = ""
        var limit = Int.max
        var duration = 5.0
        var levels: [Int]
        var peers = false
        var peerSeconds = 20.0
        var peerConnections = 8
        /// Whether the measured workloads ask for gzip (`--gzip`), as Thunderbird, DAVx5 and Apple clients do.
        var gzip = false
        /// Workload names to measure (`--only a,b`); empty measures all. The import always runs.
        var only: Set<String> = []

        init(_ arguments: [String], levels: [Int]) throws {
            self.levels = levels
            var iterator = arguments.makeIterator()
            while let argument = iterator.next() {
                switch argument {
                case "--data": data = iterator.next() ?? ""
                case "--limit": limit = Int(iterator.next() ?? "") ?? limit
                case "--duration": duration = Double(iterator.next() ?? "") ?? duration
                case "--connections": self.levels = (iterator.next() ?? "").split(separator: ",").compactMap { Int($0) }
                case "--peers": peers = true
                case "--gzip": gzip = true
                case "--peer-seconds": peerSeconds = Double(iterator.next() ?? "") ?? peerSeconds
                case "--peer-connections": peerConnections = Int(iterator.next() ?? "") ?? peerConnections
                case "--only": only = Set((iterator.next() ?? "").split(separator: ",").map(String.init))
                default: throw BenchError("unknown argument \(argument)")
                }
            }
            guard !data.isEmpty else { throw BenchError("--data DIR is required (gen_data.py output)") }
        }

        /// The workloads of `all` that `--only` selects.
        func selected(_ all: [Workload]) -> [Workload] {
            only.isEmpty ? all : all.filter { only.contains($0.name) }
        }
    }

    /// One repeatable request kind; `request(n)` is the n-th request of a run.
    struct Workload {
        var name: String
        var statuses: Set<Int>
        var request: @Sendable (Int) -> [UInt8]
    }

    // MARK: CalDAV

    static let month = (start: "20250301T000000Z", end: "20250401T000000Z")

    static let propfindBody = """
        <?xml version="1.0" encoding="utf-8"?>
        <d:propfind xmlns:d="DAV:"><d:prop><d:getetag/></d:prop></d:propfind>
        """

    static func monthQuery(expand: Bool) -> String {
        let data =
            expand
            ? "<c:calendar-data><c:expand start=\"\(month.start)\" end=\"\(month.end)\"/></c:calendar-data>"
            : "<c:calendar-data/>"
        return """
            <?xml version="1.0" encoding="utf-8"?>
            <c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">
            <d:prop><d:getetag/>\(data)</d:prop>
            <c:filter><c:comp-filter name="VCALENDAR"><c:comp-filter name="VEVENT">
            <c:time-range start="\(month.start)" end="\(month.end)"/>
            </c:comp-filter></c:comp-filter></c:filter></c:calendar-query>
            """
    }

    static func syncCollection(token: String?) -> String {
        let token = token.map { "<d:sync-token>\($0)</d:sync-token>" } ?? "<d:sync-token/>"
        return """
            <?xml version="1.0" encoding="utf-8"?>
            <d:sync-collection xmlns:d="DAV:">\(token)<d:sync-level>1</d:sync-level>
            <d:prop><d:getetag/></d:prop></d:sync-collection>
            """
    }

    static func multiget(calendar: Bool, hrefs: [String]) -> String {
        let (element, namespace, data) =
            calendar
            ? ("c:calendar-multiget", "urn:ietf:params:xml:ns:caldav", "c:calendar-data")
            : ("c:addressbook-multiget", "urn:ietf:params:xml:ns:carddav", "c:address-data")
        let list = hrefs.map { "<d:href>\($0)</d:href>" }.joined()
        return """
            <?xml version="1.0" encoding="utf-8"?>
            <\(element) xmlns:d="DAV:" xmlns:c="\(namespace)"><d:prop><d:getetag/><\(data)/></d:prop>\(list)</\(element)>
            """
    }

    /// `kalends-bench dav`.
    static func runCalendar(arguments: [String]) throws {
        let options = try Options(arguments, levels: [1, 8, 64])
        let events = try DataFile.load(options.data + "/events", limit: options.limit)
        let expected = options.limit == Int.max ? expectedMonthCounts[events.count] : nil
        let suite = Suite(
            name: "dav",
            calendar: true,
            objects: events,
            singleConnectionImports: min(1000, events.count / 10),
            collection: \.calendar,
            importCollection: \.importCalendar,
            check: { try checkCalendar($0, expected: expected) },
            workloads: { calendarWorkloads($0, events: events, token: $1) }
        )
        try run(suite, options: options)
    }

    /// The month query's resources, VEVENTs and expanded instances for the whole data sets of
    /// `gen_data.py --seed 42`, by event count (not checked with `--limit`).
    static let expectedMonthCounts: [Int: (Int, Int, Int)] = [
        10_000: (484, 599, 1342),
        100_000: (4696, 5986, 13107),
    ]

    /// The CalDAV workloads of issue #6 against `target`'s data calendar.
    static func calendarWorkloads(_ target: DAVTarget, events: [DataFile], token: String?) -> [Workload] {
        let calendar = target.calendar
        let names = events.map(\.name)
        let propfind = target.xmlRequest("PROPFIND", calendar, depth: "1", propfindBody)
        let initial = target.xmlRequest("REPORT", calendar, depth: "0", syncCollection(token: nil))
        let incremental = target.xmlRequest("REPORT", calendar, depth: "0", syncCollection(token: token))
        let query = target.xmlRequest("REPORT", calendar, depth: "1", monthQuery(expand: false))
        let expand = target.xmlRequest("REPORT", calendar, depth: "1", monthQuery(expand: true))
        let get = target.request("GET", calendar + names[names.count / 2])
        let template = events[0]
        return [
            Workload(name: "propfind_depth1", statuses: [207]) { _ in propfind },
            Workload(name: "sync_initial", statuses: [207]) { _ in initial },
            Workload(name: "sync_after_10_changes", statuses: [207]) { _ in incremental },
            Workload(name: "calendar_multiget_100", statuses: [207]) { index in
                let first = index * 100 % names.count
                let hrefs = (0..<100).map { calendar + names[(first + $0) % names.count] }
                return target.xmlRequest("REPORT", calendar, depth: "1", multiget(calendar: true, hrefs: hrefs))
            },
            Workload(name: "calendar_query_month", statuses: [207]) { _ in query },
            Workload(name: "calendar_query_month_expand", statuses: [207]) { _ in expand },
            Workload(name: "get_one_event", statuses: [200]) { _ in get },
            Workload(name: "put_new_event", statuses: [201, 204]) { _ in
                let name = "new-" + UUID().uuidString
                return target.request(
                    "PUT",
                    calendar + name + ".ics",
                    headers: [("Content-Type", "text/calendar; charset=utf-8"), ("If-None-Match", "*")],
                    body: template.withUID(name + "@bench.example")
                )
            },
        ]
    }

    /// The month query with and without `expand`: prints the counts and compares them with `expected`
    /// (resources, VEVENTs, expanded instances) when given.
    static func checkCalendar(_ target: DAVTarget, expected: (Int, Int, Int)?) throws -> Bool {
        let client = HTTPConnection(port: target.port)
        var began = Date()
        let plain = try client.send(target.xmlRequest("REPORT", target.calendar, depth: "1", monthQuery(expand: false)))
        let plainSeconds = Date().timeIntervalSince(began)
        began = Date()
        let expanded = try client.send(
            target.xmlRequest("REPORT", target.calendar, depth: "1", monthQuery(expand: true))
        )
        let expandSeconds = Date().timeIntervalSince(began)
        let counts = (
            Multistatus.responseCount(plain.text),
            Multistatus.occurrences(of: "BEGIN:VEVENT", in: plain.text),
            Multistatus.occurrences(of: "BEGIN:VEVENT", in: expanded.text)
        )
        let ok = expected.map { $0 == counts } ?? true
        print(
            "check target=\(target.name) month_query_status=\(plain.status) resources=\(counts.0) vevents=\(counts.1) "
                + "expand_status=\(expanded.status) instances=\(counts.2) expected=\(expected.map { "\($0.0)/\($0.1)/\($0.2)" } ?? "none") "
                + "ok=\(ok) first_query_s=\(String(format: "%.3f", plainSeconds)) first_expand_s=\(String(format: "%.3f", expandSeconds))"
        )
        return ok
    }

    // MARK: CardDAV

    /// The substring the `addressbook-query` looks for in EMAIL (one surname of the generator, ~1/18 of cards).
    static let emailNeedle = "schmidt"

    static let contactQuery = """
        <?xml version="1.0" encoding="utf-8"?>
        <c:addressbook-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:carddav">
        <d:prop><d:getetag/><c:address-data/></d:prop>
        <c:filter><c:prop-filter name="EMAIL">
        <c:text-match collation="i;unicode-casemap" match-type="contains">\(emailNeedle)</c:text-match>
        </c:prop-filter></c:filter></c:addressbook-query>
        """

    /// `kalends-bench contacts`.
    static func runContacts(arguments: [String]) throws {
        let options = try Options(arguments, levels: [8])
        let cards = try DataFile.load(options.data + "/cards", limit: options.limit)
        let expected = cards.filter { card in
            String(decoding: card.bytes, as: UTF8.self).split(separator: "\r\n").contains {
                $0.hasPrefix("EMAIL") && $0.lowercased().contains(emailNeedle)
            }
        }.count
        let suite = Suite(
            name: "contacts",
            calendar: false,
            objects: cards,
            singleConnectionImports: min(500, cards.count / 10),
            collection: \.addressBook,
            importCollection: \.importAddressBook,
            check: { try checkContacts($0, expected: expected) },
            workloads: { contactWorkloads($0, cards: cards, token: $1) }
        )
        try run(suite, options: options)
    }

    /// The CardDAV workloads of issue #7 against `target`'s data address book.
    static func contactWorkloads(_ target: DAVTarget, cards: [DataFile], token: String?) -> [Workload] {
        let book = target.addressBook
        let names = cards.map(\.name)
        let propfind = target.xmlRequest("PROPFIND", book, depth: "1", propfindBody)
        let initial = target.xmlRequest("REPORT", book, depth: "0", syncCollection(token: nil))
        let incremental = target.xmlRequest("REPORT", book, depth: "0", syncCollection(token: token))
        let query = target.xmlRequest("REPORT", book, depth: "1", contactQuery)
        return [
            Workload(name: "propfind_depth1", statuses: [207]) { _ in propfind },
            Workload(name: "sync_initial", statuses: [207]) { _ in initial },
            Workload(name: "sync_after_10_changes", statuses: [207]) { _ in incremental },
            Workload(name: "addressbook_multiget_100", statuses: [207]) { index in
                let first = index * 100 % names.count
                let hrefs = (0..<100).map { book + names[(first + $0) % names.count] }
                return target.xmlRequest("REPORT", book, depth: "1", multiget(calendar: false, hrefs: hrefs))
            },
            Workload(name: "addressbook_query_email", statuses: [207]) { _ in query },
        ]
    }

    /// The EMAIL query once: prints the match count and compares it with the count in the data.
    static func checkContacts(_ target: DAVTarget, expected: Int) throws -> Bool {
        let client = HTTPConnection(port: target.port)
        let began = Date()
        let reply = try client.send(target.xmlRequest("REPORT", target.addressBook, depth: "1", contactQuery))
        let count = Multistatus.responseCount(reply.text)
        print(
            "check target=\(target.name) email_query_status=\(reply.status) matches=\(count) expected=\(expected) "
                + "ok=\(count == expected) first_query_s=\(String(format: "%.3f", Date().timeIntervalSince(began)))"
        )
        return count == expected
    }

    // MARK: Shared steps

    /// What the `dav` and `contacts` suites differ in.
    struct Suite {
        var name: String
        /// Whether the objects are events (else cards).
        var calendar: Bool
        var objects: [DataFile]
        /// How many objects are PUT over one connection before the rest go over eight.
        var singleConnectionImports: Int
        /// The collection holding the data set.
        var collection: KeyPath<DAVTarget, String>
        /// The empty collection a peer's import rate is measured in.
        var importCollection: KeyPath<DAVTarget, String>
        /// The count check of the suite's query; false fails the run.
        var check: (DAVTarget) throws -> Bool
        /// The workloads against a target, given the initial sync token for the incremental sync.
        var workloads: (DAVTarget, String?) -> [Workload]
    }

    /// Imports the suite's objects into kalends, checks and measures it, then each peer with `--peers`, and prints
    /// the ratios; exits 1 when a count check failed.
    static func run(_ suite: Suite, options: Options) throws {
        let server = try BenchServer()
        defer { server.stop() }
        let ours = DAVTarget.kalends(server)
        let objects = suite.objects
        let collection = ours[keyPath: suite.collection]
        printHeader(suite: suite.name, objects: objects.count, options: options)
        var report = Report()
        let single = suite.singleConnectionImports
        for (slice, connections) in [(objects[..<single], 1), (objects[single...], 8)] {
            report.add(
                "import",
                ours,
                importRun(ours, collection, slice, calendar: suite.calendar, connections: connections)
            )
        }
        printMemory(ours, when: "after_import")
        report.sane = try suite.check(ours) && report.sane
        let token = try syncChanges(ours, collection, Array(objects[0..<10]), calendar: suite.calendar)
        for workload in options.selected(suite.workloads(measured(ours, options), token)) {
            for connections in options.levels {
                let result = LoadRunner.run(
                    port: ours.port,
                    connections: connections,
                    duration: options.duration,
                    accept: { workload.statuses.contains($0.status) },
                    request: workload.request
                )
                report.add(workload.name, ours, result)
            }
        }
        printMemory(ours, when: "end")
        if options.peers {
            for kind in PeerServer.Kind.allCases {
                let data = (events: suite.calendar ? objects : [], cards: suite.calendar ? [] : objects)
                guard let peer = PeerServer.start(kind, events: data.events, cards: data.cards) else { continue }
                defer { peer.stop() }
                let target = peer.target
                let collection = target[keyPath: suite.collection]
                warmUp(target, collection)
                importPeer(
                    target,
                    target[keyPath: suite.importCollection],
                    objects,
                    calendar: suite.calendar,
                    options: options,
                    report: &report
                )
                report.sane = try suite.check(target) && report.sane
                let token = try syncChanges(target, collection, Array(objects[0..<10]), calendar: suite.calendar)
                for workload in options.selected(suite.workloads(measured(target, options), token)) {
                    report.add(workload.name, target, measurePeer(workload, target, options))
                }
                printMemory(target, when: "end")
            }
        }
        report.printRatios(baseline: "kalends", connections: options.peerConnections)
        if !report.sane {
            print("sanity=failed")
            exit(1)
        }
    }

    /// `target` as the workloads address it: asking for gzip with `--gzip` (the checks never do, they read the text).
    static func measured(_ target: DAVTarget, _ options: Options) -> DAVTarget {
        var target = target
        target.acceptsGzip = options.gzip
        return target
    }

    static func printHeader(suite: String, objects: Int, options: Options) {
        let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3)
        print(
            "suite=\(suite) objects=\(objects) duration_s=\(options.duration) gzip=\(options.gzip) connections=\(options.levels.map(String.init).joined(separator: ",")) "
                + "cores=\(ProcessInfo.processInfo.activeProcessorCount) loadavg=\(load?.joined(separator: ",") ?? "?") date=\(ISO8601DateFormatter().string(from: Date()))"
        )
    }

    static func printMemory(_ target: DAVTarget, when: String) {
        let memory = target.memoryKiB
        print(
            "memory target=\(target.name) at=\(when) vmrss_mib=\(memory.resident / 1024) vmhwm_mib=\(memory.peak / 1024)"
        )
    }

    /// PUTs `files` (with `If-None-Match: *`) into `collection` over `connections` connections, at most `seconds`.
    static func importRun(
        _ target: DAVTarget,
        _ collection: String,
        _ files: ArraySlice<DataFile>,
        calendar: Bool,
        connections: Int,
        seconds: Double = .infinity
    ) -> LoadResult {
        let files = Array(files)
        let contentType = calendar ? "text/calendar; charset=utf-8" : "text/vcard; charset=utf-8"
        return LoadRunner.run(
            port: target.port,
            connections: connections,
            duration: seconds,
            count: files.count,
            accept: { $0.status == 201 || $0.status == 204 }
        ) { index in
            target.request(
                "PUT",
                collection + files[index].name,
                headers: [("Content-Type", contentType), ("If-None-Match", "*")],
                body: files[index].bytes
            )
        }
    }

    /// Import rate of a peer into its empty collection: one connection, then `peerConnections`, each capped.
    static func importPeer(
        _ target: DAVTarget,
        _ collection: String,
        _ files: [DataFile],
        calendar: Bool,
        options: Options,
        report: inout Report
    ) {
        let first = importRun(
            target,
            collection,
            files[...],
            calendar: calendar,
            connections: 1,
            seconds: options.peerSeconds
        )
        report.add("import", target, first)
        let rest = files[first.requests...]
        report.add(
            "import",
            target,
            importRun(
                target,
                collection,
                rest,
                calendar: calendar,
                connections: options.peerConnections,
                seconds: options.peerSeconds
            )
        )
    }

    /// One PROPFIND so that a peer builds its caches before anything is timed.
    static func warmUp(_ target: DAVTarget, _ collection: String) {
        let began = Date()
        let reply = try? HTTPConnection(port: target.port).send(
            target.xmlRequest("PROPFIND", collection, depth: "1", propfindBody)
        )
        print(
            "warm_up target=\(target.name) status=\(reply?.status ?? 0) responses=\(Multistatus.responseCount(reply?.text ?? "")) "
                + "seconds=\(String(format: "%.1f", Date().timeIntervalSince(began)))"
        )
    }

    /// Initial sync-collection, 10 modified objects, then the incremental report from the initial token, which
    /// must list those 10. Returns the initial token for the incremental workload.
    static func syncChanges(_ target: DAVTarget, _ collection: String, _ files: [DataFile], calendar: Bool) throws
        -> String?
    {
        let client = HTTPConnection(port: target.port)
        let initial = try client.send(target.xmlRequest("REPORT", collection, depth: "0", syncCollection(token: nil)))
        let token = Multistatus.syncToken(initial.text)
        for file in files {
            let body =
                calendar
                ? file.modified(component: "VEVENT", line: "COMMENT:changed")
                : file.modified(component: "VCARD", line: "NOTE:changed")
            let contentType = calendar ? "text/calendar; charset=utf-8" : "text/vcard; charset=utf-8"
            _ = try client.send(
                target.request("PUT", collection + file.name, headers: [("Content-Type", contentType)], body: body)
            )
        }
        let changed = try client.send(target.xmlRequest("REPORT", collection, depth: "0", syncCollection(token: token)))
        print(
            "check target=\(target.name) sync_initial_status=\(initial.status) sync_initial_responses=\(Multistatus.responseCount(initial.text)) "
                + "sync_incremental_status=\(changed.status) sync_incremental_responses=\(Multistatus.responseCount(changed.text))"
        )
        return token
    }

    /// A peer at `peerConnections` for `peerSeconds`; a workload whose single request takes so long that the
    /// connections could not each finish one within the budget runs on one connection instead (the Python peers
    /// serve one request at a time, so this changes the rate little and bounds the run), and one whose probe
    /// request alone outlasts the budget is reported from that request.
    static func measurePeer(_ workload: Workload, _ target: DAVTarget, _ options: Options) -> LoadResult {
        let began = Date()
        _ = try? HTTPConnection(port: target.port).send(workload.request(1_000_000))
        let probe = Date().timeIntervalSince(began)
        if probe >= options.peerSeconds {
            // One request already used the whole budget (Radicale's expand takes minutes): that is the figure.
            return LoadResult(
                connections: 1,
                requests: 1,
                seconds: probe,
                p50: probe * 1000,
                p99: probe * 1000,
                errors: 0
            )
        }
        let connections = probe * Double(options.peerConnections) > options.peerSeconds ? 1 : options.peerConnections
        return LoadRunner.run(
            port: target.port,
            connections: connections,
            duration: max(options.peerSeconds - probe, 0.001),
            accept: { workload.statuses.contains($0.status) },
            request: workload.request
        )
    }
}

/// The results of a suite run, printed line by line as they come and as kalends-to-peer ratios at the end.
struct Report {
    private var results: [(workload: String, target: String, result: LoadResult)] = []
    /// False once a count check failed.
    var sane = true

    mutating func add(_ workload: String, _ target: DAVTarget, _ result: LoadResult) {
        results.append((workload, target.name, result))
        print("workload=\(workload) target=\(target.name) \(result.fields)")
    }

    /// For each workload: kalends at `connections` (import: the largest import run) against each peer's best run.
    func printRatios(baseline: String, connections: Int) {
        var workloads: [String] = []
        for entry in results where !workloads.contains(entry.workload) { workloads.append(entry.workload) }
        for workload in workloads {
            let runs = results.filter { $0.workload == workload }
            let ours =
                runs.first { $0.target == baseline && $0.result.connections == connections }
                ?? runs.filter { $0.target == baseline }.max { $0.result.rate < $1.result.rate }
            guard let ours else { continue }
            for peer in Set(runs.map(\.target)).subtracting([baseline]).sorted() {
                guard let best = runs.filter({ $0.target == peer }).max(by: { $0.result.rate < $1.result.rate }) else {
                    continue
                }
                let ratio = best.result.rate > 0 ? ours.result.rate / best.result.rate : 0
                print(
                    "ratio workload=\(workload) peer=\(peer) kalends_per_s=\(LoadResult.decimal(ours.result.rate)) "
                        + "peer_per_s=\(LoadResult.decimal(best.result.rate)) peer_connections=\(best.result.connections) "
                        + "ratio=\(LoadResult.decimal(ratio))"
                )
            }
        }
    }
}
