import DAVCore
import DAVXML

extension XMLTree {
    /// The value of the attribute `localName` written without a prefix (no namespace).
    func unqualifiedAttribute(_ localName: String) -> String? {
        attributes[XMLName("", localName)]
    }

    /// Whether a yes/no attribute is `yes`; absent means `no`. Any other value throws `invalid`.
    func yesNoAttribute(_ localName: String, invalid: DAVError) throws(DAVError) -> Bool {
        switch unqualifiedAttribute(localName) {
        case nil, "no": return false
        case "yes": return true
        default: throw invalid
        }
    }
}
