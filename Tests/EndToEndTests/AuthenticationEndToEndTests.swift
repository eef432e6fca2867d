import Foundation
import TestSupport
import Testing

/// Password guessing against the real binary: per-address throttling that leaves other clients alone, no user
/// enumeration by timing, and no credentials in the logs.
@Suite("Authentication end to end", .serialized)
struct AuthenticationEndToEndTests {
    let alice = LiveServer.basic("alice", "alice-password")
    let bob = LiveServer.basic("bob", "bob-password")

    /// One GET of the user's home from `source` on a fresh connection: the status and the round-trip time.
    private func timedGet(_ server: LiveServer, auth: String, user: String, source: String = "127.0.0.1") throws -> (
        status: Int, seconds: Double
    ) {
        try Self.timedGet(port: server.port, auth: auth, user: user, source: source)
    }

    private static func timedGet(port: UInt16, auth: String, user: String, source: String) throws -> (
        status: Int, seconds: Double
    ) {
        let clock = ContinuousClock()
        let started = clock.now
        let client = try RawHTTPClient(port: port, sourceHost: source)
        try client.send(
            "GET /dav/home/\(user)/ HTTP/1.1\r\nHost: x\r\nAuthorization: \(auth)\r\nConnection: close\r\n\r\n"
        )
        let status = try client.readResponse().status
        let elapsed = clock.now - started
        return (status, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    private static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }

    @Test("1,000 wrong passwords from one address are throttled with 429 while other addresses log in at once")
    func throttlingIsPerAddress() throws {
        let server = try LiveServer(users: [("alice", "alice-password"), ("bob", "bob-password")])
        let wrong = LiveServer.basic("alice", "guess")
        let other = NSLock()
        nonisolated(unsafe) var otherLatencies: [Double] = []
        nonisolated(unsafe) var otherStatuses: [Int] = []
        nonisolated(unsafe) var attacking = true
        let done = DispatchSemaphore(value: 0)
        let port = server.port
        let (alice, bob) = (alice, bob)
        Thread.detachNewThread {
            defer { done.signal() }
            while other.withLock({ attacking }) {
                for (auth, user) in [(bob, "bob"), (alice, "alice")] {
                    guard let result = try? Self.timedGet(port: port, auth: auth, user: user, source: "127.0.0.2")
                    else {
                        continue
                    }
                    other.withLock {
                        otherLatencies.append(result.seconds)
                        otherStatuses.append(result.status)
                    }
                }
            }
        }
        var statuses: [Int: Int] = [:]
        let clock = ContinuousClock()
        let started = clock.now
        for _ in 0..<1000 {
            let result = try timedGet(server, auth: wrong, user: "alice")
            statuses[result.status, default: 0] += 1
        }
        let burst = clock.now - started
        other.withLock { attacking = false }
        done.wait()
        let (latencies, otherCodes) = other.withLock { (otherLatencies, otherStatuses) }
        print(
            "throttle: 1000 wrong passwords in \(burst): \(statuses); other address: \(latencies.count) logins, "
                + "median \(Self.median(latencies) * 1000) ms, max \((latencies.max() ?? 0) * 1000) ms"
        )
        // Five failures are checked before the first lockout (1 s), then one more each time a lockout, doubled
        // every time, runs out: a slower burst on a loaded machine gets a few more checked attempts, never many.
        let burstSeconds = Double(burst.components.seconds) + Double(burst.components.attoseconds) / 1e18
        let checkedAtMost = 6 + Int(log2(burstSeconds + 1))
        #expect(1000 - (statuses[429] ?? 0) <= checkedAtMost)
        #expect(statuses[200] == nil)
        #expect(!latencies.isEmpty)
        #expect(otherCodes.allSatisfy { $0 == 200 })
        #expect(Self.median(latencies) < 0.25)
        // The locked-out address is refused even with the right password (the throttle is per address).
        #expect(try timedGet(server, auth: alice, user: "alice").status == 429)
        #expect(try timedGet(server, auth: alice, user: "alice", source: "127.0.0.3").status == 200)
    }

    @Test("wrong passwords for one user from 50 addresses lock the user name, but not the user's own address")
    func throttlingIsPerUserName() throws {
        let server = try LiveServer(users: [("alice", "alice-password"), ("bob", "bob-password")])
        #expect(try timedGet(server, auth: alice, user: "alice", source: "127.0.0.2").status == 200)
        var statuses: [Int: Int] = [:]
        for address in 10..<60 {
            for attempt in 0..<4 {
                let guess = LiveServer.basic("alice", "guess-\(address)-\(attempt)")
                let result = try timedGet(server, auth: guess, user: "alice", source: "127.0.0.\(address)")
                statuses[result.status, default: 0] += 1
            }
        }
        let own = try timedGet(server, auth: alice, user: "alice", source: "127.0.0.2")
        let newAddress = try timedGet(server, auth: alice, user: "alice", source: "127.0.0.200")
        let otherUser = try timedGet(server, auth: bob, user: "bob", source: "127.0.0.201")
        print(
            "user throttle: 200 wrong passwords from 50 addresses: \(statuses); alice from her address "
                + "\(own.status) in \(own.seconds * 1000) ms, from a new address \(newAddress.status), bob \(otherUser.status)"
        )
        #expect(statuses[401] == 20)
        #expect(statuses[429] == 180)
        #expect(own.status == 200)
        #expect(newAddress.status == 429)
        #expect(otherUser.status == 200)
    }

    /// Summary of login round-trip times in milliseconds.
    private struct TimingSummary: CustomStringConvertible {
        var mean: Double
        var p50: Double
        var p99: Double

        init(_ seconds: [Double]) {
            let sorted = seconds.map { $0 * 1000 }.sorted()
            mean = sorted.reduce(0, +) / Double(max(1, sorted.count))
            p50 = sorted.isEmpty ? 0 : sorted[sorted.count / 2]
            p99 = sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, sorted.count * 99 / 100)]
        }

        var description: String {
            String(format: "mean %.2f ms, p50 %.2f ms, p99 %.2f ms", mean, p50, p99)
        }
    }

    /// `count` interleaved logins with an unknown user name and with a known user's wrong password.
    private func loginTimings(_ server: LiveServer, count: Int) throws -> (
        unknownUser: TimingSummary, wrongPassword: TimingSummary
    ) {
        var unknown: [Double] = []
        var wrongPassword: [Double] = []
        // One warm-up each, so lazy initialisation is not measured.
        _ = try timedGet(server, auth: LiveServer.basic("nobody", "x"), user: "alice")
        _ = try timedGet(server, auth: LiveServer.basic("alice", "x"), user: "alice")
        for index in 0..<count {
            let unknownResult = try timedGet(
                server,
                auth: LiveServer.basic("mallory\(index)", "pw\(index)"),
                user: "alice"
            )
            let wrongResult = try timedGet(server, auth: LiveServer.basic("alice", "pw\(index)"), user: "alice")
            #expect(unknownResult.status == 401)
            #expect(wrongResult.status == 401)
            unknown.append(unknownResult.seconds)
            wrongPassword.append(wrongResult.seconds)
        }
        return (TimingSummary(unknown), TimingSummary(wrongPassword))
    }

    @Test(
        "a wrong user name and a wrong password take indistinguishable time",
        arguments: ["yescrypt", "sha512crypt", "bcrypt"]
    )
    func loginTimingDoesNotRevealUsers(scheme: String) throws {
        let directory = NSTemporaryDirectory() + "kalends-timing-" + UUID().uuidString
        let added = try LiveServer.run(
            [
                "user", "add", "alice", "--password-stdin", "--data", directory, "--set",
                "auth.password_scheme=\(scheme)",
            ],
            input: "alice-password\n"
        )
        #expect(added.status == 0, "\(added.error)")
        let server = try LiveServer(
            users: [],
            extraArguments: [
                "--set", "auth.failed_login_limit=10000", "--set", "auth.failed_login_limit_per_user=100000",
                "--set", "auth.password_scheme=\(scheme)",
            ],
            dataDirectory: directory
        )
        let (unknown, wrong) = try loginTimings(server, count: 200)
        let ratio = max(unknown.p50, wrong.p50) / max(min(unknown.p50, wrong.p50), 1e-9)
        print("timing \(scheme), 200 each: unknown user \(unknown); wrong password \(wrong); p50 ratio \(ratio)")
        #expect(ratio < 1.5, "unknown user \(unknown) vs wrong password \(wrong)")
    }

    @Test("Basic credentials never appear in the access log or the error log")
    func credentialsStayOutOfLogs() throws {
        let server = try LiveServer(
            users: [("alice", "alice-password")],
            extraArguments: ["--set", "log.access=true", "--set", "log.level=trace"]
        )
        let wrong = LiveServer.basic("alice", "wrong-password-42")
        let unknown = LiveServer.basic("mallory", "mallory-password-43")
        _ = try server.request("GET", "/dav/home/alice/", auth: alice)
        _ = try server.request("PUT", "/dav/home/alice/f.txt", auth: alice, body: "x")
        _ = try server.request("PROPFIND", "/dav/home/alice/", auth: alice, headers: ["Depth: 1"], body: "<broken")
        _ = try server.request("GET", "/dav/home/alice/", auth: wrong)
        _ = try server.request("GET", "/dav/home/alice/", auth: unknown)
        _ = try server.request("GET", "/dav/home/alice/", auth: "Basic !!!not-base64:secret-44")
        _ = try server.request("GET", "/dav/home/alice/../x", auth: alice)
        for target in [
            "http://alice:userinfo-secret-45@127.0.0.1/dav/home/alice/",
            "http://mallory:userinfo-secret-46@127.0.0.1/dav/home/alice/../x",
        ] {
            let client = try RawHTTPClient(port: server.port)
            try client.send("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: \(alice)\r\n\r\n")
            _ = try client.readResponse()
        }
        usleep(200_000)
        let log = server.log
        #expect(log.contains("method=GET"), "the access log must be on for this test")
        for secret in [
            "alice-password", "wrong-password-42", "mallory-password-43", "secret-44", "userinfo-secret-45",
            "userinfo-secret-46", alice, wrong, unknown,
            String(alice.dropFirst(6)), String(wrong.dropFirst(6)), String(unknown.dropFirst(6)),
        ] {
            #expect(!log.contains(secret), "the log contains \(secret)")
        }
        #expect(!log.lowercased().contains("authorization:"))
    }
}
