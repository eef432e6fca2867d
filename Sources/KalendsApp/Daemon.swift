public import Auth
import Foundation
import HTTPServer
public import Logging
public import Store

#if canImport(Glibc)
    import Glibc
#endif

/// Starting and stopping the server process: store, first-run bootstrap, authentication, listeners,
/// sd_notify and signal-driven graceful shutdown.
public enum Daemon {
    /// Opens the store in the configured data directory with the configured user quota, naming the directory in
    /// any error.
    public static func openStore(_ configuration: Configuration) throws -> DataStore {
        do {
            var options = StoreOptions()
            options.userQuota = Int64(configuration.integer("limits.user_quota"))
            options.objectRowCacheBytes = configuration.integer("limits.object_cache_bytes")
            options.contactSearchValues = HomeBackend.contactSearchValues
            return try DataStore(directory: configuration.dataDirectory, options: options)
        } catch {
            throw DaemonError("cannot open the data directory \(configuration.dataDirectory): \(error)")
        }
    }

    /// The authenticator the configuration asks for (store users or an htpasswd file).
    public static func makeAuthenticator(_ configuration: Configuration, store: DataStore) throws -> Authenticator {
        let directory: any UserDirectory
        if configuration.string("auth.backend") == "htpasswd" {
            directory = try HtpasswdFile(path: configuration.string("auth.htpasswd_file"))
        } else {
            directory = StoreUserDirectory(store: store)
        }
        return Authenticator(
            directory: directory,
            throttle: LoginThrottle(freeAttempts: configuration.integer("auth.failed_login_limit")),
            userThrottle: LoginThrottle(
                freeAttempts: configuration.integer("auth.failed_login_limit_per_user"),
                maxLockout: 60
            ),
            cacheLifetime: configuration.seconds("auth.credential_cache_seconds")
        )
    }

    /// First run: with no users at all, creates `admin` with a random password and returns the password.
    public static func bootstrapAdministrator(_ configuration: Configuration, store: DataStore) throws -> String? {
        guard configuration.string("auth.backend") == "store", try store.userCount() == 0 else { return nil }
        let password = RandomPassword.make()
        let hash = try PasswordHasher(prefix: configuration.passwordHashPrefix).hash(password)
        _ = try store.createUser(name: "admin", email: nil, passwordHash: hash)
        return password
    }

    /// Runs the server until SIGTERM or SIGINT, then shuts down gracefully.
    public static func run(_ configuration: Configuration, logger: Logger) throws {
        SystemInfo.raiseOpenFileLimit()
        SystemInfo.limitMallocArenas()
        // Block the stop signals in every thread; the main thread collects them with sigwait.
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGTERM)
        sigaddset(&signals, SIGINT)
        pthread_sigmask(SIG_BLOCK, &signals, nil)

        let store = try openStore(configuration)
        do {
            try store.quickCheck()
        } catch {
            throw DaemonError("cannot use the data directory \(configuration.dataDirectory): \(error)")
        }
        // A crash between installing a blob file and committing its reference leaves the file behind.
        let orphans = try store.collectOrphanBlobs()
        if orphans > 0 { logger.notice("removed \(orphans) unreferenced blob files left by an interrupted write") }
        if let password = try bootstrapAdministrator(configuration, store: store) {
            print(
                """
                Created user "admin" with password: \(password)
                This password is shown only once. Change it with: kalends user passwd admin --data \(configuration.dataDirectory)
                """
            )
            fflush(nil)
        }
        let authenticator = try makeAuthenticator(configuration, store: store)
        let application = Application(
            configuration: configuration,
            store: store,
            authenticator: authenticator,
            logger: logger
        )
        var listeners = Listener.inheritedFromSystemd()
        if listeners.isEmpty {
            listeners = try configuration.listenAddresses.map { try Listener.bind($0) }
        }
        let server = HTTPServer(
            configuration: configuration.server,
            responder: application,
            logger: logger,
            accessLog: configuration.boolean("log.access") ? AccessLog.recorder(logger) : nil
        )
        try server.start(listeners: listeners)
        let addresses = listeners.map(\.boundAddress)
        for address in addresses {
            logger.notice(
                "listening on http://\(address)/ — clients use http://\(address)/dav/ (CalDAV/CardDAV/WebDAV)"
            )
        }
        SystemdNotifier.ready(status: "Serving on \(addresses.joined(separator: ", "))")

        var received: Int32 = 0
        sigwait(&signals, &received)
        logger.notice("received signal \(received), shutting down")
        SystemdNotifier.stopping()
        server.shutdown()
        do {
            try store.checkpoint()
        } catch {
            logger.warning("could not copy the write-ahead log into \(store.databasePath) at stop: \(error)")
        }
        logger.notice("stopped")
    }
}

/// A start-up failure with a message for the admin.
public struct DaemonError: Error, CustomStringConvertible {
    /// What went wrong.
    public var description: String

    /// Creates an error.
    public init(_ description: String) { self.description = description }
}

/// Random passwords for first-run and generated accounts.
public enum RandomPassword {
    /// 20 characters from a 62-letter alphabet (≈119 bits) read from the system's CSPRNG.
    public static func make(length: Int = 20) -> String {
        let alphabet = Array("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }
}
