import DAVXML

/// The fixed pieces of a multistatus (RFC 4918 §13, §14.16, §14.22, §14.24), serialised once per response with the
/// prefixes its root declares, so each `response` is a few byte copies instead of an element-by-element write.
struct MultistatusMarkup: Sendable {
    /// `<D:response><D:href>`.
    let responseAndHrefOpen: [UInt8]
    /// `</D:href>`.
    let hrefClose: [UInt8]
    /// `<D:propstat><D:prop>`.
    let groupOpen: [UInt8]
    /// `</D:href><D:propstat><D:prop>`.
    let hrefCloseAndGroupOpen: [UInt8]
    /// `</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>`.
    let okGroupClose: [UInt8]
    /// The same with `404 Not Found`.
    let notFoundGroupClose: [UInt8]
    /// `</D:response>`.
    let responseClose: [UInt8]
    private let statusOpen: [UInt8]
    private let statusAndGroupClose: [UInt8]

    /// The pieces as `writer`, the document's writer, spells them.
    init(_ writer: XMLWriter) {
        responseAndHrefOpen = writer.startTag(.dav("response")) + writer.startTag(.dav("href"))
        hrefClose = writer.endTag(.dav("href"))
        groupOpen = writer.startTag(.dav("propstat")) + writer.startTag(.dav("prop"))
        hrefCloseAndGroupOpen = hrefClose + groupOpen
        statusOpen = writer.endTag(.dav("prop")) + writer.startTag(.dav("status"))
        statusAndGroupClose = writer.endTag(.dav("status")) + writer.endTag(.dav("propstat"))
        responseClose = writer.endTag(.dav("response"))
        okGroupClose = Self.groupClose(200, statusOpen, statusAndGroupClose)
        notFoundGroupClose = Self.groupClose(404, statusOpen, statusAndGroupClose)
    }

    /// `</D:prop><D:status>HTTP/1.1 <status></D:status></D:propstat>`.
    func groupClose(_ status: Int) -> [UInt8] {
        switch status {
        case 200: okGroupClose
        case 404: notFoundGroupClose
        default: Self.groupClose(status, statusOpen, statusAndGroupClose)
        }
    }

    private static func groupClose(_ status: Int, _ statusOpen: [UInt8], _ statusAndGroupClose: [UInt8]) -> [UInt8] {
        var bytes = statusOpen
        XMLWriter.appendEscapedText(MultistatusBuilder.statusLine(status), to: &bytes)
        return bytes + statusAndGroupClose
    }
}
