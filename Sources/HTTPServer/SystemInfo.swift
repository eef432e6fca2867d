import CLinux

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Facts about the host and process limits the server adapts to.
public enum SystemInfo {
    /// Processors currently online.
    public static var activeProcessorCount: Int {
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }

    /// Caps glibc's malloc arenas at one per core (at least two). By default glibc makes up to eight per core, one per
    /// thread that meets a locked arena, and memory freed in one is not reused by the others: with four workers
    /// building multi-megabyte responses the peak resident size was 10–15 MiB higher (100,000 events, eight
    /// concurrent listings and month queries: VmHWM 87 → 72 MiB, 104 → 92 MiB). Returns whether glibc took it.
    @discardableResult
    public static func limitMallocArenas() -> Bool {
        #if os(Linux)
            clinux_limit_malloc_arenas(Int32(max(2, activeProcessorCount))) == 1
        #else
            false
        #endif
    }

    /// Gives the free pages inside glibc's malloc arenas back to the kernel (`malloc_trim(0)`). glibc returns only
    /// the top of an arena by itself, so the pages freed inside it by multi-megabyte responses stay resident.
    /// Returns whether any pages were given back.
    @discardableResult
    public static func returnFreedMemory() -> Bool {
        #if os(Linux)
            clinux_release_free_heap() == 1
        #else
            false
        #endif
    }

    /// The process's resident size in bytes (`/proc/self/statm`), 0 where that cannot be read.
    public static var residentBytes: Int {
        #if os(Linux)
            let descriptor = open("/proc/self/statm", O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { return 0 }
            defer { close(descriptor) }
            var buffer = [UInt8](repeating: 0, count: 128)
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { return 0 }
            let fields = buffer[..<count].split(separator: UInt8(ascii: " "))
            guard fields.count > 1, let pages = Int(String(decoding: fields[1], as: UTF8.self)) else { return 0 }
            return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
        #else
            return 0
        #endif
    }

    /// Raises the soft limit on open files to the hard limit, so many idle connections fit; returns the new limit.
    @discardableResult
    public static func raiseOpenFileLimit() -> Int {
        var limit = rlimit()
        guard getrlimit(resourceNoFile, &limit) == 0 else { return 0 }
        if limit.rlim_cur < limit.rlim_max {
            limit.rlim_cur = limit.rlim_max
            _ = setrlimit(resourceNoFile, &limit)
            _ = getrlimit(resourceNoFile, &limit)
        }
        return Int(clamping: limit.rlim_cur)
    }

    #if os(Linux)
        private static let resourceNoFile = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
    #else
        private static let resourceNoFile = RLIMIT_NOFILE
    #endif
}

/// A POSIX call that failed: what was attempted and `strerror(errno)`.
public struct SocketError: Error, Sendable, CustomStringConvertible {
    /// The operation and its target, e.g. `bind 127.0.0.1:8008`.
    public var operation: String
    /// The errno value.
    public var code: Int32

    /// Captures the current errno for `operation`.
    public init(_ operation: String) {
        self.operation = operation
        self.code = errno
    }

    /// Records a failure with an explicit error code (0 when the message already says everything).
    public init(_ operation: String, code: Int32) {
        self.operation = operation
        self.code = code
    }

    /// `bind 127.0.0.1:8008: Address already in use`.
    public var description: String {
        code == 0 ? operation : "\(operation): \(String(cString: strerror(code)))"
    }
}
