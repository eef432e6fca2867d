#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Sends sd_notify(3) state datagrams to systemd over `$NOTIFY_SOCKET`, written by hand (no libsystemd).
public enum SystemdNotifier {
    /// Tells systemd the service is ready (`Type=notify`).
    public static func ready(status: String) {
        send("READY=1\nSTATUS=\(status)")
    }

    /// Tells systemd the service is shutting down.
    public static func stopping() {
        send("STOPPING=1")
    }

    /// Sends one datagram; does nothing when not started by systemd. Returns whether it was sent.
    @discardableResult
    public static func send(_ state: String) -> Bool {
        guard let pathPointer = getenv("NOTIFY_SOCKET") else { return false }
        var path = Array(String(cString: pathPointer).utf8)
        guard !path.isEmpty, path.count < 108 else { return false }
        // A leading '@' names a Linux abstract socket: its first byte is NUL.
        if path[0] == UInt8(ascii: "@") { path[0] = 0 }
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.enumerated() { raw[index] = byte }
        }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + path.count)
        let message = Array(state.utf8)
        let sent = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                sendto(descriptor, message, message.count, Int32(MSG_NOSIGNAL), $0, length)
            }
        }
        return sent == message.count
    }
}
