import ArgumentParser
import KalendsApp

/// `kalends config example`: prints the documented configuration file.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Configuration helpers.",
        subcommands: [Example.self, Show.self]
    )

    struct Example: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print Config/kalends.toml: every key, default and help."
        )

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
