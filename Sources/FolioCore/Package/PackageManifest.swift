// What `swift package dump-package` says about a package: its products and targets, decoded.
import Foundation

/// The parts of a package's manifest Folio needs: which library products it has, and which of
/// its own targets (with their folders) each product is built from.
struct PackageManifest: Sendable, Hashable, Decodable {
  /// One product.
  struct Product: Sendable, Hashable, Decodable {
    /// The product's name.
    var name: String
    /// Its targets.
    var targets: [String]
    /// Whether it is a library product (cells can only import libraries).
    var isLibrary: Bool

    enum CodingKeys: String, CodingKey { case name, targets, type }

    init(from decoder: any Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      name = try c.decode(String.self, forKey: .name)
      targets = try c.decode([String].self, forKey: .targets)
      let type = try c.decode([String: AnyJSON].self, forKey: .type)
      isLibrary = type["library"] != nil
    }
  }

  /// One target.
  struct Target: Sendable, Hashable, Decodable {
    /// The target's name.
    var name: String
    /// `regular`, `executable`, `test`, `system`, `plugin`, `binary`, `macro`.
    var type: String
    /// Its folder relative to the package, when the manifest names one.
    var path: String?
    /// The targets of this package it depends on (by name).
    var localDependencies: [String]

    enum CodingKeys: String, CodingKey { case name, type, path, dependencies }

    init(from decoder: any Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      name = try c.decode(String.self, forKey: .name)
      type = try c.decode(String.self, forKey: .type)
      path = try c.decodeIfPresent(String.self, forKey: .path)
      // `{"byName": ["X", null]}` or `{"target": ["X", null]}` name a target of this package
      // (byName may also name a product of a dependency; those are filtered by the caller).
      let dependencies = try c.decode([[String: [AnyJSON]]].self, forKey: .dependencies)
      localDependencies = dependencies.compactMap { dependency in
        for kind in ["byName", "target"] {
          if case .string(let name)? = dependency[kind]?.first { return name }
        }
        return nil
      }
    }

    /// The folder SwiftPM builds the target from, relative to the package.
    var folder: String {
      if let path { return path }
      switch type {
      case "test": return "Tests/\(name)"
      case "plugin": return "Plugins/\(name)"
      default: return "Sources/\(name)"
      }
    }
  }

  /// The package's name.
  var name: String
  /// Its products.
  var products: [Product]
  /// Its targets.
  var targets: [Target]
  /// The digest of the whole dump, its folder's path left out (set by
  /// ``BookPackage/describe(_:toolchain:cache:)``): settings, flags and dependencies, which
  /// change what the libraries are built into as much as their sources do.
  var digest = ""

  private enum CodingKeys: String, CodingKey { case name, products, targets }

  /// The library products, by name.
  var libraryProducts: [String] { products.filter(\.isLibrary).map(\.name) }

  /// Whether the package has a target of this name.
  func hasTarget(_ name: String) -> Bool { targets.contains { $0.name == name } }

  /// The package's own targets that `products` are built from, with everything they depend on
  /// inside the package, in manifest order.
  func targets(building products: [String]) -> [Target] {
    var wanted = Set<String>()
    var queue = self.products.filter { products.contains($0.name) }.flatMap(\.targets)
    while let name = queue.popLast() {
      guard wanted.insert(name).inserted, let target = targets.first(where: { $0.name == name }) else {
        continue
      }
      queue += target.localDependencies
    }
    return targets.filter { wanted.contains($0.name) }
  }
}

/// Any JSON value, for the parts of the dump Folio does not read.
enum AnyJSON: Sendable, Hashable, Decodable {
  case string(String)
  case other

  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let text = try? container.decode(String.self) {
      self = .string(text)
    } else {
      self = .other
    }
  }
}
