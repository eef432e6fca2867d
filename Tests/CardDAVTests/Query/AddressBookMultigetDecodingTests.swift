import CardDAV
import DAVCore
import DAVXML
import HTTPWire
import Testing

@Suite("addressbook-multiget decoding (RFC 6352 §8.7)")
struct AddressBookMultigetDecodingTests {
    func multiget(_ body: String) throws -> AddressBookMultiget {
        try AddressBookMultiget(
            xml: .parse(
                #"<C:addressbook-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav">"#
                    + body + "</C:addressbook-multiget>"
            )
        )
    }

    @Test("Hrefs keep their order and lose surrounding white space")
    func hrefs() throws {
        let decoded = try multiget(
            "<D:prop><D:getetag/></D:prop><D:href>\n /a/1.vcf\n</D:href><D:href>/a/2.vcf</D:href>"
        )
        #expect(decoded.hrefs == ["/a/1.vcf", "/a/2.vcf"])
        #expect(decoded.properties.selection == .properties([.dav("getetag")]))
    }

    @Test("No href, or an empty one, is 400", arguments: ["<D:prop><D:getetag/></D:prop>", "<D:href> </D:href>"])
    func missingHref(body: String) {
        #expect {
            _ = try multiget(body)
        } throws: { error in
            (error as? DAVError)?.status == .badRequest
        }
    }

    @Test("An unsupported address-data version is CARDDAV:supported-address-data")
    func unsupportedVersion() {
        #expect {
            _ = try multiget(#"<D:prop><C:address-data version="2.1"/></D:prop><D:href>/a/1.vcf</D:href>"#)
        } throws: { error in
            (error as? DAVError)?.condition?.name == "supported-address-data"
        }
    }
}
