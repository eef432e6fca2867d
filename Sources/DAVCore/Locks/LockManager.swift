public import DAVXML
public import HTTPWire

/// The locking rules of RFC 4918 §6–§7 over a `LockBackend`: token generation, timeouts, conflicts and refresh.
/// Handlers reach it through `DAVContext.locks`.
public struct LockManager: Sendable {
    /// Where locks are stored.
    public var backend: any LockBackend
    /// The longest timeout granted, in seconds; longer requests and `Infinite` get this (RFC 4918 §10.7 lets the
    /// server choose).
    public var maxTimeout: Int64
    /// The current time, epoch seconds.
    public var clock: @Sendable () -> Int64

    /// Creates a manager.
    public init(backend: any LockBackend, maxTimeout: Int64 = 3600, clock: @escaping @Sendable () -> Int64) {
        self.backend = backend
        self.maxTimeout = max(1, maxTimeout)
        self.clock = clock
    }

    /// The timeout granted for a `Timeout` header (RFC 4918 §10.7): the first `Second-n` or `Infinite` in the
    /// list, capped at `maxTimeout`; `maxTimeout` when absent or unreadable.
    public func grantedTimeout(_ headers: HTTPHeaders) -> Int64 {
        for value in headers.listValues(of: "Timeout") {
            if value.lowercased() == "infinite" { return maxTimeout }
            guard value.lowercased().hasPrefix("second-"), let seconds = Int64(value.dropFirst(7)), seconds >= 0
            else { continue }
            return min(max(seconds, 1), maxTimeout)
        }
        return maxTimeout
    }

    /// Takes a new lock on `root` (RFC 4918 §9.10). Refused with 423 `DAV:no-conflicting-lock`, naming the
    /// conflicting lock's root, when an overlapping lock is exclusive or the new one is exclusive and any lock
    /// overlaps (RFC 4918 §6.1, §9.10.5). The check and the insert are one transaction.
    public func lock(
        _ root: DAVPath,
        isDeep: Bool,
        scope: ActiveLock.Scope,
        owner: XMLTree?,
        timeout: Int64,
        as principal: Principal
    ) throws -> ActiveLock {
        let now = clock()
        let lock = ActiveLock(
            token: Self.makeToken(),
            root: root,
            isDeep: isDeep,
            scope: scope,
            owner: owner,
            principal: principal,
            created: now,
            expires: now + timeout
        )
        let scopeOfLock = WriteTarget(path: root, includesDescendants: isDeep)
        try backend.createLock(
            lock,
            check: { existing in
                let overlapping = existing.filter { scopeOfLock.isProtected(by: $0) }
                if let conflict = overlapping.first(where: { !$0.isCompatible(with: lock) }) {
                    throw DAVError(
                        .locked,
                        condition: .dav("no-conflicting-lock", hrefs: [conflict.root.encoded]),
                        "\(root) is already locked by a lock rooted at \(conflict.root)."
                    )
                }
            },
            as: principal
        )
        return lock
    }

    /// The unexpired locks whose scope includes `path` (RFC 4918 §7.5).
    public func locks(covering path: DAVPath, as principal: Principal) throws -> [ActiveLock] {
        try backend.locks(along: path, includingDescendants: false, as: principal).filter { $0.covers(path) }
    }

    /// A fresh lock token: a random (version 4) UUID as a `urn:uuid:` URI (RFC 4918 §6.5, RFC 4122 §4.4).
    public static func makeToken() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = Array("0123456789abcdef".utf8)
        var text = "urn:uuid:"
        for (index, byte) in bytes.enumerated() {
            if [4, 6, 8, 10].contains(index) { text += "-" }
            text.unicodeScalars.append(Unicode.Scalar(hex[Int(byte >> 4)]))
            text.unicodeScalars.append(Unicode.Scalar(hex[Int(byte & 0x0F)]))
        }
        return text
    }
}
