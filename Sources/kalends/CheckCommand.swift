import ArgumentParser
import KalendsApp
import Store

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
