// One public declaration of a documented module, as plain values taken from its symbol graph.
import Foundation

/// A public declaration of a module the book documents: what the API pages, symbol links and
/// linked code are built from. Made from the compiler's symbol graph by `SymbolGraphLoader`;
/// no SymbolKit type leaves that file.
public struct APISymbol: Sendable, Hashable, Codable {
  /// A piece of a declaration, as the compiler classified it.
  public struct Fragment: Sendable, Hashable, Codable {
    /// `keyword`, `identifier`, `typeIdentifier`, `externalParam`, `internalParam`, `text`, …
    public var kind: String
    /// The text.
    public var spelling: String
    /// The precise identifier of the symbol a type name refers to.
    public var target: String?
  }

  /// The compiler's unique identifier (the USR).
  public var id: String
  /// The module that declares it (for an extension of another module's type, the extending one).
  public var module: String
  /// The kind without its language prefix: `struct`, `func`, `method`, `init`, `property`, …
  public var kind: String
  /// The kind as DocC names it: "Structure", "Instance Method", …
  public var kindName: String
  /// The DocC path below the module: `["Vector", "norm(_:)"]`.
  public var path: [String]
  /// The full declaration.
  public var declaration: [Fragment]
  /// The parameters' type names, in order (for `-(Vector,Double)` disambiguation).
  public var parameterTypes: [String]
  /// The return type's text (for `->Double` disambiguation); empty when it returns nothing.
  public var returnType: String
  /// Whether each parameter has a default value, in order (so a call may leave it out).
  public var parameterDefaults: [Bool]
  /// The doc comment's Markdown, its `///` markers removed; nil when there is none.
  public var docComment: String?
  /// Where the doc comment's first line is, when it came from this module's sources.
  public var docLocation: SourceLocation?
  /// Where the declaration is, relative to the repository (nil for one without a source).
  public var location: SourceLocation?
  /// The type it is a member of (its precise identifier), nil for a top-level declaration.
  public var parent: String?

  /// The name as written in a link: the last path component, `norm(_:)`.
  public var title: String { path.last ?? "" }
  /// The base name, `norm` for `norm(_:)`.
  public var baseName: String {
    title.firstIndex(of: "(").map { String(title[..<$0]) } ?? title
  }
  /// The argument labels of a function (`["_", "alpha"]` for `f(_:alpha:)`); nil for a
  /// declaration that takes no arguments list.
  public var argumentLabels: [String]? {
    guard let open = title.firstIndex(of: "("), title.hasSuffix(")") else { return nil }
    let inner = title[title.index(after: open)..<title.index(before: title.endIndex)]
    return inner.split(separator: ":", omittingEmptySubsequences: true).map(String.init)
  }
  /// Whether this is a type (it gets a page of its own when declared at the top level).
  public var isType: Bool { ["struct", "class", "enum", "protocol", "typealias"].contains(kind) }
  /// The declaration's plain text.
  public var declarationText: String { declaration.map(\.spelling).joined() }

  /// DocC's short hash of the identifier (FNV-1, base 36), used as `-hash` disambiguation.
  public var hash: String {
    let prime: UInt32 = 16_777_619
    let value = id.utf8.reduce(UInt32(2_166_136_261)) { ($0 &* prime) ^ UInt32($1) }
    return String(value, radix: 36)
  }
}
