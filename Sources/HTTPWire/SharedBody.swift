import Synchronization

/// Bytes sent unchanged as the body of many responses (a cached collection listing), with their gzip form
/// (RFC 9110 §8.4.1.3) made at most once — for the first client that accepts it — and kept beside them, so a client
/// that asks for gzip on every request does not pay for compressing the same bytes again each time.
public final class SharedBody: Sendable {
    /// The body as it is, without content coding.
    public let bytes: [UInt8]
    private let gzipForm = Mutex<[UInt8]?>(nil)

    /// Wraps `bytes`.
    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The gzip form of `bytes`, compressed on the first call (concurrent first callers wait for that one
    /// compression); nil when compression fails.
    public func gzipped() -> [UInt8]? {
        gzipForm.withLock { stored in
            if let stored { return stored }
            stored = try? GzipCompressor.compress(bytes)
            return stored
        }
    }
}
