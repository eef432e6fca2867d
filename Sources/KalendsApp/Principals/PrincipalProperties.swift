import DAVCore
import DAVXML
import Foundation
import Store

/// Properties of principals and of who owns what: `principal-URL`, `displayname`, `principal-collection-set`,
/// `owner` (RFC 3744 §4–§5), `calendar-home-set`, `calendar-user-address-set` (RFC 4791 §6.2.1, RFC 6638 §2.4.1),
/// `calendar-user-type` (RFC 6638 §2.4.2), `schedule-inbox-URL`/`schedule-outbox-URL` (RFC 6638 §2.2.1, §2.1.1), Apple's `email-address-set`, `addressbook-home-set` and `principal-address` (RFC 6352 §7.1.1–§7.1.2) and the quota properties
/// (RFC 4331 §3–§4). The home collection is both homes, so clients find calendars, address books and files in one
/// place.
enum PrincipalProperties {
    /// The properties; `quota` is the per-user byte quota (0: none, then the file system's free space is the
    /// limit that is reported).
    static func all(store: DataStore, quota: Int64) -> [LiveProperty] {
        [
            LiveProperty(.dav("principal-URL"), inAllProp: false) { resource, _ in
                principal(of: resource).map { href(.dav("principal-URL"), SynthesisedResources.principalPath(of: $0)) }
            },
            LiveProperty(.dav("displayname"), isProtected: false) { resource, _ in
                principal(of: resource).map { XMLTree(.dav("displayname"), text: $0) }
            },
            LiveProperty(.dav("principal-collection-set"), inAllProp: false) { _, _ in
                href(.dav("principal-collection-set"), URLSpace.principalRoot)
            },
            LiveProperty(.dav("owner"), inAllProp: false) { resource, _ in
                URLSpace.storeLocation(of: resource.path).map {
                    href(.dav("owner"), SynthesisedResources.principalPath(of: $0.owner))
                }
            },
            LiveProperty(XMLName(Namespaces.calDAV, "calendar-home-set"), inAllProp: false) { resource, _ in
                principal(of: resource).map {
                    href(XMLName(Namespaces.calDAV, "calendar-home-set"), URLSpace.home(of: $0))
                }
            },
            LiveProperty(XMLName(Namespaces.cardDAV, "addressbook-home-set"), inAllProp: false) { resource, _ in
                principal(of: resource).map {
                    href(XMLName(Namespaces.cardDAV, "addressbook-home-set"), URLSpace.home(of: $0))
                }
            },
            LiveProperty(XMLName(Namespaces.calDAV, "calendar-user-address-set"), inAllProp: false) { resource, _ in
                principal(of: resource).map { user in
                    var hrefs: [XMLTree.Node] = []
                    if let email = try? store.user(named: user)?.email, !email.isEmpty {
                        hrefs.append(.element(XMLTree(.dav("href"), text: "mailto:\(email)")))
                    }
                    hrefs.append(
                        .element(XMLTree(.dav("href"), text: SynthesisedResources.principalPath(of: user).encoded))
                    )
                    return XMLTree(XMLName(Namespaces.calDAV, "calendar-user-address-set"), children: hrefs)
                }
            },
            LiveProperty(XMLName(Namespaces.calendarServer, "email-address-set"), inAllProp: false) { resource, _ in
                principal(of: resource).map { user in
                    let email = (try? store.user(named: user)?.email) ?? nil
                    return XMLTree(
                        XMLName(Namespaces.calendarServer, "email-address-set"),
                        children: email.map {
                            [.element(XMLTree(XMLName(Namespaces.calendarServer, "email-address"), text: $0))]
                        }
                            ?? []
                    )
                }
            },
            LiveProperty(XMLName(Namespaces.calDAV, "schedule-inbox-URL"), inAllProp: false) { resource, _ in
                principal(of: resource).map {
                    href(
                        XMLName(Namespaces.calDAV, "schedule-inbox-URL"),
                        SynthesisedResources.scheduleInboxPath(of: $0)
                    )
                }
            },
            LiveProperty(XMLName(Namespaces.calDAV, "schedule-outbox-URL"), inAllProp: false) { resource, _ in
                principal(of: resource).map {
                    href(
                        XMLName(Namespaces.calDAV, "schedule-outbox-URL"),
                        SynthesisedResources.scheduleOutboxPath(of: $0)
                    )
                }
            },
            LiveProperty(XMLName(Namespaces.cardDAV, "principal-address"), inAllProp: false) { resource, _ in
                principal(of: resource).map {
                    href(XMLName(Namespaces.cardDAV, "principal-address"), PrincipalCard.path(of: $0))
                }
            },
            LiveProperty(XMLName(Namespaces.calDAV, "calendar-user-type"), inAllProp: false) { resource, _ in
                principal(of: resource).map { _ in
                    XMLTree(XMLName(Namespaces.calDAV, "calendar-user-type"), text: "INDIVIDUAL")
                }
            },
            LiveProperty(.dav("quota-used-bytes"), inAllProp: false) { resource, _ in
                quotaOwner(of: resource).flatMap { owner in
                    (try? store.usedBytes(ofUser: owner)).map { XMLTree(.dav("quota-used-bytes"), text: String($0)) }
                }
            },
            LiveProperty(.dav("quota-available-bytes"), inAllProp: false) { resource, _ in
                quotaOwner(of: resource).flatMap { owner in
                    available(to: owner, store: store, quota: quota).map {
                        XMLTree(.dav("quota-available-bytes"), text: String($0))
                    }
                }
            },
        ]
    }

    /// The bytes `user` may still store: what is left of the quota, capped by the file system's free space.
    static func available(to user: String, store: DataStore, quota: Int64) -> Int64? {
        let free = freeBytes(at: store.directory)
        guard quota > 0 else { return free }
        guard let used = try? store.usedBytes(ofUser: user) else { return nil }
        return min(max(quota - used, 0), free ?? .max)
    }

    private static func freeBytes(at directory: String) -> Int64? {
        guard let attributes = try? FileManager.default.attributesOfFileSystem(forPath: directory),
            let free = attributes[.systemFreeSize] as? NSNumber
        else { return nil }
        return free.int64Value
    }

    private static func principal(of resource: DAVResource) -> String? {
        resource.kind == .principal ? SynthesisedResources.principalName(of: resource.path) : nil
    }

    private static func quotaOwner(of resource: DAVResource) -> String? {
        resource.isCollection ? URLSpace.storeLocation(of: resource.path)?.owner : nil
    }

    private static func href(_ name: XMLName, _ path: DAVPath) -> XMLTree {
        XMLTree(name, children: [.element(XMLTree(.dav("href"), text: path.encoded))])
    }
}
