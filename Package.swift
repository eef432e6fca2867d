// swift-tools-version:6.0
import PackageDescription

/// Settings shared by every Swift target.
let swiftSettings: [SwiftSetting] = [
    // SE-0335: existential types are spelled `any P`.
    .enableUpcomingFeature("ExistentialAny"),
    // SE-0444: a file sees only the members of modules it imports itself.
    .enableUpcomingFeature("MemberImportVisibility"),
    // SE-0409: imports are internal unless marked `public import`.
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Kalends",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "kalends", targets: ["kalends"]),
        .executable(name: "kalends-bench", targets: ["kalends-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/LebJe/TOMLKit.git", from: "0.6.0"),
    ],
    targets: [
        // System C libraries, each behind a tiny module map.
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CCrypt", pkgConfig: "libcrypt", providers: [.apt(["libcrypt-dev"])]),
        .target(name: "CLinux"),

        // HTTP/1.1 wire format and the socket server.
        .target(name: "HTTPWire", dependencies: ["CZlib"], swiftSettings: swiftSettings),
        .target(
            name: "HTTPServer",
            dependencies: ["HTTPWire", "CLinux", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),

        // Content formats (no server dependencies).
        .target(name: "MIMEDir", swiftSettings: swiftSettings),
        .target(name: "ICalendarFormat", dependencies: ["MIMEDir"], swiftSettings: swiftSettings),
        .target(name: "VCardFormat", dependencies: ["MIMEDir"], swiftSettings: swiftSettings),
        .target(name: "Recurrence", dependencies: ["ICalendarFormat", "MIMEDir"], swiftSettings: swiftSettings),

        // Persistence and authentication.
        .target(name: "Store", dependencies: ["CSQLite"], swiftSettings: swiftSettings),
        .target(name: "Auth", dependencies: ["CCrypt"], swiftSettings: swiftSettings),

        // WebDAV core.
        .target(name: "DAVXML", swiftSettings: swiftSettings),
        .target(name: "DAVCore", dependencies: ["HTTPWire", "DAVXML"], swiftSettings: swiftSettings),

        // Protocol layers over the DAV core.
        .target(
            name: "CalDAV",
            dependencies: ["DAVCore", "DAVXML", "HTTPWire", "ICalendarFormat", "MIMEDir", "Recurrence"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CardDAV",
            dependencies: ["DAVCore", "DAVXML", "HTTPWire", "VCardFormat", "MIMEDir"],
            swiftSettings: swiftSettings
        ),

        // Composition root and executables.
        .target(
            name: "KalendsApp",
            dependencies: [
                "HTTPServer", "HTTPWire", "DAVCore", "DAVXML", "CalDAV", "CardDAV", "Store", "Auth",
                "ICalendarFormat", "VCardFormat", "Recurrence", "MIMEDir",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "kalends",
            dependencies: [
                "KalendsApp", "Auth", "Store", "MIMEDir", "ICalendarFormat", "VCardFormat", "Recurrence",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "kalends-bench",
            dependencies: ["MIMEDir", "ICalendarFormat", "VCardFormat", "Recurrence"],
            swiftSettings: swiftSettings
        ),

        // Tests mirror the module tree; TestSupport holds what several test targets share.
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: swiftSettings),
        .testTarget(name: "HTTPWireTests", dependencies: ["HTTPWire"], swiftSettings: swiftSettings),
        .testTarget(
            name: "HTTPServerTests",
            dependencies: ["HTTPServer", "HTTPWire", "TestSupport", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "MIMEDirTests", dependencies: ["MIMEDir"], swiftSettings: swiftSettings),
        .testTarget(
            name: "ICalendarFormatTests",
            dependencies: ["ICalendarFormat", "MIMEDir"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "VCardFormatTests",
            dependencies: ["VCardFormat", "MIMEDir"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RecurrenceTests",
            dependencies: ["Recurrence", "ICalendarFormat"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "StoreTests", dependencies: ["Store"], swiftSettings: swiftSettings),
        .testTarget(name: "AuthTests", dependencies: ["Auth", "HTTPWire"], swiftSettings: swiftSettings),
        .testTarget(name: "DAVXMLTests", dependencies: ["DAVXML"], swiftSettings: swiftSettings),
        .testTarget(
            name: "DAVCoreTests",
            dependencies: ["DAVCore", "DAVXML", "HTTPWire"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CalDAVTests",
            dependencies: ["CalDAV", "DAVCore", "DAVXML", "ICalendarFormat", "Recurrence", "MIMEDir"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CardDAVTests",
            dependencies: ["CardDAV", "DAVCore", "DAVXML", "HTTPWire", "VCardFormat", "MIMEDir"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "KalendsAppTests",
            dependencies: ["KalendsApp", "HTTPServer"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["HTTPWire", "TestSupport"],
            swiftSettings: swiftSettings
        ),
    ]
)
