import Foundation

/// A configuration value as written in TOML, an environment variable or a `--set` flag.
public enum ConfigValue: Sendable, Equatable, CustomStringConvertible {
    /// A string.
    case string(String)
    /// A whole number.
    case integer(Int)
    /// A number of seconds (fractions allowed).
    case seconds(Double)
    /// A boolean.
    case boolean(Bool)
    /// A list of strings.
    case list([String])

    /// The TOML spelling.
    public var description: String {
        switch self {
        case .string(let value):
            "\"\(value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))\""
        case .integer(let value): String(value)
        case .seconds(let value): value == value.rounded() ? String(Int(value)) : String(value)
        case .boolean(let value): String(value)
        case .list(let values): "[" + values.map { ConfigValue.string($0).description }.joined(separator: ", ") + "]"
        }
    }
}

/// One configuration key: its name (`section.key`), default, help and accepted values. The table below is the
/// single source of truth: the loader, the environment variables, `--set` and `Config/kalends.toml` all come
/// from it.
public struct ConfigKey: Sendable {
    /// `section.key`, e.g. `server.listen`.
    public var name: String
    /// The default, which also fixes the type.
    public var defaultValue: ConfigValue
    /// One or two sentences for the example file.
    public var help: String
    /// For integers and seconds: the accepted range.
    public var range: ClosedRange<Double>?
    /// For strings: the accepted values, if restricted.
    public var choices: [String]?

    /// `KALENDS_SERVER_LISTEN` for `server.listen`.
    public var environmentVariable: String {
        "KALENDS_" + name.uppercased().replacingOccurrences(of: ".", with: "_")
    }

    /// The TOML section (`server`).
    public var section: String { String(name.split(separator: ".")[0]) }

    /// The key inside its section (`listen`).
    public var leaf: String { String(name.split(separator: ".")[1]) }
}

/// The configuration schema of the daemon.
public enum ConfigSchema {
    /// Every key, grouped by section in this order.
    public static let keys: [ConfigKey] = [
        ConfigKey(
            name: "storage.data_dir",
            defaultValue: .string("./kalends-data"),
            help: "Directory holding the SQLite database and blob files; created on first start (mode 0700)."
        ),
        ConfigKey(
            name: "server.listen",
            defaultValue: .list(["127.0.0.1:8008"]),
            help:
                "Addresses to listen on: HOST:PORT, [IPV6]:PORT or :PORT for every address. Ignored when systemd passes sockets."
        ),
        ConfigKey(
            name: "server.workers",
            defaultValue: .integer(0),
            help: "Request-handling threads; 0 means two per core, at least four.",
            range: 0...1024
        ),
        ConfigKey(
            name: "server.max_connections",
            defaultValue: .integer(16_384),
            help: "Most open connections; further ones get 503.",
            range: 1...1_000_000
        ),
        ConfigKey(
            name: "server.header_timeout",
            defaultValue: .seconds(20),
            help: "Seconds a client has to send a complete request head (408 after).",
            range: 1...3600
        ),
        ConfigKey(
            name: "server.keepalive_timeout",
            defaultValue: .seconds(60),
            help: "Seconds an idle keep-alive connection stays open.",
            range: 1...3600
        ),
        ConfigKey(
            name: "server.body_timeout",
            defaultValue: .seconds(60),
            help: "Seconds to wait for the next bytes of a request body (408 after).",
            range: 1...3600
        ),
        ConfigKey(
            name: "server.min_body_rate",
            defaultValue: .integer(500),
            help: "Bytes per second a request body must average once server.body_timeout has passed: the body's "
                + "deadline grows by one second per this many bytes received (408 after); 0 turns it off.",
            range: 0...1_000_000_000
        ),
        ConfigKey(
            name: "server.write_timeout",
            defaultValue: .seconds(60),
            help: "Seconds to wait for a client to accept response bytes before dropping it.",
            range: 1...3600
        ),
        ConfigKey(
            name: "server.shutdown_grace_period",
            defaultValue: .seconds(10),
            help: "Seconds in-flight requests get to finish on SIGTERM.",
            range: 0...600
        ),
        ConfigKey(
            name: "server.compression_threshold",
            defaultValue: .integer(1024),
            help:
                "Smallest XML, calendar or vCard response body (bytes) that is gzip-compressed for clients that accept it.",
            range: 0...1_073_741_824
        ),
        ConfigKey(
            name: "limits.max_body_size",
            defaultValue: .integer(10 << 30),
            help: "Largest request body in bytes (413 beyond); file uploads stream, so this may be large.",
            range: 1...Double(Int64.max)
        ),
        ConfigKey(
            name: "limits.max_header_size",
            defaultValue: .integer(65_536),
            help: "Largest request head in bytes (431 beyond).",
            range: 1024...1_048_576
        ),
        ConfigKey(
            name: "limits.max_request_line",
            defaultValue: .integer(8192),
            help: "Longest request line in bytes (414 beyond).",
            range: 256...1_048_576
        ),
        ConfigKey(
            name: "limits.max_xml_body",
            defaultValue: .integer(16 << 20),
            help: "Largest XML, iCalendar or vCard body parsed in memory (413 beyond).",
            range: 1024...1_073_741_824
        ),
        ConfigKey(
            name: "limits.user_quota",
            defaultValue: .integer(0),
            help: "Bytes each user may store (RFC 4331 quota; 507 beyond); 0 means no quota.",
            range: 0...Double(Int64.max)
        ),
        ConfigKey(
            name: "limits.listing_cache_bytes",
            defaultValue: .integer(32 << 20),
            help:
                "Memory for bodies of PROPFIND Depth:1 and initial sync listings of unchanged collections, reused until "
                + "the collection changes; 0 turns the cache off.",
            range: 0...Double(Int64.max)
        ),
        ConfigKey(
            name: "limits.object_cache_bytes",
            defaultValue: .integer(16 << 20),
            help:
                "Memory for calendar objects and contacts read lately by calendar-query, addressbook-query and multiget "
                + "reports, reused until they change; 0 turns the cache off.",
            range: 0...Double(Int64.max)
        ),
        ConfigKey(
            name: "limits.report_cache_bytes",
            defaultValue: .integer(12 << 20),
            help:
                "Memory for the rendered responses of objects in calendar-query, addressbook-query and multiget "
                + "reports, reused for the same objects until they change; 0 turns the cache off.",
            range: 0...Double(Int64.max)
        ),
        ConfigKey(
            name: "limits.max_lock_timeout",
            defaultValue: .seconds(3600),
            help: "Longest WebDAV lock timeout granted, in seconds; clients asking for more or Infinite get this.",
            range: 1...604_800
        ),
        ConfigKey(
            name: "webdav.ignore_apple_metadata",
            defaultValue: .boolean(false),
            help: "Accept and discard macOS ._* AppleDouble and .DS_Store files on PUT instead of storing them."
        ),
        ConfigKey(
            name: "caldav.max_resource_size",
            defaultValue: .integer(8 << 20),
            help: "Largest calendar object or vCard in bytes (CALDAV:max-resource-size / CARDDAV:max-resource-size).",
            range: 1024...1_073_741_824
        ),
        ConfigKey(
            name: "caldav.max_instances",
            defaultValue: .integer(10_000),
            help:
                "Most recurrence instances one query expands per calendar object, and most a finite recurrence set may have (CALDAV:max-instances).",
            range: 10...10_000_000
        ),
        ConfigKey(
            name: "caldav.max_attendees",
            defaultValue: .integer(1000),
            help: "Most attendees one event or task may have (CALDAV:max-attendees-per-instance).",
            range: 1...1_000_000
        ),
        ConfigKey(
            name: "auth.backend",
            defaultValue: .string("store"),
            help: "Where users and password hashes live: \"store\" (kalends user add) or \"htpasswd\".",
            choices: ["store", "htpasswd"]
        ),
        ConfigKey(
            name: "auth.htpasswd_file",
            defaultValue: .string(""),
            help: "The htpasswd file when auth.backend = \"htpasswd\" (bcrypt, sha512-crypt or yescrypt hashes)."
        ),
        ConfigKey(
            name: "auth.password_scheme",
            defaultValue: .string("yescrypt"),
            help: "Hash for new passwords, through the system libcrypt.",
            choices: ["yescrypt", "bcrypt", "sha512crypt"]
        ),
        ConfigKey(
            name: "auth.realm",
            defaultValue: .string("Kalends"),
            help: "The realm in WWW-Authenticate challenges."
        ),
        ConfigKey(
            name: "auth.failed_login_limit",
            defaultValue: .integer(5),
            help: "Failed logins per client address within a minute before further attempts are refused for a while.",
            range: 1...10_000
        ),
        ConfigKey(
            name: "auth.failed_login_limit_per_user",
            defaultValue: .integer(20),
            help: "Failed logins for one user name within a minute, from any addresses, before further attempts "
                + "for it are refused for up to a minute, except from addresses the user has logged in from.",
            range: 1...100_000
        ),
        ConfigKey(
            name: "auth.credential_cache_seconds",
            defaultValue: .seconds(300),
            help: "How long a verified password is remembered, so the slow hash does not run on every request.",
            range: 0...86_400
        ),
        ConfigKey(
            name: "log.level",
            defaultValue: .string("info"),
            help: "Least severe log level written.",
            choices: ["trace", "debug", "info", "notice", "warning", "error", "critical"]
        ),
        ConfigKey(name: "log.access", defaultValue: .boolean(true), help: "Write one access-log line per request."),
    ]

    /// The key named `name`, if any.
    public static func key(named name: String) -> ConfigKey? { keys.first { $0.name == name } }

    /// The documented example configuration: every key commented out at its default, with its help.
    public static func exampleFile() -> String {
        var text = """
            # Kalends configuration (TOML). Every key is shown at its default, commented out.
            # Each key can also be set by an environment variable (shown) or on the command line with
            # `--set section.key=value`; the command line wins over the environment, which wins over this file.
            # Generated from ConfigSchema.swift by `kalends config example`; a test keeps them in step.

            """
        var section = ""
        for key in keys {
            if key.section != section {
                section = key.section
                text += "\n[\(section)]\n"
            }
            text += "\n# \(key.help)\n# Environment: \(key.environmentVariable)\n"
            text += "# \(key.leaf) = \(key.defaultValue)\n"
        }
        return text
    }
}
