import Foundation

/// A value guarded by a lock, for state shared between request threads.
///
/// `@unchecked Sendable` because the compiler cannot see that every access to `value`
/// happens inside `withLock` under `lock`; `Value` itself must be `Sendable`, so nothing
/// non-Sendable escapes. (The standard library's `Mutex` would do, but it needs
/// macOS 15 while the package supports macOS 14.)
final class Locked<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    /// Runs `body` with exclusive access to the value.
    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
