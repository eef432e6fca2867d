extension String {
    /// The string without leading and trailing ASCII spaces and tabs.
    var trimmingSpaces: String {
        let bytes = utf8
        guard let first = bytes.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }),
            let last = bytes.lastIndex(where: { $0 != 0x20 && $0 != 0x09 })
        else { return "" }
        if first == bytes.startIndex && last == bytes.index(before: bytes.endIndex) { return self }
        return String(self[first...last])
    }
}

extension String {
    /// The ASCII upper-case form, returning `self` without allocating when it has no lower-case letter.
    var upperName: String {
        utf8.contains(where: { $0 >= 0x61 && $0 <= 0x7A }) ? uppercased() : self
    }
}
