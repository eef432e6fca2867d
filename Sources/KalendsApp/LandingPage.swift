import DAVCore
import DAVXML
import HTTPWire

/// The HTML page at `/`: where the user's collections are and how to add the account to a client.
enum LandingPage {
    static func response(user: String, home: DAVPath) -> HTTPResponse {
        let user = XMLWriter.escape(user)
        let homeHref = XMLWriter.escape(home.encoded)
        let html = """
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>Kalends</title>
            <style>body{font-family:sans-serif;margin:2em;max-width:48em}code{background:#eee;padding:0 .2em}</style></head>
            <body><h1>Kalends</h1>
            <p>Signed in as <b>\(user)</b>.</p>
            <p>Your home collection: <a href="\(homeHref)">\(homeHref)</a> — calendars, address books and files.</p>
            <p>Calendar and contacts apps: add a CalDAV/CardDAV account with this server's address, your user name and
            password. File browsers: connect to <code>\(homeHref)</code> over WebDAV.</p>
            </body></html>

            """
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "text/html; charset=utf-8")
        return HTTPResponse(status: .ok, headers: headers, body: .bytes(Array(html.utf8)), isCompressible: true)
    }
}
