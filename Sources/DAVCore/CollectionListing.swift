import DAVXML
public import HTTPWire

/// The HTML page a browser gets for GET on a collection: breadcrumbs and a table of members.
public enum CollectionListing {
    /// Renders the listing.
    public static func response(for collection: DAVResource, members: [DAVResource]) -> HTTPResponse {
        let title = XMLWriter.escape(collection.path.description)
        var html = """
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>\(title)</title>
            <style>body{font-family:sans-serif;margin:2em}td,th{padding:.2em 1em;text-align:left}</style></head>
            <body><h1>\(breadcrumbs(collection.path))</h1>
            <table><tr><th>Name</th><th>Type</th><th>Size</th><th>Modified</th></tr>

            """
        for member in members {
            let name = XMLWriter.escape(member.path.lastSegment) + (member.isCollection ? "/" : "")
            let type = member.isCollection ? member.kind.rawValue : XMLWriter.escape(member.contentType ?? "")
            let size = member.isCollection ? "" : String(member.contentLength)
            html += "<tr><td><a href=\"\(XMLWriter.escape(member.path.encoded))\">\(name)</a></td>"
            html +=
                "<td>\(type)</td><td>\(size)</td><td>\(HTTPDate.format(epochSeconds: member.lastModified))</td></tr>\n"
        }
        html += "</table></body></html>\n"
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "text/html; charset=utf-8")
        if let etag = collection.etag { headers.add(name: "ETag", value: etag.description) }
        return HTTPResponse(status: .ok, headers: headers, body: .bytes(Array(html.utf8)), isCompressible: true)
    }

    private static func breadcrumbs(_ path: DAVPath) -> String {
        var links = ["<a href=\"/\">/</a>"]
        var prefix: [String] = []
        for segment in path.segments {
            prefix.append(segment)
            let href = DAVPath(segments: prefix, trailingSlash: true)?.encoded ?? "/"
            links.append("<a href=\"\(XMLWriter.escape(href))\">\(XMLWriter.escape(segment))</a>")
        }
        return links.joined(separator: " / ")
    }
}
