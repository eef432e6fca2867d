import Foundation
import HTTPServer
import KalendsApp
import Testing

@Suite("Configuration: schema, TOML file, environment and flags")
struct ConfigurationTests {
    private func temporaryFile(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "kalends-config-\(UUID().uuidString).toml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("Config/kalends.toml is exactly what the schema generates")
    func exampleFileIsInStep() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let committed = try String(
            contentsOf: repository.appendingPathComponent("Config/kalends.toml"),
            encoding: .utf8
        )
        #expect(
            committed == ConfigSchema.exampleFile(),
            "regenerate with: kalends config example > Config/kalends.toml"
        )
    }

    @Test("the example file parses and yields the defaults")
    func exampleFileLoads() throws {
        var previous = ""
        let uncommented = ConfigSchema.exampleFile().split(separator: "\n", omittingEmptySubsequences: false).map {
            line in
            defer { previous = String(line) }
            return previous.hasPrefix("# Environment:") ? String(line.dropFirst(2)) : String(line)
        }.joined(separator: "\n")
        let configuration = try Configuration.load(file: try temporaryFile(uncommented), environment: [:])
        #expect(configuration.values == Configuration().values)
    }

    @Test("file, then environment, then flags: the later wins")
    func precedence() throws {
        let file = try temporaryFile(
            "[server]\nworkers = 3\nlisten = [\"127.0.0.1:1\", \"[::1]:2\"]\n[log]\naccess = false\n"
        )
        let fromFile = try Configuration.load(file: file, environment: [:])
        #expect(fromFile.integer("server.workers") == 3)
        #expect(fromFile.listenAddresses.map(\.description) == ["127.0.0.1:1", "[::1]:2"])
        #expect(fromFile.boolean("log.access") == false)
        let fromEnvironment = try Configuration.load(file: file, environment: ["KALENDS_SERVER_WORKERS": "5"])
        #expect(fromEnvironment.integer("server.workers") == 5)
        let fromFlag = try Configuration.load(
            file: file,
            environment: ["KALENDS_SERVER_WORKERS": "5"],
            overrides: [("server.workers", "7")]
        )
        #expect(fromFlag.integer("server.workers") == 7)
        #expect(fromFlag.server.workerCount == 7)
    }

    @Test(
        "bad values fail with a message naming the key",
        arguments: [
            ("[server]\nworkers = \"many\"\n", "server.workers"),
            ("[server]\nunknown = 1\n", "server.unknown"),
            ("[server]\nlisten = [\"nonsense\"]\n", "server.listen"),
            ("[server]\nmax_connections = 0\n", "server.max_connections"),
            ("[auth]\nbackend = \"ldap\"\n", "auth.backend"),
            ("[auth]\nbackend = \"htpasswd\"\n", "auth.htpasswd_file"),
            ("[server\n", ".toml"),
        ]
    )
    func badValues(text: String, key: String) throws {
        let file = try temporaryFile(text)
        do {
            _ = try Configuration.load(file: file, environment: [:])
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.description.contains(key), "\(error)")
        }
    }

    @Test("environment values are checked like file values")
    func badEnvironment() {
        #expect(throws: ConfigurationError.self) {
            try Configuration.load(file: nil, environment: ["KALENDS_LOG_ACCESS": "perhaps"])
        }
    }
}
