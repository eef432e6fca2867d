import Auth
import Dispatch
import Store
import Synchronization

/// Users and password hashes from the store, for the authenticator.
///
/// Hashes are remembered for `lifetime` seconds so an authenticated request does not cost a database read;
/// a password changed with `kalends user passwd` (another process) takes effect within that time.
final class StoreUserDirectory: UserDirectory {
    private let store: DataStore
    private let lifetime: Double
    private let cache = Mutex<[String: (hash: String?, expires: Double)]>([:])

    init(store: DataStore, lifetime: Double = 2) {
        self.store = store
        self.lifetime = lifetime
    }

    func passwordHash(forUser name: String) throws -> String? {
        let now = Double(DispatchTime.now().uptimeNanoseconds) / 1e9
        if let cached = cache.withLock({ $0[name] }), cached.expires > now { return cached.hash }
        let hash = try store.user(named: name)?.passwordHash
        cache.withLock { entries in
            if entries.count > 10_000 { entries.removeAll() }
            entries[name] = (hash, now + lifetime)
        }
        return hash
    }
}
