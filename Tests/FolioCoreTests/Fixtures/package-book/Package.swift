// swift-tools-version: 6.0
// A package a book documents: a library built on another package (swift-numerics), and an
// executable the book does not import.
import PackageDescription

let package = Package(
  name: "Stats",
  products: [
    .library(name: "Stats", targets: ["Stats"]),
    .executable(name: "stats-tool", targets: ["StatsTool"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1")
  ],
  targets: [
    .target(name: "Stats", dependencies: [.product(name: "RealModule", package: "swift-numerics")]),
    .executableTarget(name: "StatsTool", dependencies: ["Stats"]),
  ]
)
