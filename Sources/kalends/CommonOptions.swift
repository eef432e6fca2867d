import ArgumentParser
import Foundation
import KalendsApp
import Logging

/// Options every subcommand that touches data accepts: `--config`, `--data` and `--set`.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "A TOML configuration file (see Config/kalends.toml).")
    var config: String?

    @Option(name: .long, help: "The data directory (storage.data_dir).")
    var data: String?

    @Option(name: .customLong("set"), help: ArgumentHelp("Override any configuration key.", valueName: "key=value"))
    var settings: [String] = []

    /// The configuration: defaults, file, environment, then these flags.
    func load(listen: [String] = []) throws -> Configuration {
        var overrides: [(key: String, value: String)] = []
        for setting in settings {
            guard let equals = setting.firstIndex(of: "=") else {
                throw ValidationError("--set needs key=value, got \"\(setting)\"")
            }
            overrides.append((String(setting[..<equals]), String(setting[setting.index(after: equals)...])))
        }
        if let data { overrides.append(("storage.data_dir", data)) }
        if !listen.isEmpty { overrides.append(("server.listen", listen.joined(separator: ","))) }
        do {
            return try Configuration.load(file: config, overrides: overrides)
        } catch {
            throw ValidationError("configuration error: \(error)")
        }
    }
}

/// Sets up logging once per process.
enum LoggingSetup {
    static func bootstrap(level: Logger.Level) -> Logger {
        let journald = ProcessInfo.processInfo.environment["JOURNAL_STREAM"] != nil
        LoggingSystem.bootstrap { label in DaemonLogHandler(label: label, level: level, journald: journald) }
        return Logger(label: "kalends")
    }
}
