// swift-tools-version: 6.1
import PackageDescription

/// Settings every target shares: Swift 6 language mode (strict concurrency) plus
/// upcoming features that keep the code explicit.
let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "CivicDataKit",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "CivicModels", targets: ["CivicModels"]),
        .library(name: "CivicStorage", targets: ["CivicStorage"]),
        .library(name: "CivicAnalysis", targets: ["CivicAnalysis"]),
        .library(name: "CivicPrivacy", targets: ["CivicPrivacy"]),
        .library(name: "CivicPublishing", targets: ["CivicPublishing"]),
        .library(name: "CivicPostgres", targets: ["CivicPostgres"]),
        .library(name: "CivicExampleData", targets: ["CivicExampleData"]),
        .library(name: "CivicDataKit", targets: ["CivicDataKit"]),
        .executable(name: "civic-casebook", targets: ["civic-casebook"]),
        .executable(name: "civic-federate", targets: ["civic-federate"]),
        .executable(name: "civic-generate", targets: ["civic-generate"]),
        .executable(name: "civic-anonymize", targets: ["civic-anonymize"]),
        .executable(name: "civic-redact", targets: ["civic-redact"]),
        .executable(name: "civic-stats", targets: ["civic-stats"]),
        .executable(name: "civic-report", targets: ["civic-report"]),
        .executable(name: "civic-dp", targets: ["civic-dp"]),
        .executable(name: "civic-bench", targets: ["civic-bench"]),
        .executable(name: "civic-publish", targets: ["civic-publish"]),
        .executable(name: "civic-check", targets: ["civic-check"]),
        .executable(name: "civic-studio", targets: ["civic-studio"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // Only CivicPostgres and what uses it link these (they add minutes to a cold build).
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // Only civic-studio (CivicStudio and its tests) links Hummingbird, and NIOCore and HTTPTypes
        // directly (the port it listens on, header names); no default traits, so swift-configuration
        // is not built.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        // Only for `swift package generate-documentation`; no target links it.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // Libraries: dependencies point down only, every library stands on CivicModels.
        .target(name: "CivicModels", swiftSettings: swiftSettings),
        .target(
            name: "CivicStorage",
            dependencies: [
                "CivicModels",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings),
        .target(name: "CivicAnalysis", dependencies: ["CivicModels"], swiftSettings: swiftSettings),
        .target(
            name: "CivicPrivacy",
            dependencies: [
                "CivicModels", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HeapModule", package: "swift-collections"),
            ],
            swiftSettings: swiftSettings),
        .target(
            name: "CivicPublishing",
            dependencies: [
                "CivicModels", "CivicStorage", "CivicAnalysis", "CivicPrivacy",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings),
        .target(name: "CivicExampleData", dependencies: ["CivicModels"], swiftSettings: swiftSettings),
        // The shared casebook in PostgreSQL, apart so that the core libraries build without it.
        .target(
            name: "CivicPostgres",
            dependencies: [
                "CivicModels", "CivicStorage", "CivicPublishing",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings),
        // The umbrella: `import CivicDataKit` brings every library.
        .target(
            name: "CivicDataKit",
            dependencies: ["CivicModels", "CivicStorage", "CivicAnalysis", "CivicPrivacy", "CivicPublishing"],
            swiftSettings: swiftSettings),

        // Apps: thin shells over the libraries, sharing only their command-line plumbing.
        .target(
            name: "CivicAppSupport",
            dependencies: [
                "CivicModels", "CivicStorage", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Apps/CivicAppSupport",
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "civic-casebook",
            dependencies: [
                "CivicModels", "CivicStorage", "CivicAnalysis", "CivicPublishing", "CivicPostgres", "CivicAppSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Apps/civic-casebook",
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "civic-federate",
            dependencies: [
                "CivicModels", "CivicPublishing", "CivicPostgres", "CivicAppSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Apps/civic-federate",
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "civic-anonymize",
            dependencies: [
                "CivicModels", "CivicStorage", "CivicPrivacy", "CivicAppSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ],
            path: "Apps/civic-anonymize",
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "civic-redact",
            dependencies: [
                "CivicModels", "CivicStorage", "CivicPrivacy", "CivicAppSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Apps/civic-redact",
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "civic-stats",
            dependencies: [
                "CivicModels", "CivicStorage", "CivicAnalysis", "CivicPrivacy", "CivicAppSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Apps/civic-stats",
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "civic-publish",
            dependencies: [
                "CivicModels", "CivicPrivacy", "CivicPublishing", "CivicAppSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Apps/civic-publish",
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "civic-check",
            dependencies: [
                "CivicModels", "CivicStorage", "CivicAnalysis", "CivicPrivacy", "CivicPublishing", "CivicAppSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Apps/civic-check",
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "civic-report",
            dependencies: [
                "CivicModels", "CivicStorage", "CivicAnalysis", "CivicAppSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ],
            path: "Apps/civic-report",
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "civic-dp",
            dependencies: [
                "CivicModels", "CivicStorage", "CivicPrivacy", "CivicAppSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Apps/civic-dp",
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "civic-generate",
            dependencies: [
                "CivicModels", "CivicStorage", "CivicExampleData", "CivicAppSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Apps/civic-generate",
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "civic-bench",
            dependencies: [
                "CivicModels", "CivicStorage", "CivicAnalysis", "CivicPrivacy", "CivicExampleData", "CivicPostgres", "CivicAppSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Apps/civic-bench",
            swiftSettings: swiftSettings),
        // The local web interface: its server in a library of its own so that its tests start it
        // in-process; only the civic-studio app and CivicStudioTests use it (and Hummingbird).
        .target(
            name: "CivicStudio",
            dependencies: [
                "CivicModels", "CivicStorage", "CivicAnalysis", "CivicPrivacy", "CivicPublishing", "CivicAppSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            path: "Apps/CivicStudio",
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "civic-studio",
            dependencies: [
                "CivicStudio", "CivicModels", "CivicAppSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Apps/civic-studio",
            swiftSettings: swiftSettings),

        // Tests: one target per library, one for the apps (which runs the built binaries).
        .target(name: "CivicTestSupport",
                dependencies: ["CivicModels", "CivicStorage", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
                path: "Tests/CivicTestSupport",
                swiftSettings: swiftSettings),
        .target(name: "CivicPostgresTestSupport",
                dependencies: ["CivicPostgres", "CivicModels",
                               .product(name: "PostgresNIO", package: "postgres-nio"),
                               .product(name: "Logging", package: "swift-log")],
                path: "Tests/CivicPostgresTestSupport",
                swiftSettings: swiftSettings),
        .testTarget(name: "CivicModelsTests", dependencies: ["CivicModels", "CivicTestSupport"],
                    swiftSettings: swiftSettings),
        .testTarget(name: "CivicStorageTests",
                    dependencies: ["CivicStorage", "CivicTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
                                   .product(name: "ZIPFoundation", package: "ZIPFoundation")],
                    exclude: ["Fixtures"],
                    swiftSettings: swiftSettings),
        .testTarget(name: "CivicAnalysisTests", dependencies: ["CivicAnalysis", "CivicStorage", "CivicTestSupport"],
                    resources: [.copy("Fixtures")],
                    swiftSettings: swiftSettings),
        .testTarget(name: "CivicPrivacyTests",
                    dependencies: ["CivicPrivacy", "CivicStorage", "CivicAnalysis", "CivicExampleData", "CivicTestSupport"],
                    resources: [.copy("Fixtures")],
                    swiftSettings: swiftSettings),
        .testTarget(name: "CivicPublishingTests",
                    dependencies: ["CivicDataKit", "CivicPublishing", "CivicPrivacy", "CivicStorage", "CivicModels", "CivicAnalysis",
                                   "CivicTestSupport", .product(name: "Yams", package: "Yams")],
                    swiftSettings: swiftSettings),
        .testTarget(name: "CivicPostgresTests",
                    dependencies: ["CivicPostgres", "CivicStorage", "CivicModels", "CivicTestSupport", "CivicPostgresTestSupport", "CivicExampleData",
                                   .product(name: "PostgresNIO", package: "postgres-nio"),
                                   .product(name: "Logging", package: "swift-log")],
                    swiftSettings: swiftSettings),
        .testTarget(name: "CivicStudioTests",
                    dependencies: ["CivicStudio", "CivicPublishing", "CivicStorage", "CivicModels", "CivicTestSupport",
                                   .product(name: "ZIPFoundation", package: "ZIPFoundation")],
                    swiftSettings: swiftSettings),
        .testTarget(name: "CivicExampleDataTests", dependencies: ["CivicExampleData", "CivicStorage", "CivicTestSupport"],
                    swiftSettings: swiftSettings),
        .testTarget(
            name: "CivicAppsTests",
            dependencies: [
                "civic-casebook", "civic-federate", "civic-generate", "civic-bench", "civic-anonymize", "civic-redact", "civic-stats", "civic-report", "civic-dp",
                "civic-publish", "civic-check",
                "CivicTestSupport", "CivicPostgresTestSupport",
                "CivicModels", "CivicStorage", "CivicPrivacy", "CivicPublishing", "CivicPostgres",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings),
    ]
)
