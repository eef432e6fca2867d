import DAVCore
import DAVXML
import Foundation
import Store

extension HomeBackend: PrincipalDirectory {
    /// Display name (the user name), calendar user addresses (the e-mail address) and Apple's e-mail set.
    var searchableProperties: [XMLName] {
        [
            .dav("displayname"), XMLName(Namespaces.calDAV, "calendar-user-address-set"),
            XMLName(Namespaces.calendarServer, "email-address-set"),
        ]
    }

    /// The users whose name or e-mail address contains the search texts (RFC 3744 §9.4).
    func principals(matching terms: [(property: XMLName, text: String)], allOf: Bool, as principal: Principal)
        throws -> [DAVResource]
    {
        let users = try mapErrors { try store.allUsers() }
        return users.filter { user in
            let results = terms.map { term in
                values(of: term.property, for: user).contains {
                    $0.range(of: term.text, options: [.caseInsensitive, .diacriticInsensitive]) != nil
                }
            }
            return allOf ? results.allSatisfy { $0 } : results.contains(true)
        }
        .compactMap {
            SynthesisedResources.resource(at: SynthesisedResources.principalPath(of: $0.name), for: $0.name) { _ in
                true
            }
        }
    }

    private func values(of property: XMLName, for user: StoreUser) -> [String] {
        switch property {
        case .dav("displayname"): [user.name]
        case XMLName(Namespaces.calDAV, "calendar-user-address-set"):
            [SynthesisedResources.principalPath(of: user.name).encoded] + (user.email.map { ["mailto:\($0)"] } ?? [])
        case XMLName(Namespaces.calendarServer, "email-address-set"): user.email.map { [$0] } ?? []
        default: []
        }
    }
}
