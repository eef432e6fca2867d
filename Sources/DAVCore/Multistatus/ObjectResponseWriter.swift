import DAVXML

/// Writes the responses of the object reports (RFC 4791 §7.8–§7.9, RFC 6352 §8.6–§8.7) as bytes: the requested
/// properties as `PropertyResponseWriter` writes them, then the data property (`calendar-data`, `address-data`)
/// with the object's data escaped straight into the output — no `String`, no `XMLTree` per object. The bytes are
/// those the generic path gives: `DAVContext.propstats` with the data element appended to the 200 group, written by
/// `MultistatusBuilder.addResponse`.
struct ObjectResponseWriter: Sendable {
    private var properties: PropertyResponseWriter
    /// The data property, when the selection asks for it.
    private let dataProperty: XMLName?
    /// The data element's start and end tag for the last content type seen (one per report in practice).
    private var dataTags: (contentType: String?, start: [UInt8], end: [UInt8])?
    /// Working room for escaping the data, kept for its capacity.
    private var scratch: [UInt8] = []
    /// Where the responses are kept, and their shape; nil when they are not kept.
    private let kept: (cache: ReportFragmentCache, shape: ReportShape)?
    /// Whether responses rendered anew are kept, not only those kept before reused.
    private let keepsNew: Bool
    /// The makings of the query's whole answer; nil when the writer collects none, or no longer (a response was
    /// not kept, or the shape changed), so that a streamed body does not hold what it wrote.
    private var answer: AnswerParts?

    /// The responses written so far, all of them kept in the shape while it stayed at one generation: what
    /// `ReportFragmentCache.keepAnswer` needs.
    private struct AnswerParts {
        var responses: [[UInt8]] = []
        var generation: UInt64?

        /// The parts after a look-up or keeping that found the shape at `current`; nil when the shape is not kept
        /// or changed since the parts began.
        func seeing(_ current: UInt64?) -> AnswerParts? {
            guard let current, generation == nil || generation == current else { return nil }
            var parts = self
            parts.generation = current
            return parts
        }
    }

    /// Prepares the writer for a report on `collection` in a document declaring `context.responseNamespaces`;
    /// `selection` is the selection without the data property. With a `renderKey` — a value that, with an
    /// object's bytes, determines its rendered data — responses kept in `context.reportFragments` are reused when
    /// the properties asked for come from the row alone, and the new ones kept there when `keepsResponses`; then,
    /// when `collectsAnswer`, the responses written are gathered for `keepAnswer`.
    init(
        context: DAVContext,
        selection: PropertySelection,
        dataProperty: XMLName?,
        principal: Principal,
        omitsNotFound: Bool,
        collection: DAVPath,
        renderKey: (any Hashable & Sendable)? = nil,
        keepsResponses: Bool = true,
        collectsAnswer: Bool = false
    ) {
        properties = PropertyResponseWriter(
            context: context,
            selection: selection,
            principal: principal,
            omitsNotFound: omitsNotFound,
            collection: collection
        )
        self.dataProperty = dataProperty
        keepsNew = keepsResponses
        kept = Self.keeping(
            context: context,
            selection: selection,
            dataProperty: dataProperty,
            omitsNotFound: omitsNotFound,
            collection: collection,
            renderKey: renderKey
        )
        answer = kept != nil && keepsResponses && collectsAnswer ? AnswerParts() : nil
    }

    /// Where responses of this shape are kept, and the shape; nil when they are not kept (see `init`).
    static func keeping(
        context: DAVContext,
        selection: PropertySelection,
        dataProperty: XMLName?,
        omitsNotFound: Bool,
        collection: DAVPath,
        renderKey: (any Hashable & Sendable)?
    ) -> (cache: ReportFragmentCache, shape: ReportShape)? {
        guard let renderKey, let cache = context.reportFragments, case .properties(let names) = selection,
            context.properties.dependOnlyOnRows(names)
        else { return nil }
        let shape = ReportShape(
            collection: collection,
            properties: names,
            dataProperty: dataProperty,
            renderKey: AnyHashable(renderKey),
            omitsNotFound: omitsNotFound
        )
        return (cache, shape)
    }

    /// Keeps the query's whole answer under `key` — the responses written, then `trailer` — when every response
    /// was kept and the shape did not change meanwhile.
    func keepAnswer(trailer: [UInt8], for key: QueryAnswerKey) {
        guard let kept, let answer, let generation = answer.generation else { return }
        kept.cache.keepAnswer(answer.responses, trailer: trailer, for: key, in: kept.shape, generation: generation)
    }

    /// Appends the responses of `objects`, each with its data as `render` gives it when the data is requested:
    /// those kept from before as they were, the others rendered (and kept, when the writer keeps new responses).
    mutating func append(
        _ objects: ArraySlice<StoredObject>,
        to output: inout [UInt8],
        render: (StoredObject) throws -> ObjectData
    ) throws {
        guard let kept else {
            try appendRendered(objects, to: &output, render: render)
            return
        }
        let (responses, generation) = kept.cache.responses(of: objects, in: kept.shape)
        answer = answer?.seeing(generation)
        var fresh: [(resource: DAVResource, bytes: [UInt8])] = []
        var position = objects.startIndex
        while position < objects.endIndex {
            if let response = responses[position - objects.startIndex] {
                output.append(contentsOf: response)
                answer?.responses.append(response)
                position += 1
                continue
            }
            var end = position + 1
            while end < objects.endIndex, responses[end - objects.startIndex] == nil { end += 1 }
            var start = output.count
            var ends: [Int] = []
            try appendRendered(
                objects[position..<end],
                to: &output,
                render: render,
                ended: keepsNew ? { ends.append($0) } : nil
            )
            for (offset, responseEnd) in ends.enumerated() {
                let response = Array(output[start..<responseEnd])
                fresh.append((objects[position + offset].resource, response))
                answer?.responses.append(response)
                start = responseEnd
            }
            position = end
        }
        let (current, keptAll) = kept.cache.keep(fresh, in: kept.shape)
        answer = keptAll ? answer?.seeing(current) : nil
    }

    /// Renders the responses of `objects`; `ended` gets the size of `output` after each.
    private mutating func appendRendered(
        _ objects: ArraySlice<StoredObject>,
        to output: inout [UInt8],
        render: (StoredObject) throws -> ObjectData,
        ended: ((Int) -> Void)? = nil
    ) throws {
        guard let dataProperty else {
            try properties.append(objects.map(\.resource), to: &output, ended: ended)
            return
        }
        let serializer = properties.serializer
        var tags = dataTags
        var scratch: [UInt8] = []
        swap(&scratch, &self.scratch)
        defer {
            dataTags = tags
            swap(&scratch, &self.scratch)
        }
        // The objects are lent to `render` through a buffer pointer, so none is copied for the call.
        try objects.withUnsafeBufferPointer { lent in
            try withoutActuallyEscaping(render) { render in
                try properties.append(objects.map(\.resource), to: &output, ended: ended) { index, output in
                    let data = try render(lent[index])
                    if tags == nil || tags?.contentType != data.contentType {
                        tags = Self.tags(dataProperty, contentType: data.contentType, serializer)
                    }
                    guard let current = tags else { return }
                    output.append(contentsOf: current.start)
                    EscapedCharacterData.append(data.bytes, to: &output, scratch: &scratch)
                    output.append(contentsOf: current.end)
                }
            }
        }
    }

    /// Appends a response carrying only `status` for `path` (404 for a missing href, 507 for a truncated result),
    /// with the condition `error` when given.
    func appendStatus(_ status: Int, for path: DAVPath, error: XMLName? = nil, to output: inout [UInt8]) {
        output.append(
            contentsOf: properties.serializer.serialized(
                MultistatusBuilder.statusResponse(href: path.encoded, status: status, error: error)
            )
        )
    }

    /// The start and end tag of the data element: what the writer gives for the element with empty text, split
    /// after the start tag.
    private static func tags(_ name: XMLName, contentType: String?, _ serializer: XMLWriter) -> (
        contentType: String?, start: [UInt8], end: [UInt8]
    ) {
        var attributes: [XMLName: String] = [:]
        if let contentType { attributes[XMLName("", "content-type")] = contentType }
        let element = serializer.serialized(XMLTree(name, attributes: attributes, children: [.text("")]))
        let split = element.firstIndex(of: UInt8(ascii: ">")).map { $0 + 1 } ?? element.count
        return (contentType, Array(element[..<split]), Array(element[split...]))
    }
}
