import DAVCore
import DAVXML
import HTTPWire

/// A DAV core with locking over in-memory backends: `/c/` holds `/c/a.txt`, `/c/sub/` holds `/c/sub/b.txt`.
struct LockFixture {
    let clock = TestClock()
    let files = MemoryFileBackend(collections: ["/c/", "/c/sub/"], files: ["/c/a.txt", "/c/sub/b.txt"])
    let locks: InMemoryLockBackend
    let context: DAVContext
    let dispatcher: DAVDispatcher

    init(maxTimeout: Int64 = 3600) {
        locks = InMemoryLockBackend(clock: clock)
        let clock = clock
        context = DAVContext(
            backend: files,
            properties: PropertyRegistry(CoreProperties.all(resourceTypes: [:]) + LockProperties.all),
            principalCollection: DAVPath(encoded: "/principals/")!,
            locks: LockManager(backend: locks, maxTimeout: maxTimeout, clock: { clock.now })
        )
        dispatcher = DAVDispatcher(handlers: [
            PutMethod(), DeleteMethod(), MkcolMethod(), PropfindMethod(), ProppatchMethod(), LockMethod(),
            UnlockMethod(), CopyMoveMethod(method: .move), GetMethod(method: .get),
        ])
    }

    /// Sends a request as `user` and returns the response with its body collected.
    func send(
        _ method: HTTPMethod,
        _ path: String,
        headers: [(String, String)] = [],
        body: String? = nil,
        user: String = "alice"
    ) -> (status: Int, headers: HTTPHeaders, text: String) {
        var fields = HTTPHeaders()
        fields.add(name: "Host", value: "example.com")
        for (name, value) in headers { fields.add(name: name, value: value) }
        let bytes = Array((body ?? "").utf8)
        let head = HTTPRequestHead(
            method: method,
            target: path,
            headers: fields,
            bodyFraming: body == nil ? .none : .contentLength(Int64(bytes.count))
        )
        let request = DAVRequest(
            http: HTTPRequest(head: head, body: BufferedBodyReader(bytes)),
            path: DAVPath(encoded: Substring(path))!,
            principal: Principal(name: user)
        )
        let response = dispatcher.dispatch(request, in: context)
        let text: String
        if case .bytes(let bytes) = response.body { text = String(decoding: bytes, as: UTF8.self) } else { text = "" }
        return (response.status.code, response.headers, text)
    }

    /// A `lockinfo` body.
    static func lockInfo(_ scope: String = "exclusive", owner: String = "<D:owner>tester</D:owner>") -> String {
        #"<D:lockinfo xmlns:D="DAV:"><D:lockscope><D:\#(scope)/></D:lockscope><D:locktype><D:write/></D:locktype>\#(owner)</D:lockinfo>"#
    }

    /// Takes a lock and returns its token (empty when refused).
    func lock(_ path: String, scope: String = "exclusive", depth: String = "infinity", user: String = "alice") -> String
    {
        let response = send(.lock, path, headers: [("Depth", depth)], body: Self.lockInfo(scope), user: user)
        return response.headers["Lock-Token"].map { String($0.dropFirst().dropLast()) } ?? ""
    }
}
