public import HTTPServer
public import Logging

/// Formats one access-log line per request as `key=value` pairs, which journald and log shippers can split.
public enum AccessLog {
    /// The line for an entry: method, target, status, bytes, duration, user, client.
    public static func line(for entry: AccessLogEntry) -> String {
        let milliseconds = (entry.duration * 1_000_000).rounded() / 1000
        return
            "method=\(entry.method) path=\(quoted(withoutUserInfo(entry.target))) status=\(entry.status) bytes=\(entry.bytesSent) "
            + "duration_ms=\(milliseconds) user=\(entry.user ?? "-") remote=\(entry.remoteAddress)"
    }

    /// A logging closure for the server.
    public static func recorder(_ logger: Logger) -> @Sendable (AccessLogEntry) -> Void {
        { entry in logger.info("\(line(for: entry))") }
    }

    /// An absolute-form target (RFC 9112 §3.2.2) with its userinfo (`user:password@`, RFC 3986 §3.2.1) replaced
    /// by `***@`, so credentials a client put into the URI never reach the log.
    static func withoutUserInfo(_ target: String) -> String {
        guard let scheme = target.firstRange(of: "://") else { return target }
        let authority = target[scheme.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard let at = authority.lastIndex(of: "@") else { return target }
        return String(target[..<scheme.upperBound]) + "***" + String(target[at...])
    }

    private static func quoted(_ text: String) -> String {
        let safe = text.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F && $0 != "\"" }
        return safe
            ? text : "\"" + text.unicodeScalars.map { $0.value < 0x20 || $0 == "\"" ? "?" : String($0) }.joined() + "\""
    }
}

/// A log handler for a daemon: when stderr is journald's (`JOURNAL_STREAM`), lines carry sd-daemon priority
/// prefixes (`<6>`) and no timestamp; otherwise an ISO timestamp and the level.
public struct DaemonLogHandler: LogHandler {
    /// Metadata attached to every line.
    public var metadata: Logger.Metadata = [:]
    /// The least severe level written.
    public var logLevel: Logger.Level
    private let label: String
    private let journald: Bool

    /// Creates a handler for `label` at `level`.
    public init(label: String, level: Logger.Level, journald: Bool) {
        self.label = label
        self.logLevel = level
        self.journald = journald
    }

    /// Per-key metadata.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes one line to stderr.
    public func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { $1 } }
        let suffix =
            merged.isEmpty
            ? "" : " " + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let line: String
        if journald {
            line = "<\(Self.syslogPriority(event.level))>\(event.message)\(suffix)\n"
        } else {
            line = "\(Self.timestamp()) \(event.level) \(label): \(event.message)\(suffix)\n"
        }
        StandardError.write(line)
    }

    private static func syslogPriority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    private static func timestamp() -> String {
        HTTPDateStamp.iso8601Now()
    }
}
