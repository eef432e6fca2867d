import DAVCore
import Foundation
import HTTPWire
import Store

/// The vCard that represents a principal (RFC 6352 §7.1.2, `CARDDAV:principal-address`): a read-only resource at
/// `/dav/principals/users/<user>/card.vcf`, made from the user record (name as FN, email as EMAIL), readable by
/// every authenticated user like the principal itself.
enum PrincipalCard {
    /// The resource's name under the principal.
    static let name = "card.vcf"

    /// `/dav/principals/users/<user>/card.vcf`.
    static func path(of user: String) -> DAVPath {
        let principal = SynthesisedResources.principalPath(of: user)
        return principal.appending(name, isCollection: false) ?? principal
    }

    /// The user whose card `path` names; nil when it names none.
    static func user(at path: DAVPath) -> String? {
        guard !path.hasTrailingSlash, path.segments.count == 5, path.lastSegment == name, let parent = path.parent,
            let user = SynthesisedResources.principalName(of: parent)
        else { return nil }
        return user
    }

    /// The card's bytes: vCard 4.0 (RFC 6350) with the principal URL as UID.
    static func content(of user: StoreUser) -> [UInt8] {
        var lines = [
            "BEGIN:VCARD", "VERSION:4.0", "KIND:individual",
            "UID:\(SynthesisedResources.principalPath(of: user.name).encoded)", "FN:\(escaped(user.name))",
        ]
        if let email = user.email, !email.isEmpty { lines.append("EMAIL:\(escaped(email))") }
        lines.append("END:VCARD")
        return Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    /// The resource for the card of `user`, its entity tag a digest of the content.
    static func resource(of user: StoreUser) -> (DAVResource, [UInt8]) {
        let bytes = content(of: user)
        let created = Int64(user.created.timeIntervalSince1970)
        let resource = DAVResource(
            identifier: 0,
            path: path(of: user.name),
            kind: .file,
            etag: EntityTag(String(SHA256.hex(SHA256.digest(bytes)).prefix(32))),
            contentType: "text/vcard; charset=utf-8",
            contentLength: Int64(bytes.count),
            created: created,
            lastModified: created
        )
        return (resource, bytes)
    }

    /// RFC 6350 §3.4 text escaping.
    private static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\\": result += "\\\\"
            case ",": result += "\\,"
            case ";": result += "\\;"
            case "\n", "\r\n", "\r": result += "\\n"
            default: result.append(character)
            }
        }
        return result
    }
}
