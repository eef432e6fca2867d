/// Errors thrown by the Auth module (verification itself never throws).
public enum AuthError: Error, Sendable, Equatable {
    /// libxcrypt does not support this hash prefix (e.g. `$apr1$`).
    case unsupportedPrefix(String)
    /// The password cannot be hashed (it contains a NUL byte) or crypt(3) failed.
    case hashingFailed
    /// The htpasswd file cannot be read; the message names the file and the reason.
    case unreadableFile(String)
}
