import Foundation
import ICalendarFormat
import MIMEDir
import Synchronization

/// VTIMEZONE definitions already evaluated, by their iCalendar text. Objects written by one client carry the same
/// text byte for byte, so a lookup compares lengths and bytes instead of hashing or parsing.
private let definitionTexts = Mutex(DefinitionTexts())

/// The evaluated texts, oldest replaced first.
private struct DefinitionTexts {
    /// Most texts kept.
    static let limit = 64
    /// Longest text kept, in bytes.
    static let lengthLimit = 16 << 10

    var entries: [(text: [UInt8], definition: DefinitionText?)] = []
    var next = 0

    func lookUp(_ text: ArraySlice<UInt8>) -> DefinitionText?? {
        text.withUnsafeBytes { wanted in
            for entry in entries where entry.text.count == wanted.count {
                let equal = entry.text.withUnsafeBytes { stored in
                    guard let storedBytes = stored.baseAddress, let wantedBytes = wanted.baseAddress else {
                        return wanted.isEmpty
                    }
                    return memcmp(storedBytes, wantedBytes, wanted.count) == 0
                }
                if equal { return .some(entry.definition) }
            }
            return nil
        }
    }

    mutating func insert(_ text: ArraySlice<UInt8>, _ definition: DefinitionText?) {
        guard text.count <= Self.lengthLimit else { return }
        if entries.count < Self.limit {
            entries.append((Array(text), definition))
        } else {
            entries[next] = (Array(text), definition)
            next = (next + 1) % Self.limit
        }
    }
}

/// One evaluated VTIMEZONE text.
private struct DefinitionText: Sendable {
    var tzid: String
    var zone: ResolvedTimeZone
}

extension TimeZoneResolver {
    /// Evaluates VTIMEZONE components given as their iCalendar text, each `BEGIN:VTIMEZONE` … `END:VTIMEZONE`
    /// (RFC 5545 §3.6.5). A text seen before is looked up, not parsed again; texts that do not parse are
    /// skipped, as ``init(timeZones:)`` skips definitions without a TZID.
    public init(definitionTexts texts: [ArraySlice<UInt8>]) {
        var zones: [String: ResolvedTimeZone] = [:]
        for text in texts {
            guard let definition = Self.evaluation(ofText: text) else { continue }
            zones[definition.tzid] = definition.zone
        }
        self.init(zones: zones)
    }

    private static func evaluation(ofText text: ArraySlice<UInt8>) -> DefinitionText? {
        if let cached = definitionTexts.withLock({ $0.lookUp(text) }) { return cached }
        let definition = parse(Array(text))
        definitionTexts.withLock { $0.insert(text, definition) }
        return definition
    }

    private static func parse(_ text: [UInt8]) -> DefinitionText? {
        guard let component = try? MIMEDirParser().parse(text).first, component.matches("VTIMEZONE") else {
            return nil
        }
        let timeZone = VTimeZone(component)
        guard let tzid = timeZone.tzid.map(trimmingBlanks), let zone = cachedEvaluation(of: timeZone, tzid: tzid)
        else { return nil }
        return DefinitionText(tzid: tzid, zone: zone)
    }
}
