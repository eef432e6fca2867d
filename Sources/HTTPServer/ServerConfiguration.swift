public import HTTPWire

/// Tuning and limits of the HTTP server; every field is a configuration key of the daemon.
public struct ServerConfiguration: Sendable {
    /// Request-size limits.
    public var limits: HTTPLimits
    /// Threads that read requests and run handlers. Handlers block on SQLite and file I/O and may wait on a slow
    /// client's body, so a few more threads than cores keep the server responsive.
    public var workerCount: Int
    /// Most simultaneously open connections; beyond it new connections get 503 and are closed.
    public var maxConnections: Int
    /// Time allowed to send a complete request head once its first byte arrived (slowloris guard, 408).
    public var headerTimeout: Double
    /// How long an idle keep-alive connection stays open.
    public var keepAliveTimeout: Double
    /// Longest wait for the next bytes of a request body (408).
    public var bodyReadTimeout: Double
    /// Slowest average rate, in bytes per second, at which a request body may arrive once `bodyReadTimeout` has
    /// passed since the server began reading it: the body's deadline is `bodyReadTimeout` plus one second per
    /// `minimumBodyRate` bytes received (as Apache's `mod_reqtimeout` `MinRate`), 408 after. A client trickling an
    /// upload therefore holds its worker for about `bodyReadTimeout`, not indefinitely. 0 turns the rate off.
    public var minimumBodyRate: Int
    /// Longest wait for the client to accept more response bytes before the connection is dropped.
    public var writeTimeout: Double
    /// Smallest body, in bytes, that is gzip-compressed when the response allows it and the client accepts it.
    public var compressionThreshold: Int
    /// How long graceful shutdown waits for in-flight requests.
    public var shutdownGracePeriod: Double

    /// Creates a configuration with defaults suited to a small server.
    public init(
        limits: HTTPLimits = HTTPLimits(),
        workerCount: Int = ServerConfiguration.defaultWorkerCount,
        maxConnections: Int = 16_384,
        headerTimeout: Double = 20,
        keepAliveTimeout: Double = 60,
        bodyReadTimeout: Double = 60,
        minimumBodyRate: Int = 500,
        writeTimeout: Double = 60,
        compressionThreshold: Int = 1024,
        shutdownGracePeriod: Double = 10
    ) {
        self.limits = limits
        self.workerCount = workerCount
        self.maxConnections = maxConnections
        self.headerTimeout = headerTimeout
        self.keepAliveTimeout = keepAliveTimeout
        self.bodyReadTimeout = bodyReadTimeout
        self.minimumBodyRate = minimumBodyRate
        self.writeTimeout = writeTimeout
        self.compressionThreshold = compressionThreshold
        self.shutdownGracePeriod = shutdownGracePeriod
    }

    /// Two threads per core, at least four.
    public static var defaultWorkerCount: Int {
        max(4, 2 * SystemInfo.activeProcessorCount)
    }
}
