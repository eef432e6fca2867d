import DAVXML

/// Writes one `DAV:response` per resource with the properties a PROPFIND or report selection asks for (RFC 4918
/// §9.1, §14.24), fast enough for listings of many thousands of members. For a `prop` selection the markup around
/// each value is prepared once, a member's href is its collection's encoded path plus its own encoded name, and
/// live properties with a text value (`getetag`, `getcontentlength`, …) or one value per kind (`resourcetype`) are
/// written without building an `XMLTree` per resource; other live properties and dead ones are serialised as trees.
/// `allprop` and `propname` go through `PropertyRegistry` and are written as `MultistatusBuilder.addResponse` writes
/// them. Either way the bytes are those `DAVContext.propstats` and `MultistatusBuilder.addResponse` give. The object
/// reports (`ObjectResponseWriter`) add their data property to each response's 200 group.
struct PropertyResponseWriter: Sendable {
    private let context: DAVContext
    private let selection: PropertySelection
    private let principal: Principal
    private let propertyContext: PropertyContext
    /// Whether 404 groups are left out (`Prefer: return=minimal`, RFC 8144 §2.1).
    private let omitsNotFound: Bool
    private let markup: MultistatusMarkup
    /// Serialises elements with the prefixes of the document's root.
    let serializer: XMLWriter
    private let hrefs: MemberHrefs
    private let requested: [RequestedProperty]
    private let needsDeadProperties: Bool
    private var valuesByKind: [[(kind: ResourceKind, bytes: [UInt8]?)]]
    /// The buffer `write(_:into:)` assembles responses in before handing them to the builder, kept for its capacity.
    private var scratch: [UInt8] = []
    /// The text of one value, before escaping.
    private var text: [UInt8] = []
    private var missing: [Int] = []

    /// Prepares the writer for responses about `collection` and its members, in a document declaring
    /// `context.responseNamespaces`.
    init(
        context: DAVContext,
        selection: PropertySelection,
        principal: Principal,
        locks: LockSnapshot = .empty,
        omitsNotFound: Bool = false,
        collection: DAVPath
    ) {
        self.context = context
        self.selection = selection
        self.principal = principal
        self.omitsNotFound = omitsNotFound
        propertyContext = PropertyContext(
            principal: principal,
            principalHref: context.principalHref(principal),
            locks: locks
        )
        serializer = XMLWriter(root: .dav("multistatus"), namespaces: context.responseNamespaces)
        markup = MultistatusMarkup(serializer)
        hrefs = MemberHrefs(collection: collection)
        let names: [XMLName] =
            switch selection {
            case .properties(let names): names
            default: []
            }
        requested = names.map { [serializer] name in RequestedProperty(name, context.properties, serializer) }
        needsDeadProperties = context.properties.mayNeedDeadProperties(names)
        valuesByKind = Array(repeating: [], count: names.count)
    }

    /// Appends the responses of `resources` to `builder`, reading their dead properties in one backend call when
    /// the selection may need them.
    mutating func write(_ resources: [DAVResource], into builder: inout MultistatusBuilder) throws {
        var output = scratch
        scratch = []
        output.removeAll(keepingCapacity: true)
        try append(resources, to: &output)
        builder.writer.appendMarkup(output)
        scratch = output
    }

    /// Appends the responses of `resources` to `output`. For a `prop` selection, `found` (when given) appends more
    /// property elements after the requested ones in each response's 200 group (the object reports' data
    /// property, RFC 4791 §9.6, RFC 6352 §10.4), so that group is never empty; it gets the resource's index.
    /// `allprop` and `propname` responses carry only what the selection gives. `ended` gets the size of `output`
    /// after each response.
    mutating func append(
        _ resources: [DAVResource],
        to output: inout [UInt8],
        ended: ((Int) -> Void)? = nil,
        found: ((Int, inout [UInt8]) throws -> Void)? = nil
    ) throws {
        guard case .properties = selection else {
            let propstats = try context.propstats(
                of: resources,
                selection: selection,
                as: principal,
                locks: propertyContext.locks
            )
            for (resource, groups) in zip(resources, propstats) {
                appendResponse(resource, omitsNotFound ? groups.filter { $0.status != 404 } : groups, to: &output)
                ended?(output.count)
            }
            return
        }
        let dead = needsDeadProperties ? try context.backend.deadProperties(of: resources, as: principal) : [:]
        for (index, resource) in resources.enumerated() {
            try appendResponse(
                resource,
                deadProperties: needsDeadProperties ? dead[resource.path] ?? [] : [],
                at: index,
                to: &output,
                found: found
            )
            ended?(output.count)
        }
    }

    /// What `MultistatusBuilder.addResponse(href:propstats:)` writes for `groups`.
    private func appendResponse(
        _ resource: DAVResource,
        _ groups: [(status: Int, properties: [XMLTree])],
        to output: inout [UInt8]
    ) {
        output.append(contentsOf: markup.responseAndHrefOpen)
        XMLWriter.appendEscapedText(resource.path.encoded, to: &output)
        output.append(contentsOf: markup.hrefClose)
        for group in groups.isEmpty ? [(status: 200, properties: [])] : groups {
            output.append(contentsOf: markup.groupOpen)
            for property in group.properties { output.append(contentsOf: serializer.serialized(property)) }
            output.append(contentsOf: markup.groupClose(group.status))
        }
        output.append(contentsOf: markup.responseClose)
    }

    private mutating func appendResponse(
        _ resource: DAVResource,
        deadProperties: [XMLTree],
        at index: Int,
        to output: inout [UInt8],
        found extra: ((Int, inout [UInt8]) throws -> Void)?
    ) throws {
        output.append(contentsOf: markup.responseAndHrefOpen)
        hrefs.append(resource.path, to: &output)
        let okGroupStart = output.count
        output.append(contentsOf: markup.hrefCloseAndGroupOpen)
        missing.removeAll(keepingCapacity: true)
        for property in requested.indices
        where !appendValue(requested[property], property, of: resource, deadProperties: deadProperties, to: &output) {
            missing.append(property)
        }
        if let extra { try extra(index, &output) }
        let found = missing.count < requested.count || extra != nil
        if found {
            output.append(contentsOf: markup.okGroupClose)
        } else {
            output.removeLast(output.count - okGroupStart)
            output.append(contentsOf: markup.hrefClose)
        }
        let reportsMissing = !missing.isEmpty && !omitsNotFound
        if reportsMissing {
            output.append(contentsOf: markup.groupOpen)
            for property in missing { output.append(contentsOf: requested[property].emptyElement) }
            output.append(contentsOf: markup.notFoundGroupClose)
        }
        if !found && !reportsMissing {
            output.append(contentsOf: markup.groupOpen)
            output.append(contentsOf: markup.okGroupClose)
        }
        output.append(contentsOf: markup.responseClose)
    }

    /// Writes the value of a requested property, falling back to a dead property of the same name when the live
    /// one has no value here; false when neither exists.
    private mutating func appendValue(
        _ property: RequestedProperty,
        _ index: Int,
        of resource: DAVResource,
        deadProperties: [XMLTree],
        to output: inout [UInt8]
    ) -> Bool {
        switch property.source {
        case .text(let value):
            text.removeAll(keepingCapacity: true)
            if value(resource, propertyContext, &text) {
                output.append(contentsOf: property.startTag)
                XMLWriter.appendEscapedText(utf8: text, to: &output)
                output.append(contentsOf: property.endTag)
                return true
            }
        case .sameForKind(let live):
            if let bytes = valueForKind(index, live, of: resource) {
                output.append(contentsOf: bytes)
                return true
            }
        case .tree(let live):
            if let tree = live.value(resource, propertyContext) {
                output.append(contentsOf: serializer.serialized(tree))
                return true
            }
        case .dead:
            break
        }
        guard let dead = deadProperties.first(where: { $0.name == property.name }) else { return false }
        output.append(contentsOf: serializer.serialized(dead))
        return true
    }

    private mutating func valueForKind(_ index: Int, _ live: LiveProperty, of resource: DAVResource) -> [UInt8]? {
        if let known = valuesByKind[index].first(where: { $0.kind == resource.kind }) { return known.bytes }
        let bytes = live.value(resource, propertyContext).map(serializer.serialized)
        valuesByKind[index].append((resource.kind, bytes))
        return bytes
    }
}

/// One property of a `prop` selection with its markup prepared, and where its value comes from (a class, so the
/// loop over resources does not copy its parts).
private final class RequestedProperty: Sendable {
    enum Source: Sendable {
        case text(LiveProperty.TextValue)
        case sameForKind(LiveProperty)
        case tree(LiveProperty)
        case dead
    }

    let name: XMLName
    let source: Source
    /// The start tag of the element with a text value (declaring its namespace when the root does not).
    let startTag: [UInt8]
    let endTag: [UInt8]
    /// `<name/>`, for a 404 group.
    let emptyElement: [UInt8]

    init(_ name: XMLName, _ registry: PropertyRegistry, _ serializer: XMLWriter) {
        self.name = name
        if let live = registry.property(named: name) {
            if let text = live.textValue {
                source = .text(text)
            } else {
                source = live.dependsOnlyOnKind ? .sameForKind(live) : .tree(live)
            }
        } else {
            source = .dead
        }
        let withEmptyText = serializer.serialized(XMLTree(name, text: ""))
        let split = withEmptyText.firstIndex(of: UInt8(ascii: ">")).map { $0 + 1 } ?? withEmptyText.count
        startTag = Array(withEmptyText[..<split])
        endTag = Array(withEmptyText[split...])
        emptyElement = serializer.serialized(XMLTree(name))
    }
}
