import ArgumentParser
import Auth
import Foundation
import KalendsApp
import Store

/// `kalends user add|passwd|delete|list`.
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Manage users.",
        subcommands: [Add.self, Passwd.self, Delete.self, List.self]
    )

    /// Reads the password from standard input (first line), or makes one up and prints it.
    static func password(fromStandardInput: Bool) throws -> (password: String, generated: Bool) {
        guard fromStandardInput else { return (RandomPassword.make(), true) }
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw ValidationError("no password on standard input")
        }
        return (line, false)
    }

    /// User names become URL path segments: keep them simple.
    static func validate(name: String) throws {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "._-@"))
        guard !name.isEmpty, name.count <= 64, name.unicodeScalars.allSatisfy(allowed.contains), name != ".",
            name != ".."
        else {
            throw ValidationError("user names are 1–64 letters, digits, '.', '_', '-' or '@'")
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a user with a home, calendar and address book."
        )

        @OptionGroup var options: CommonOptions
        @Argument(help: "The user name.") var name: String
        @Flag(name: .long, help: "Read the password from the first line of standard input.") var passwordStdin = false
        @Option(name: .long, help: "The user's email address (used for calendar-user-address-set).") var email: String?

        func run() throws {
            try UserCommand.validate(name: name)
            let configuration = try options.load()
            let store = try Daemon.openStore(configuration)
            let (password, generated) = try UserCommand.password(fromStandardInput: passwordStdin)
            let hash = try PasswordHasher(prefix: configuration.passwordHashPrefix).hash(password)
            do {
                _ = try store.createUser(name: name, email: email, passwordHash: hash)
            } catch StoreError.conflict {
                throw ValidationError("user \(name) already exists")
            }
            print(generated ? "Created user \(name) with password: \(password)" : "Created user \(name)")
        }
    }

    struct Passwd: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a user's password.")

        @OptionGroup var options: CommonOptions
        @Argument(help: "The user name.") var name: String
        @Flag(name: .long, help: "Read the password from the first line of standard input.") var passwordStdin = false

        func run() throws {
            let configuration = try options.load()
            let store = try Daemon.openStore(configuration)
            guard try store.user(named: name) != nil else { throw ValidationError("no user \(name)") }
            let (password, generated) = try UserCommand.password(fromStandardInput: passwordStdin)
            try store.setPasswordHash(
                try PasswordHasher(prefix: configuration.passwordHashPrefix).hash(password),
                forUser: name
            )
            print(generated ? "New password for \(name): \(password)" : "Password changed for \(name)")
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete a user and everything in their home.")

        @OptionGroup var options: CommonOptions
        @Argument(help: "The user name.") var name: String

        func run() throws {
            let store = try Daemon.openStore(try options.load())
            guard try store.user(named: name) != nil else { throw ValidationError("no user \(name)") }
            try store.deleteUser(named: name)
            print("Deleted user \(name)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users.")

        @OptionGroup var options: CommonOptions

        func run() throws {
            let store = try Daemon.openStore(try options.load())
            for user in try store.allUsers() {
                print([user.name, user.email ?? "-"].joined(separator: "\t"))
            }
        }
    }
}
