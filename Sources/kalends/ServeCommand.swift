import ArgumentParser
import KalendsApp
import Logging

/// `kalends serve` (the default): runs the server until SIGTERM/SIGINT.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the server (the default). First run creates user admin with a random password."
    )

    @OptionGroup var options: CommonOptions

    @Option(name: .long, help: "Address to listen on: HOST:PORT or [IPV6]:PORT; repeat for several (server.listen).")
    var listen: [String] = []

    func run() throws {
        let configuration = try options.load(listen: listen)
        let logger = LoggingSetup.bootstrap(level: configuration.logLevel)
        do {
            try Daemon.run(configuration, logger: logger)
        } catch {
            logger.critical("kalends could not start: \(error)")
            throw ExitCode(1)
        }
    }
}
