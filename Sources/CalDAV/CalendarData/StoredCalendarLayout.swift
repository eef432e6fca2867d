#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where the content lines of a stored iCalendar object are (RFC 5545 §3.1, §3.4, §3.6), found by byte offsets
/// without parsing any value: the VCALENDAR's own lines, and for each component directly inside it the byte
/// ranges of its `BEGIN`/`END` lines, of each of its properties (with the names expansion needs recognised) and
/// of each component nested
/// in it. Lets a renderer copy unchanged lines byte for byte and parse only the few it changes.
///
/// Only the plain shape is described: one VCALENDAR from the first byte to the last, every physical line ending
/// in CRLF, no empty lines, names unfolded and `BEGIN`/`END` lines on one physical line with matching names.
/// Anything else gives nil, and the caller parses the object as a whole.
struct StoredCalendarLayout {
    /// One property line of a component (RFC 5545 §3.1), continuation lines and CRLF included.
    struct Line {
        /// The property name, when expansion treats it apart.
        var name: StoredPropertyName
        /// The bytes of the content line.
        var range: Range<Int>
        /// Whether parameters follow the name (`;`).
        var hasParameters: Bool
    }

    /// A component directly inside the VCALENDAR (RFC 5545 §3.6).
    struct Block {
        /// The component name, upper-cased.
        var name: String
        /// The whole component, `BEGIN` line to `END` line.
        var range: Range<Int>
        /// The `BEGIN` line.
        var begin: Range<Int>
        /// The `END` line.
        var end: Range<Int>
        /// The component's own properties, in order.
        var properties: [Line]
        /// The components nested in it (VALARM …), each whole.
        var components: [Range<Int>]
    }

    /// The `BEGIN:VCALENDAR` line.
    var begin: Range<Int>
    /// The `END:VCALENDAR` line.
    var end: Range<Int>
    /// The VCALENDAR's own property lines, in order.
    var properties: [Range<Int>]
    /// The components directly inside the VCALENDAR, in order.
    var blocks: [Block]

    /// The layout of `bytes`, or nil when they are not in the plain shape described above.
    init?(_ bytes: [UInt8]) {
        guard let layout = bytes.withUnsafeBufferPointer({ Scanner(buffer: $0).scan() }) else { return nil }
        self = layout
    }

    init(begin: Range<Int>, end: Range<Int>, properties: [Range<Int>], blocks: [Block]) {
        self.begin = begin
        self.end = end
        self.properties = properties
        self.blocks = blocks
    }
}

/// One pass over the lines of a stored object for ``StoredCalendarLayout``.
private struct Scanner {
    let buffer: UnsafeBufferPointer<UInt8>

    /// A content line's name and extent.
    struct ContentLine {
        var range: Range<Int>
        var nameEnd: Int
        var folded: Bool
        /// The byte after the name: `;` or `:`.
        var separator: UInt8
    }

    func scan() -> StoredCalendarLayout? {
        var position = 0
        var names: [String] = []
        var calendarBegin: Range<Int>?
        var calendarProperties: [Range<Int>] = []
        var blocks: [StoredCalendarLayout.Block] = []
        var nestedStart = 0
        while position < buffer.count {
            guard let line = contentLine(at: position) else { return nil }
            position = line.range.upperBound
            let name = StoredPropertyName.named(buffer, line.range.lowerBound..<line.nameEnd)
            if name == .begin || name == .end {
                guard !line.folded, line.separator == UInt8(ascii: ":"), let value = delimiterValue(line) else {
                    return nil
                }
                if name == .begin {
                    names.append(value)
                    switch names.count {
                    case 1:
                        guard value == "VCALENDAR", calendarBegin == nil else { return nil }
                        calendarBegin = line.range
                    case 2:
                        blocks.append(
                            StoredCalendarLayout.Block(
                                name: value,
                                range: line.range,
                                begin: line.range,
                                end: line.range,
                                properties: Self.reserved(24),
                                components: []
                            )
                        )
                    case 3:
                        nestedStart = line.range.lowerBound
                    default:
                        break
                    }
                    continue
                }
                guard names.popLast() == value else { return nil }
                switch names.count {
                case 0:
                    guard let calendarBegin, position == buffer.count else { return nil }
                    return StoredCalendarLayout(
                        begin: calendarBegin,
                        end: line.range,
                        properties: calendarProperties,
                        blocks: blocks
                    )
                case 1:
                    blocks[blocks.count - 1].end = line.range
                    blocks[blocks.count - 1].range = blocks[blocks.count - 1].begin.lowerBound..<position
                case 2:
                    blocks[blocks.count - 1].components.append(nestedStart..<position)
                default:
                    break
                }
                continue
            }
            switch names.count {
            case 0:
                return nil
            case 1:
                calendarProperties.append(line.range)
            case 2:
                blocks[blocks.count - 1].properties.append(
                    StoredCalendarLayout.Line(
                        name: name,
                        range: line.range,
                        hasParameters: line.separator == UInt8(ascii: ";")
                    )
                )
            default:
                break
            }
        }
        return nil
    }

    /// The content line starting at `start`: its first physical line must hold the name and its separator, and
    /// every physical line must end in CRLF.
    private func contentLine(at start: Int) -> ContentLine? {
        var nameEnd = start
        while nameEnd < buffer.count, isNameByte(buffer[nameEnd]) { nameEnd += 1 }
        guard nameEnd > start, nameEnd < buffer.count,
            buffer[nameEnd] == UInt8(ascii: ";") || buffer[nameEnd] == UInt8(ascii: ":"),
            var end = lineEnd(from: nameEnd)
        else { return nil }
        var folded = false
        while end < buffer.count, buffer[end] == UInt8(ascii: " ") || buffer[end] == UInt8(ascii: "\t") {
            guard let next = lineEnd(from: end) else { return nil }
            end = next
            folded = true
        }
        return ContentLine(range: start..<end, nameEnd: nameEnd, folded: folded, separator: buffer[nameEnd])
    }

    /// The offset after the CRLF ending the physical line that holds `offset`; nil without one.
    private func lineEnd(from offset: Int) -> Int? {
        guard let base = buffer.baseAddress,
            let found = memchr(base + offset, Int32(UInt8(ascii: "\n")), buffer.count - offset)
        else { return nil }
        let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        guard index > offset, buffer[index - 1] == UInt8(ascii: "\r") else { return nil }
        return index + 1
    }

    /// The component name after `BEGIN:` / `END:`, upper-cased; nil when it is not a name.
    private func delimiterValue(_ line: ContentLine) -> String? {
        let range = (line.nameEnd + 1)..<(line.range.upperBound - 2)
        guard !range.isEmpty, range.allSatisfy({ isNameByte(buffer[$0]) }) else { return nil }
        return upperCased(range)
    }

    private static func reserved(_ capacity: Int) -> [StoredCalendarLayout.Line] {
        var lines: [StoredCalendarLayout.Line] = []
        lines.reserveCapacity(capacity)
        return lines
    }

    private func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"):
            true
        default:
            false
        }
    }

    private func upperCased(_ range: Range<Int>) -> String {
        String(unsafeUninitializedCapacity: range.count) { output in
            for (index, offset) in range.enumerated() {
                let byte = buffer[offset]
                output[index] = byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") ? byte - 0x20 : byte
            }
            return range.count
        }
    }
}
