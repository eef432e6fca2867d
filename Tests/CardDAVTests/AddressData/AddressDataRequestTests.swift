import CardDAV
import DAVCore
import DAVXML
import HTTPWire
import MIMEDir
import Testing
import VCardFormat

@Suite("address-data request decoding (RFC 6352 §10.4)")
struct AddressDataRequestTests {
    func request(_ attributes: String, _ body: String = "") throws -> AddressDataRequest {
        try AddressDataRequest(
            xml: .parse(
                #"<C:address-data xmlns:C="urn:ietf:params:xml:ns:carddav" "# + attributes + ">" + body
                    + "</C:address-data>"
            )
        )
    }

    @Test(
        "content-type and version select the format",
        arguments: [
            ("", AddressDataFormat.vCard(nil)),
            (#"content-type="text/vcard""#, .vCard(nil)),
            (#"content-type="text/vcard" version="3.0""#, .vCard(.v3)),
            (#"content-type="text/vcard" version="4.0""#, .vCard(.v4)),
            (#"version="4.0""#, .vCard(.v4)),
            (#"content-type="text/vcard; version=4.0""#, .vCard(.v4)),
            (#"content-type="text/x-vcard" version="3.0""#, .vCard(.v3)),
            (#"content-type="application/vcard+json""#, .jCard),
            (#"content-type="application/vcard+json" version="4.0""#, .jCard),
        ]
    )
    func formats(attributes: String, format: AddressDataFormat) throws {
        #expect(try request(attributes).format == format)
    }

    @Test(
        "Unsupported content-type/version pairs are CARDDAV:supported-address-data",
        arguments: [
            #"version="2.1""#, #"content-type="text/directory""#,
            #"content-type="application/vcard+json" version="3.0""#, #"content-type="application/vcard+xml""#,
        ]
    )
    func unsupported(attributes: String) {
        #expect {
            _ = try request(attributes)
        } throws: { error in
            (error as? DAVError)?.condition == CardDAVConditions.supportedAddressData
        }
    }

    @Test("prop children select properties; allprop or none select all")
    func properties() throws {
        #expect(try request("").properties == .all)
        #expect(try request("", "<C:allprop/>").properties == .all)
        #expect(
            try request("", #"<C:prop name="EMAIL"/><C:prop name="PHOTO" novalue="yes"/>"#).properties
                == .named([
                    MIMEDir.PropertySelection(name: "EMAIL"), MIMEDir.PropertySelection(name: "PHOTO", noValue: true),
                ])
        )
    }

    @Test(
        "A prop without a name or with a bad novalue is 400",
        arguments: [#"<C:prop/>"#, #"<C:prop name="X" novalue="1"/>"#]
    )
    func badProp(body: String) {
        #expect {
            _ = try request("", body)
        } throws: { error in
            (error as? DAVError)?.status == .badRequest
        }
    }

    @Test("The media type names the stored version when none was asked for")
    func mediaType() {
        #expect(AddressDataFormat.vCard(nil).mediaType(stored: .v4) == "text/vcard; version=4.0")
        #expect(AddressDataFormat.vCard(.v3).mediaType(stored: .v4) == "text/vcard; version=3.0")
        #expect(AddressDataFormat.jCard.mediaType(stored: .v3) == "application/vcard+json")
    }
}
