/// Fixed-width digit reading for the date/time grammars of RFC 5545 §3.3.
enum DigitScanner {
    /// Runs `body` on the UTF-8 bytes of `text`, copying only if the string is not contiguous.
    static func withBytes<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(text.utf8).withUnsafeBufferPointer(body)
    }

    /// The value of `count` ASCII digits at `offset`, or nil if any is not a digit.
    static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ offset: Int, _ count: Int) -> Int? {
        guard offset >= 0, offset + count <= bytes.count else { return nil }
        var value = 0
        for index in offset..<(offset + count) {
            let byte = bytes[index]
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    /// Appends `value` as exactly `width` zero-padded digits.
    static func append(_ value: Int, width: Int, to output: inout [UInt8]) {
        let first = output.count
        output.append(contentsOf: repeatElement(0x30, count: width))
        var remaining = abs(value)
        var index = first + width - 1
        while index >= first {
            output[index] = UInt8(0x30 + remaining % 10)
            remaining /= 10
            index -= 1
        }
    }
}
