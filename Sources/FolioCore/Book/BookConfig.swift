// The book's settings, read from `book.yml` at the book root.
import Foundation

/// Settings for a book. Every field is optional in `book.yml`.
///
/// ```yaml
/// title: The Maths Behind Machine Learning
/// author: Folio authors
/// language: en
/// timeout: 60          # seconds per chapter program
/// package: .           # the Swift package the cells import (default: the book's folder, if a package)
/// products: [MLMath]   # its library products cells may import (default: all of them)
/// tolerance:           # how numbers in expected outputs are compared
///   relative: 1e-9
///   absolute: 1e-12
/// undocumented: error  # a public declaration without a doc comment fails `check` (default: warning)
/// cache:               # a shared remote results cache (see `CacheConfig`)
///   url: https://cache.example.org/folio
///   read-only: true
/// ```
public struct BookConfig: Sendable, Hashable, Codable {
  /// The book's title, shown on every page.
  public var title: String
  /// Who wrote it.
  public var author: String?
  /// One line under the title on the index page.
  public var description: String?
  /// The `lang` of every page.
  public var language: String
  /// Seconds a chapter program may run before it is killed.
  public var timeout: Double
  /// The default tolerance for numbers in expected outputs.
  public var tolerance: Tolerance
  /// The folder of the Swift package whose products cells import, relative to the book; nil:
  /// the book's own folder when it holds a `Package.swift`, else none.
  public var package: String?
  /// The library products of that package cells may import; nil: all of them.
  public var products: [String]?
  /// How a public declaration of a documented module without a doc comment is reported.
  public var undocumented: Diagnostic.Severity
  /// The remote results cache builds of this book share; nil: none.
  public var cache: CacheConfig?

  /// The defaults: an untitled English book, 60 s per chapter, the default tolerance.
  public init(
    title: String = "Untitled book", author: String? = nil, description: String? = nil,
    language: String = "en", timeout: Double = 60, tolerance: Tolerance = .default, package: String? = nil,
    products: [String]? = nil, undocumented: Diagnostic.Severity = .warning, cache: CacheConfig? = nil
  ) {
    self.cache = cache
    self.package = package
    self.products = products
    self.title = title
    self.author = author
    self.description = description
    self.language = language
    self.timeout = timeout
    self.tolerance = tolerance
    self.undocumented = undocumented
  }

  enum CodingKeys: String, CodingKey {
    case title, author, description, language, timeout, tolerance, package, products, undocumented, cache
  }

  /// Decodes, falling back to the defaults for every missing key.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let d = BookConfig()
    title = try c.decodeIfPresent(String.self, forKey: .title) ?? d.title
    author = try c.decodeIfPresent(String.self, forKey: .author)
    description = try c.decodeIfPresent(String.self, forKey: .description)
    language = try c.decodeIfPresent(String.self, forKey: .language) ?? d.language
    timeout = try c.decodeIfPresent(Double.self, forKey: .timeout) ?? d.timeout
    tolerance = try c.decodeIfPresent(Tolerance.self, forKey: .tolerance) ?? d.tolerance
    package = try c.decodeIfPresent(String.self, forKey: .package)
    products = try c.decodeIfPresent([String].self, forKey: .products)
    undocumented = try c.decodeIfPresent(Diagnostic.Severity.self, forKey: .undocumented) ?? d.undocumented
    cache = try c.decodeIfPresent(CacheConfig.self, forKey: .cache)
  }
}

/// How close a printed number must be to the expected one: `|a − e| ≤ max(absolute, relative·|e|)`.
public struct Tolerance: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The relative part, scaled by the expected value.
  public var relative: Double
  /// The absolute floor, for values near zero.
  public var absolute: Double

  /// Relative 1e-9, absolute 1e-12.
  public static let `default` = Tolerance(relative: 1e-9, absolute: 1e-12)

  /// Creates a tolerance.
  public init(relative: Double, absolute: Double) {
    self.relative = relative
    self.absolute = absolute
  }

  /// Whether `actual` is within tolerance of `expected`.
  public func accepts(expected: Double, actual: Double) -> Bool {
    if expected == actual { return true }  // also equal infinities
    if expected.isNaN { return actual.isNaN }
    return abs(actual - expected) <= max(absolute, relative * abs(expected))
  }

  /// `rtol=…, atol=…`.
  public var description: String { "rtol=\(relative), atol=\(absolute)" }
}
