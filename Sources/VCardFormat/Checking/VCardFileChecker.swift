public import MIMEDir

/// Library side of `kalends ical check` for vCard files: each card is checked with the CardDAV PUT rules
/// (RFC 6352 §6.3.2.1 via ``VCardValidator``); a file may hold several cards (an export).
public enum VCardFileChecker {
    /// Every problem in a vCard file, one entry per problem; empty when every card would be accepted.
    public static func problems(in bytes: [UInt8]) -> [FileProblem] {
        let cards: [VCard]
        do {
            cards = try VCard.parseAll(bytes)
        } catch {
            return [FileProblem(line: error.line, message: "\(error.precondition.rawValue): \(error.message)")]
        }
        let validator = VCardValidator()
        return cards.flatMap { card in
            validator.problems(in: card).map {
                FileProblem(line: $0.line, message: "\($0.precondition.rawValue): \($0.message)")
            }
        }
    }
}
