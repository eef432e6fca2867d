import ArgumentParser
import KalendsApp

/// The `kalends` command: a CalDAV/CardDAV/WebDAV server. Without a subcommand it serves.
@main
struct Kalends: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kalends",
        abstract: "A CalDAV, CardDAV and WebDAV server.",
        version: KalendsVersion.current,
        subcommands: [
            ServeCommand.self, UserCommand.self, CheckCommand.self, BackupCommand.self, VersionCommand.self,
            ConfigCommand.self, ICalCommand.self,
        ],
        defaultSubcommand: ServeCommand.self
    )
}

/// The release version.
enum KalendsVersion {
    static let current = "0.1.0"
}

/// `kalends version`.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print the version.")

    func run() {
        print("kalends \(KalendsVersion.current)")
    }
}
