import ArgumentParser
import KalendsApp
import Store

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
