#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A listening TCP socket, bound by us or inherited from systemd socket activation.
public final class Listener: Sendable {
    /// The socket descriptor (non-blocking).
    public let descriptor: Int32
    /// The bound address and port, e.g. `127.0.0.1:8008`.
    public let boundAddress: String
    /// The bound port (useful after binding port 0).
    public let port: UInt16

    private init(descriptor: Int32) {
        self.descriptor = descriptor
        let local = SocketPeer.localAddress(of: descriptor)
        self.boundAddress = local.description
        self.port = local.port
    }

    /// Binds and listens on `address`. IPv6 sockets are IPv6-only; an empty host listens on every IPv4 and IPv6
    /// address through one dual-stack socket.
    public static func bind(_ address: ListenAddress, backlog: Int32 = 1024) throws -> Listener {
        var hints = addrinfo()
        hints.ai_family = address.host.isEmpty ? AF_INET6 : AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        var results: UnsafeMutablePointer<addrinfo>?
        let host = address.host.isEmpty ? nil : address.host
        let status = getaddrinfo(host, String(address.port), &hints, &results)
        guard status == 0, let first = results else {
            throw SocketError("resolve \(address): \(String(cString: gai_strerror(status)))", code: 0)
        }
        defer { freeaddrinfo(results) }
        let info = first.pointee
        let descriptor = socket(info.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw SocketError("socket \(address)") }
        var one: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        if info.ai_family == AF_INET6 {
            var v6Only: Int32 = address.host.isEmpty ? 0 : 1
            setsockopt(descriptor, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &v6Only, socklen_t(MemoryLayout<Int32>.size))
        }

        guard Glibc.bind(descriptor, info.ai_addr, info.ai_addrlen) == 0 else {
            let error = SocketError("bind \(address)")
            Glibc.close(descriptor)
            throw error
        }
        guard listen(descriptor, backlog) == 0 else {
            let error = SocketError("listen \(address)")
            Glibc.close(descriptor)
            throw error
        }
        SocketPeer.setNonBlocking(descriptor)
        return Listener(descriptor: descriptor)
    }

    /// The listening sockets systemd passed (`LISTEN_PID`/`LISTEN_FDS`, sd_listen_fds(3)); empty when none.
    /// Clears the variables so children do not inherit them.
    public static func inheritedFromSystemd() -> [Listener] {
        guard let pidText = getenv("LISTEN_PID").map({ String(cString: $0) }), Int32(pidText) == getpid(),
            let countText = getenv("LISTEN_FDS").map({ String(cString: $0) }), let count = Int32(countText),
            count > 0
        else { return [] }
        unsetenv("LISTEN_PID")
        unsetenv("LISTEN_FDS")
        unsetenv("LISTEN_FDNAMES")
        let firstDescriptor: Int32 = 3
        return (firstDescriptor..<(firstDescriptor + count)).map { descriptor in
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
            SocketPeer.setNonBlocking(descriptor)
            return Listener(descriptor: descriptor)
        }
    }

    /// Stops listening.
    public func close() {
        _ = Glibc.close(descriptor)
    }
}

/// Socket address helpers.
enum SocketPeer {
    struct Address: CustomStringConvertible {
        var host: String
        var port: UInt16
        var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
    }

    static func setNonBlocking(_ descriptor: Int32) {
        let flags = fcntl(descriptor, F_GETFL)
        _ = fcntl(descriptor, F_SETFL, flags | O_NONBLOCK)
    }

    static func localAddress(of descriptor: Int32) -> Address {
        address(of: descriptor) { getsockname(descriptor, $0, $1) }
    }

    static func remoteAddress(of descriptor: Int32) -> Address {
        address(of: descriptor) { getpeername(descriptor, $0, $1) }
    }

    private static func address(
        of descriptor: Int32,
        _ query: (UnsafeMutablePointer<sockaddr>, UnsafeMutablePointer<socklen_t>) -> Int32
    ) -> Address {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let ok = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { query($0, &length) }
        }
        guard ok == 0 else { return Address(host: "?", port: 0) }
        return describe(storage)
    }

    private static func hostString(_ text: [CChar]) -> String {
        String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func describe(_ storage: sockaddr_storage) -> Address {
        var storage = storage
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        switch Int32(storage.ss_family) {
        case AF_INET:
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { address in
                    var raw = address.pointee.sin_addr
                    inet_ntop(AF_INET, &raw, &text, socklen_t(text.count))
                    return Address(host: hostString(text), port: UInt16(bigEndian: address.pointee.sin_port))
                }
            }
        case AF_INET6:
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { address in
                    var raw = address.pointee.sin6_addr
                    inet_ntop(AF_INET6, &raw, &text, socklen_t(text.count))
                    var host = hostString(text)
                    if host.hasPrefix("::ffff:"), host.contains(".") { host.removeFirst(7) }
                    return Address(host: host, port: UInt16(bigEndian: address.pointee.sin6_port))
                }
            }
        default:
            return Address(host: "local", port: 0)
        }
    }
}
