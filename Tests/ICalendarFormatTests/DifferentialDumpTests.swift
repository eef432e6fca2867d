import Foundation
import ICalendarFormat
import MIMEDir
import Testing

/// Writes what Kalends sees in every fixture as JSON, for `Tests/Differential/ical/compare.py`.
/// Runs only with `KALENDS_DIFF_OUT=<file>`; `KALENDS_DIFF_EXTRA=<dir>` adds every .ics/.vcf of that directory.
@Suite("Differential dump (opt-in)", .enabled(if: ProcessInfo.processInfo.environment["KALENDS_DIFF_OUT"] != nil))
struct DifferentialDumpTests {
    static let objectNames: Set<String> = ["VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY", "VAVAILABILITY"]

    static func summary(of roots: [Component]) -> [String: Any] {
        var counts: [String: Int] = [:]
        var stack = roots
        while let component = stack.popLast() {
            counts[component.name.uppercased(), default: 0] += 1
            stack.append(contentsOf: component.components)
        }
        let objects = roots.flatMap { root in
            root.matches("VCARD") ? [root] : root.components.filter { objectNames.contains($0.name.uppercased()) }
        }
        return [
            "uids": objects.compactMap { $0.property("UID").map { TextEscaping.unescape($0.value) } },
            "counts": counts,
            "dtstarts": objects.filter { !$0.matches("VCARD") }.map { object in
                object.property("DTSTART").flatMap(ICalDateTime.init(property:)).map(\.valueText) ?? ""
            },
            "property_counts": objects.map(\.properties.count),
        ]
    }

    @Test("Dump UIDs, component counts, DTSTARTs and property counts of every fixture")
    func dump() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures")
        var result: [String: Any] = [:]
        for folder in ["rfc5545", "ical-real", "rfc6350", "rfc2426", "vcard-real"] {
            let directory = root.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() {
                let bytes = [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
                result[folder + "/" + name] = Self.summary(of: try MIMEDirParser().parse(bytes))
            }
        }
        if let extra = ProcessInfo.processInfo.environment["KALENDS_DIFF_EXTRA"] {
            for name in try FileManager.default.contentsOfDirectory(atPath: extra).sorted()
            where name.hasSuffix(".ics") || name.hasSuffix(".vcf") {
                let path = URL(fileURLWithPath: extra).appendingPathComponent(name)
                result[path.path] = Self.summary(of: try MIMEDirParser().parse([UInt8](try Data(contentsOf: path))))
            }
        }
        let data = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys, .prettyPrinted])
        try data.write(to: URL(fileURLWithPath: ProcessInfo.processInfo.environment["KALENDS_DIFF_OUT"] ?? ""))
    }
}
