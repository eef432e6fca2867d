import ArgumentParser
import KalendsApp

/// `kalends check`: verifies the database and blob files; exit status 1 when anything is wrong.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Verify the database (integrity, tree, blob files) and report problems."
    )

    @OptionGroup var options: CommonOptions
    @Flag(name: .long, help: "Also re-hash every blob file.") var deep = false

    func run() throws {
        let store = try Daemon.openStore(try options.load())
        let report = try store.check(deep: deep)
        if report.isClean {
            print("ok: \(store.databasePath) and its blobs are consistent")
            return
        }
        for problem in report.problems { print("problem: \(problem)") }
        throw ExitCode(1)
    }
}

/// `kalends backup PATH`: a consistent online copy of the database and its blobs.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the database and blob files consistently into PATH while the server runs."
    )

    @OptionGroup var options: CommonOptions
    @Argument(help: "The directory to write the backup into (created if missing).") var path: String

    func run() throws {
        let store = try Daemon.openStore(try options.load())
        try store.backup(to: path)
        print("backup written to \(path)")
    }
}

/// `kalends config example`: prints the documented configuration file.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Configuration helpers.",
        subcommands: [Example.self, Show.self]
    )

    struct Example: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print Config/kalends.toml: every key, default and help.")

        func run() {
            print(ConfigSchema.exampleFile(), terminator: "")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the effective configuration and exit.")

        @OptionGroup var options: CommonOptions

        func run() throws {
            let configuration = try options.load()
            for key in ConfigSchema.keys {
                print("\(key.name) = \(configuration.values[key.name] ?? key.defaultValue)")
            }
        }
    }
}
