// swift-tools-version: 6.1
import PackageDescription

// Targets by concern; arrows only point down:
// PipelineCLI → PipelineRuntime → (Packaging, Imaging) → PipelineCore.
let package = Package(
    name: "ImagePipeline",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "pipeline", targets: ["PipelineCLI"]),
        // `pipeline receive` runs this one, found beside `pipeline`: the HTTP server stays out of `pipeline run`.
        .executable(name: "pipeline-receiver", targets: ["PipelineReceiverCLI"]),
        // `pipeline serve` and `pipeline keys` run this one, found beside `pipeline`.
        .executable(name: "pipeline-server", targets: ["PipelineServerCLI"]),
        .library(name: "PipelineCore", targets: ["PipelineCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        // The reference receiver's HTTP server; default traits off (see PLATFORM.md: build time).
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", exact: "1.8.0"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", exact: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics", exact: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", exact: "2.4.1"),
        // The store of several processes (`--database postgres://…`).
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
        // Tests only: the served OpenAPI document must parse.
        .package(url: "https://github.com/mattpolzin/OpenAPIKit", exact: "6.4.0"),
    ],
    targets: [
        // Pure core: configuration model, validation, templates, planner. Foundation only.
        .target(
            name: "PipelineCore",
            resources: [.embedInCode("Resources/social-templates.json")]
        ),
        .systemLibrary(name: "CVips", pkgConfig: "vips", providers: [.apt(["libvips-dev"])]),
        // lcms2 (a dependency of libvips-dev) checks embedded ICC profiles before libvips uses them;
        // libimagequant and cgif (the same) quantise and write still GIFs (gifsave.c), libwebp
        // (the same) still lossy WebPs (webpsave.c).
        // The shim's pixel loops (reduceh.c, reducev.c) run at -O0 in a debug build about ten
        // times slower than libvips' own code, enough for the tests' large photos to reach the
        // per-source time limit; they are optimised in every configuration.
        .target(name: "CVipsShim", dependencies: ["CVips"],
                cSettings: [.unsafeFlags(["-O2"], .when(configuration: .debug))],
                linkerSettings: [.linkedLibrary("lcms2"), .linkedLibrary("gmodule-2.0"), .linkedLibrary("imagequant"),
                                 .linkedLibrary("cgif"), .linkedLibrary("webp"), .linkedLibrary("jpeg")]),
        .target(name: "Imaging", dependencies: ["PipelineCore", "CVipsShim", "CVips"]),
        .systemLibrary(name: "CZip", pkgConfig: "libzip", providers: [.apt(["libzip-dev"])]),
        // zlib (Debian's zlib1g-dev): the CRC-32 and deflate of the ZIPs Packaging writes itself.
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "Packaging", dependencies: ["PipelineCore", "CZip", "CZlib"]),
        // PDF sources (SPEC §12): qpdf (C++, Debian's libqpdf-dev) behind a C header, and the
        // Swift that decides what to do with a document.
        .target(name: "CQPDFShim", dependencies: ["CVips"], linkerSettings: [.linkedLibrary("qpdf"), .linkedLibrary("z")]),
        .target(name: "Documents", dependencies: ["PipelineCore", "Imaging", "CQPDFShim"]),
        .target(name: "PipelineRuntime", dependencies: ["PipelineCore", "Imaging", "Documents", "Packaging"]),
        // The server's state: role protocols, records, the quota policy, usage changes, one mapper
        // per record, blobs. No SQL and no database driver: those are the two backends below.
        .target(name: "PipelineStore", dependencies: ["PipelineCore"]),
        // The embedded store: one SQLite file (GRDB). Only SQL and connection handling.
        .target(name: "PipelineStoreSQLite", dependencies: [
            "PipelineStore", "PipelineCore", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // The same store on PostgreSQL: several API and worker processes on several machines.
        .target(name: "PipelineStorePostgres", dependencies: [
            "PipelineStore", "PipelineCore",
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CGLib", pkgConfig: "glib-2.0", providers: [.apt(["libglib2.0-dev"])]),
        .target(name: "CDeliveryShim", dependencies: ["CCurl", "CGLib"]),
        // Postback delivery: multipart body, Standard Webhooks signing, RetryPolicy, libcurl client.
        .target(name: "Delivery", dependencies: ["PipelineCore", "CDeliveryShim"]),
        // The reference postback receiver (`pipeline receive`).
        .target(
            name: "PipelineReceiver",
            dependencies: [
                "Delivery", "Packaging", "PipelineCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .executableTarget(
            name: "PipelineCLI",
            dependencies: [
                "PipelineRuntime", "Delivery",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // `pipeline serve`: Hummingbird routes, job workers, the deliverer and the sweeper as services.
        .target(
            name: "PipelineServer",
            dependencies: [
                "PipelineStore", "PipelineStoreSQLite", "PipelineStorePostgres", "PipelineRuntime", "Delivery", "Imaging", "Packaging", "PipelineCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            resources: [.embedInCode("Resources/openapi.json"), .embedInCode("Resources/console.html"),
                        .embedInCode("Resources/console.js"), .embedInCode("Resources/console.css")]
        ),
        .executableTarget(
            name: "PipelineServerCLI",
            dependencies: [
                "PipelineServer", "PipelineStore", "PipelineStoreSQLite", "PipelineStorePostgres", "PipelineCore", "Delivery",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "PipelineReceiverCLI",
            dependencies: [
                "PipelineReceiver", "Delivery",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmarks/MemoryBench: jobs run again and again in one process, resident memory after each.
        .executableTarget(name: "pipeline-memory-bench", dependencies: ["PipelineRuntime", "PipelineCore"], path: "Benchmarks/MemoryBench"),
        // Benchmarks/LibraryBench: the media library's store under a folder of 10,000 assets.
        .executableTarget(name: "pipeline-library-bench", dependencies: ["PipelineStore", "PipelineStoreSQLite", "PipelineStorePostgres", "PipelineCore"],
                          path: "Benchmarks/LibraryBench"),
        // What several test targets share: the tests' HTTP client, multipart bodies and process runner.
        .target(name: "PipelineTestSupport", path: "Tests/Support"),
        .testTarget(name: "PipelineCoreTests", dependencies: ["PipelineCore"]),
        .testTarget(name: "PipelineStoreTests", dependencies: ["PipelineStore", "PipelineStoreSQLite", "PipelineStorePostgres", "PipelineCore"]),
        .testTarget(name: "PipelineServerTests", dependencies: [
            "PipelineServer", "PipelineStore", "PipelineStorePostgres", "PipelineCore", "PipelineRuntime", "Imaging", "PipelineTestSupport", "Packaging",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "OpenAPIKit", package: "OpenAPIKit"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "ImagingTests", dependencies: ["Imaging", "PipelineCore"], exclude: ["Fixtures"]),
        .testTarget(name: "DocumentsTests", dependencies: ["Documents", "Imaging", "PipelineCore", "PipelineTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "PackagingTests", dependencies: ["Packaging", "CZip", "PipelineCore"]),
        .testTarget(name: "DeliveryTests", dependencies: ["Delivery", "PipelineReceiver", "PipelineCore", "Packaging"]),
        .testTarget(
            name: "PipelineRuntimeTests",
            dependencies: [
                "PipelineRuntime", "PipelineCLI", "PipelineReceiverCLI", "PipelineServerCLI", "Packaging", "Imaging", "Delivery", "PipelineReceiver",
                "PipelineStorePostgres", "PipelineStoreSQLite", "PipelineStore", "PipelineTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            exclude: ["Fixtures"]
        ),
    ]
)
