import Foundation
import Synchronization

/// An htpasswd file: `user:hash` per line, `#` comments and blank lines ignored. Reloaded
/// whenever its modification time, size or inode changes (checked on every lookup).
/// bcrypt (`$2y$`/`$2b$`/`$2a$`), sha512-crypt and yescrypt hashes are accepted; users
/// with `$apr1$`, `{SHA}` or other hashes are listed in `unsupportedUsers` and never
/// authenticate. The first line for a user wins.
public final class HtpasswdFile: UserDirectory {
    /// The file's path.
    public let path: String
    private let state: Mutex<Contents>

    /// What one load of the file yielded, and the file identity it came from.
    private struct Contents: Sendable {
        var signature: FileSignature
        var hashes: [String: String]
        var unsupported: [String]
    }

    /// Loads the file. Throws `AuthError.unreadableFile` if it cannot be read.
    public init(path: String) throws {
        self.path = path
        state = Mutex(try Self.load(path))
    }

    /// Users whose lines carry an unsupported hash, sorted (for a startup warning).
    public var unsupportedUsers: [String] {
        (try? current().unsupported) ?? []
    }

    /// The supported stored hash for `name`, nil for unknown or unsupported users.
    /// Throws `AuthError.unreadableFile` if the file vanished or cannot be read.
    public func passwordHash(forUser name: String) throws -> String? {
        try current().hashes[name]
    }

    private func current() throws -> Contents {
        let signature = try FileSignature(path: path)
        if let contents = state.withLock({ $0.signature == signature ? $0 : nil }) {
            return contents
        }
        let fresh = try Self.load(path)
        state.withLock { $0 = fresh }
        return fresh
    }

    private static func load(_ path: String) throws -> Contents {
        let signature = try FileSignature(path: path)
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw AuthError.unreadableFile("\(path): \(error.localizedDescription)")
        }
        var hashes: [String: String] = [:]
        var unsupported: Set<String> = []
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !line.hasPrefix("#"), let colon = line.firstIndex(of: ":") else { continue }
            let user = String(line[..<colon])
            let hash = String(line[line.index(after: colon)...])
            guard !user.isEmpty, hashes[user] == nil, !unsupported.contains(user) else { continue }
            if PasswordHasher.isSupportedHash(hash) {
                hashes[user] = hash
            } else {
                unsupported.insert(user)
            }
        }
        return Contents(signature: signature, hashes: hashes, unsupported: unsupported.sorted())
    }
}

/// What identifies one version of a file: modification time, size and inode.
private struct FileSignature: Sendable, Equatable {
    var modified: Date
    var size: Int64
    var inode: Int64

    init(path: String) throws {
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
        } catch {
            throw AuthError.unreadableFile("\(path): \(error.localizedDescription)")
        }
        modified = attributes[.modificationDate] as? Date ?? .distantPast
        size = (attributes[.size] as? NSNumber)?.int64Value ?? -1
        inode = (attributes[.systemFileNumber] as? NSNumber)?.int64Value ?? -1
    }
}
