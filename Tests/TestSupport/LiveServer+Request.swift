extension LiveServer {
    /// Sends one request on a fresh connection and reads the response.
    public func request(
        _ method: String,
        _ path: String,
        auth: String,
        headers: [String] = [],
        body: String = ""
    ) throws -> RawResponse {
        let client = try RawHTTPClient(port: port)
        var head = "\(method) \(path) HTTP/1.1\r\nHost: localhost\r\nAuthorization: \(auth)\r\n"
        for header in headers { head += header + "\r\n" }
        head += "Content-Length: \(body.utf8.count)\r\n\r\n"
        try client.send(head + body)
        return try client.readResponse(bodyless: method == "HEAD")
    }
}
