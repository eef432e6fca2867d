import CardDAV
import DAVXML
import Testing

@Test func cardDAVElementsLiveInTheCardDAVNamespace() {
    #expect(CardDAVElements.addressBookQuery == XMLName("urn:ietf:params:xml:ns:carddav", "addressbook-query"))
}
