import Foundation

/// What the soak's acknowledged writes left in the calendar: the marker (a `COMMENT` value) each live event must
/// carry, the ETag its PUT answered with, and the events that must be gone. A write whose reply never arrived
/// (the connection failed) may or may not have happened; its event is left out of the check.
///
/// `LoadRunner` calls `request` and then `accept` on the same thread for one request, so the operation in
/// flight is kept per thread between `begin` and `settle`.
final class SoakLedger: @unchecked Sendable {
    struct Live {
        var marker: String
        var etag: String?
        var createdMinute: Int?
    }

    private let lock = NSLock()
    private(set) var live: [String: Live] = [:]
    private(set) var gone: Set<String> = []
    private(set) var uncertain: Set<String> = []
    private(set) var firstErrors: [String] = []
    private var minute = 0
    private static let key = "kalends.soak.operation"

    private final class InFlight {
        let operation: SoakOperation
        init(_ operation: SoakOperation) { self.operation = operation }
    }

    init(seeds: [String]) {
        for name in seeds { live[name] = Live(marker: "", etag: nil, createdMinute: nil) }
    }

    /// Starts `minute`; returns the events created and acknowledged in the minute before, for deletion.
    func startMinute(_ minute: Int) -> [String] {
        lock.withLock {
            self.minute = minute
            return live.filter { $0.value.createdMinute == minute - 1 }.keys.sorted()
        }
    }

    /// Records `operation` as the one in flight on this thread. An earlier one never settled had no reply.
    func begin(_ operation: SoakOperation) {
        let dictionary = Thread.current.threadDictionary
        if let unsettled = dictionary[Self.key] as? InFlight, let name = Self.name(of: unsettled.operation) {
            lock.withLock { _ = uncertain.insert(name) }
        }
        dictionary[Self.key] = InFlight(operation)
    }

    /// Applies the reply to the operation in flight on this thread; false when its status is not an expected one.
    func settle(_ reply: HTTPReply) -> Bool {
        let dictionary = Thread.current.threadDictionary
        guard let inFlight = dictionary[Self.key] as? InFlight else { return false }
        dictionary.removeObject(forKey: Self.key)
        let operation = inFlight.operation
        return lock.withLock {
            guard operation.statuses.contains(reply.status) else {
                if let name = Self.name(of: operation) { uncertain.insert(name) }
                if firstErrors.count < 10 {
                    let line =
                        String(decoding: operation.request.prefix(80), as: UTF8.self)
                        .split(separator: "\r\n").first ?? ""
                    firstErrors.append("status=\(reply.status) request=\(line)")
                }
                return false
            }
            switch operation.change {
            case .none: break
            case .put(let name, let marker, let created):
                let createdMinute = created ? minute : live[name]?.createdMinute
                live[name] = Live(marker: marker, etag: reply.header("etag"), createdMinute: createdMinute)
                gone.remove(name)
            case .delete(let name):
                live[name] = nil
                gone.insert(name)
            }
            return true
        }
    }

    private static func name(of operation: SoakOperation) -> String? {
        switch operation.change {
        case .none: return nil
        case .put(let name, _, _), .delete(let name): return name
        }
    }
}
