/// How an address object's ``ContactSearchValue``s are kept in `contact_search.terms`: each as the byte 0x1E, the
/// name, 0x1F and the value, and a final 0x1E — `␞EMAIL␟anna@example.org␞FN␟anna␞`. A value holding either
/// separator is kept empty (a candidate for every search), so every entry can be found by its bytes alone: an
/// exact value as `␞NAME␟value␞`, a prefix as `␞NAME␟prefix`.
enum ContactSearchTerms {
    /// Starts and ends an entry.
    static let entry: UInt8 = 0x1E
    /// Ends a name.
    static let name: UInt8 = 0x1F

    /// The terms of `values`.
    static func encode(_ values: [ContactSearchValue]) -> [UInt8] {
        var bytes: [UInt8] = [entry]
        bytes.reserveCapacity(values.reduce(1) { $0 + $1.name.utf8.count + $1.value.utf8.count + 2 })
        for value in values {
            bytes += value.name.utf8
            bytes.append(name)
            if !value.value.utf8.contains(where: { $0 == entry || $0 == name }) { bytes += value.value.utf8 }
            bytes.append(entry)
        }
        return bytes
    }
}
