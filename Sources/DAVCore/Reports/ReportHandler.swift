public import DAVXML
public import HTTPWire

/// One REPORT type (RFC 3253 §3.6), identified by the root element of the request body; protocol layers
/// register theirs (`sync-collection`, `calendar-query`, `addressbook-multiget`…).
public protocol ReportHandler: Sendable {
    /// The root element of the request body, e.g. `{DAV:}sync-collection`.
    var name: XMLName { get }
    /// Whether the report may run on this resource (it is listed in its `supported-report-set`).
    func isSupported(on resource: DAVResource) -> Bool
    /// Runs the report; throws `DAVError` for client-visible failures.
    func report(_ body: XMLTree, on resource: DAVResource, request: DAVRequest, in context: DAVContext) throws
        -> HTTPResponse
}

/// The reports the server knows, by body element, in registration order.
public struct ReportRegistry: Sendable {
    /// Every registered report, in registration order.
    public let reports: [any ReportHandler]

    /// Creates a registry.
    public init(_ reports: [any ReportHandler]) { self.reports = reports }

    /// The report whose body element is `name`.
    public func report(named name: XMLName) -> (any ReportHandler)? {
        reports.first { $0.name == name }
    }

    /// The names of the reports supported on a resource (for `DAV:supported-report-set`, RFC 3253 §3.1.5).
    public func supported(on resource: DAVResource) -> [XMLName] {
        reports.filter { $0.isSupported(on: resource) }.map(\.name)
    }
}
