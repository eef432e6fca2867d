import HTTPWire
import Testing

@testable import DAVCore

@Suite("Collection export: content negotiation and Content-Disposition")
struct ExportResponseTests {
    private func headers(accept: String?) -> HTTPHeaders {
        var headers = HTTPHeaders()
        if let accept { headers.add(name: "Accept", value: accept) }
        return headers
    }

    @Test("browsers (Accept naming text/html) get the listing; calendar clients and curl get the export")
    func prefersHTMLOnlyWhenAcceptNamesHTML() {
        #expect(ExportResponse.prefersHTML(headers(accept: "text/html,application/xhtml+xml,*/*;q=0.8")))
        #expect(ExportResponse.prefersHTML(headers(accept: "application/xhtml+xml")))
        #expect(!ExportResponse.prefersHTML(headers(accept: "*/*")))
        #expect(!ExportResponse.prefersHTML(headers(accept: "text/calendar")))
        #expect(!ExportResponse.prefersHTML(headers(accept: nil)))
    }

    @Test("RFC 6266 §4.3: an ASCII fallback and the exact UTF-8 name in filename*")
    func contentDispositionEncodesTheName() {
        #expect(
            ExportResponse.contentDisposition(fileName: "calendar.ics")
                == "attachment; filename=\"calendar.ics\"; filename*=UTF-8''calendar.ics"
        )
        #expect(
            ExportResponse.contentDisposition(fileName: "Büro \"A\".ics")
                == "attachment; filename=\"B_ro _A_.ics\"; filename*=UTF-8''B%C3%BCro%20%22A%22.ics"
        )
    }
}
