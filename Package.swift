// swift-tools-version: 6.1
import PackageDescription

// Targets by concern; arrows only point down:
// PipelineCLI → PipelineRuntime → (Packaging, Imaging) → PipelineCore.
let package = Package(
    name: "ImagePipeline",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "pipeline", targets: ["PipelineCLI"]),
        .library(name: "PipelineCore", targets: ["PipelineCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    ],
    targets: [
        // Pure core: configuration model, validation, templates, planner. Foundation only.
        .target(
            name: "PipelineCore",
            resources: [.embedInCode("Resources/social-templates.json")]
        ),
        .systemLibrary(name: "CVips", pkgConfig: "vips", providers: [.apt(["libvips-dev"])]),
        .target(name: "CVipsShim", dependencies: ["CVips"]),
        .target(name: "Imaging", dependencies: ["PipelineCore", "CVipsShim", "CVips"]),
        .systemLibrary(name: "CZip", pkgConfig: "libzip", providers: [.apt(["libzip-dev"])]),
        .target(name: "Packaging", dependencies: ["PipelineCore", "CZip"]),
        .target(name: "PipelineRuntime", dependencies: ["PipelineCore", "Imaging", "Packaging"]),
        .executableTarget(
            name: "PipelineCLI",
            dependencies: [
                "PipelineRuntime",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "PipelineCoreTests", dependencies: ["PipelineCore"]),
        .testTarget(name: "ImagingTests", dependencies: ["Imaging", "PipelineCore"], exclude: ["Fixtures"]),
        .testTarget(name: "PackagingTests", dependencies: ["Packaging", "CZip", "PipelineCore"]),
        .testTarget(
            name: "PipelineRuntimeTests",
            dependencies: ["PipelineRuntime", "PipelineCLI", "Packaging", "Imaging"]
        ),
    ]
)
