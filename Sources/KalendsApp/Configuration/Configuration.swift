public import Foundation
public import HTTPServer
import HTTPWire
public import Logging
import TOMLKit

/// A configuration problem, naming the key (or file) at fault.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    /// The key, e.g. `server.listen`, or the file path for syntax errors.
    public var key: String
    /// What is wrong.
    public var message: String

    /// `server.workers: expected a whole number, got "many"`.
    public var description: String { "\(key): \(message)" }
}

/// The daemon's settings: defaults from `ConfigSchema`, then the TOML file, then `KALENDS_*` environment
/// variables, then `--set`/flag overrides. Every value is checked against the schema at start.
public struct Configuration: Sendable {
    /// Values by key name, every key present.
    public private(set) var values: [String: ConfigValue]

    /// The defaults alone.
    public init() {
        values = Dictionary(uniqueKeysWithValues: ConfigSchema.keys.map { ($0.name, $0.defaultValue) })
    }

    /// Loads and validates a configuration.
    ///
    /// - Parameters:
    ///   - file: a TOML file, or nil for none.
    ///   - environment: the process environment (only `KALENDS_*` names are read).
    ///   - overrides: `key=value` settings from the command line, applied last.
    public static func load(
        file: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        overrides: [(key: String, value: String)] = []
    ) throws(ConfigurationError) -> Configuration {
        var configuration = Configuration()
        if let file { try configuration.apply(fileAt: file) }
        for key in ConfigSchema.keys {
            if let text = environment[key.environmentVariable] {
                try configuration.set(key, text: text, source: key.environmentVariable)
            }
        }
        for (name, text) in overrides {
            guard let key = ConfigSchema.key(named: name) else {
                throw ConfigurationError(key: name, message: "unknown configuration key")
            }
            try configuration.set(key, text: text, source: name)
        }
        try configuration.validate()
        return configuration
    }

    private mutating func apply(fileAt path: String) throws(ConfigurationError) {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigurationError(
                key: path,
                message: "cannot read the configuration file (\(error.localizedDescription))"
            )
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigurationError(key: path, message: "invalid TOML: \(error.debugDescription)")
        } catch {
            throw ConfigurationError(key: path, message: "invalid TOML: \(error)")
        }
        for section in table.keys {
            guard let sectionTable = table[section]?.table else {
                throw ConfigurationError(key: section, message: "expected a [\(section)] table")
            }
            for leaf in sectionTable.keys {
                let name = "\(section).\(leaf)"
                guard let key = ConfigSchema.key(named: name), let raw = sectionTable[leaf] else {
                    throw ConfigurationError(key: name, message: "unknown configuration key")
                }
                values[name] = try Self.convert(raw, for: key)
            }
        }
    }

    private static func convert(_ raw: any TOMLValueConvertible, for key: ConfigKey) throws(ConfigurationError)
        -> ConfigValue
    {
        switch key.defaultValue {
        case .string:
            if let value = raw.string { return .string(value) }
            throw ConfigurationError(key: key.name, message: "expected a string")
        case .integer:
            if let value = raw.int { return .integer(value) }
            throw ConfigurationError(key: key.name, message: "expected a whole number")
        case .seconds:
            if let value = raw.int { return .seconds(Double(value)) }
            if let value = raw.double { return .seconds(value) }
            throw ConfigurationError(key: key.name, message: "expected a number of seconds")
        case .boolean:
            if let value = raw.bool { return .boolean(value) }
            throw ConfigurationError(key: key.name, message: "expected true or false")
        case .list:
            if let value = raw.string { return .list([value]) }
            if let array = raw.array {
                var items: [String] = []
                for element in array {
                    guard let item = element.string else {
                        throw ConfigurationError(key: key.name, message: "expected a list of strings")
                    }
                    items.append(item)
                }
                return .list(items)
            }
            throw ConfigurationError(key: key.name, message: "expected a list of strings")
        }
    }

    /// Sets a key from text (environment variable or command line); lists are comma-separated.
    public mutating func set(_ key: ConfigKey, text: String, source: String) throws(ConfigurationError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch key.defaultValue {
        case .string:
            values[key.name] = .string(trimmed)
        case .integer:
            guard let value = Int(trimmed) else {
                throw ConfigurationError(
                    key: key.name,
                    message: "expected a whole number, got \"\(text)\" (from \(source))"
                )
            }
            values[key.name] = .integer(value)
        case .seconds:
            guard let value = Double(trimmed) else {
                throw ConfigurationError(key: key.name, message: "expected seconds, got \"\(text)\" (from \(source))")
            }
            values[key.name] = .seconds(value)
        case .boolean:
            switch trimmed.lowercased() {
            case "true", "yes", "on", "1": values[key.name] = .boolean(true)
            case "false", "no", "off", "0": values[key.name] = .boolean(false)
            default:
                throw ConfigurationError(
                    key: key.name,
                    message: "expected true or false, got \"\(text)\" (from \(source))"
                )
            }
        case .list:
            values[key.name] = .list(trimmed.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        }
    }

    /// Replaces a list key (used by repeatable flags such as `--listen`).
    public mutating func setList(_ name: String, _ items: [String]) {
        values[name] = .list(items)
    }

    private func validate() throws(ConfigurationError) {
        for key in ConfigSchema.keys {
            guard let value = values[key.name] else { continue }
            switch value {
            case .integer(let number):
                if let range = key.range, !range.contains(Double(number)) {
                    throw ConfigurationError(key: key.name, message: "\(number) is outside \(Self.describe(range))")
                }
            case .seconds(let number):
                if let range = key.range, !range.contains(number) {
                    throw ConfigurationError(key: key.name, message: "\(number) is outside \(Self.describe(range))")
                }
            case .string(let text):
                if let choices = key.choices, !choices.contains(text) {
                    throw ConfigurationError(
                        key: key.name,
                        message: "\"\(text)\" is not one of \(choices.joined(separator: ", "))"
                    )
                }
            case .list, .boolean:
                break
            }
        }
        if listenAddresses.count != listenStrings.count {
            let bad = listenStrings.first { ListenAddress(parsing: $0) == nil } ?? ""
            throw ConfigurationError(key: "server.listen", message: "\"\(bad)\" is not HOST:PORT or [IPV6]:PORT")
        }
        if string("auth.backend") == "htpasswd", string("auth.htpasswd_file").isEmpty {
            throw ConfigurationError(key: "auth.htpasswd_file", message: "required when auth.backend = \"htpasswd\"")
        }
    }

    private static func describe(_ range: ClosedRange<Double>) -> String {
        "\(Int(range.lowerBound))…\(Int(range.upperBound))"
    }

    // MARK: - Typed access

    /// A string key's value.
    public func string(_ name: String) -> String {
        if case .string(let value) = values[name] { return value }
        return ""
    }

    /// An integer key's value.
    public func integer(_ name: String) -> Int {
        if case .integer(let value) = values[name] { return value }
        return 0
    }

    /// A seconds key's value.
    public func seconds(_ name: String) -> Double {
        if case .seconds(let value) = values[name] { return value }
        return 0
    }

    /// A boolean key's value.
    public func boolean(_ name: String) -> Bool {
        if case .boolean(let value) = values[name] { return value }
        return false
    }

    private var listenStrings: [String] {
        if case .list(let value) = values["server.listen"] { return value }
        return []
    }

    /// The data directory.
    public var dataDirectory: String { string("storage.data_dir") }

    /// The addresses to listen on.
    public var listenAddresses: [ListenAddress] { listenStrings.compactMap(ListenAddress.init(parsing:)) }

    /// The HTTP server settings.
    public var server: ServerConfiguration {
        let workers = integer("server.workers")
        return ServerConfiguration(
            limits: HTTPLimits(
                maxRequestLineLength: integer("limits.max_request_line"),
                maxHeaderBlockSize: integer("limits.max_header_size"),
                maxBodySize: Int64(integer("limits.max_body_size"))
            ),
            workerCount: workers == 0 ? ServerConfiguration.defaultWorkerCount : workers,
            maxConnections: integer("server.max_connections"),
            headerTimeout: seconds("server.header_timeout"),
            keepAliveTimeout: seconds("server.keepalive_timeout"),
            bodyReadTimeout: seconds("server.body_timeout"),
            minimumBodyRate: integer("server.min_body_rate"),
            writeTimeout: seconds("server.write_timeout"),
            compressionThreshold: integer("server.compression_threshold"),
            shutdownGracePeriod: seconds("server.shutdown_grace_period")
        )
    }

    /// The crypt(3) prefix for new password hashes.
    public var passwordHashPrefix: String {
        switch string("auth.password_scheme") {
        case "bcrypt": "$2b$"
        case "sha512crypt": "$6$"
        default: "$y$"
        }
    }

    /// The configured log level.
    public var logLevel: Logger.Level { Logger.Level(rawValue: string("log.level")) ?? .info }
}
