/// User names as Windows and some clients qualify them: `DOMAIN\user` (a down-level logon name, what the
/// Windows WebDAV Mini-Redirector sends when the user types it) and `user@host` (a user principal name).
/// `Authenticator` falls back to the unqualified name only when the name as sent is not a user, so a user
/// literally called `alice@example.com` still signs in as that user.
enum QualifiedUserName {
    /// The user part of a qualified name: after the last `\`, or before the last `@`; nil when `name` is not
    /// qualified or the user part is empty.
    static func unqualified(_ name: String) -> String? {
        if let backslash = name.lastIndex(of: "\\") {
            let user = name[name.index(after: backslash)...]
            return user.isEmpty ? nil : String(user)
        }
        if let at = name.lastIndex(of: "@") {
            let user = name[..<at]
            return user.isEmpty ? nil : String(user)
        }
        return nil
    }
}
