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

    /// Fragments in one string: each as its kind, spelling and target (if any) separated by
    /// U+001F, the fragments separated by U+001E (control characters no Swift declaration holds).
    static func code(_ fragments: [Fragment]) -> String {
      fragments.map { fragment in
        ([fragment.kind, fragment.spelling] + (fragment.target.map { [$0] } ?? [])).joined(
          separator: "\u{1F}")
      }.joined(separator: "\u{1E}")
    }

    /// The fragments `code(_:)` wrote.
    static func fragments(_ code: String) -> [Fragment] {
      guard !code.isEmpty else { return [] }
      return code.split(separator: "\u{1E}", omittingEmptySubsequences: false).map { piece in
        let fields = piece.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
        return Fragment(
          kind: fields[0], spelling: fields.count > 1 ? fields[1] : "",
          target: fields.count > 2 ? fields[2] : nil)
      }
    }
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
  public var declaration: [Fragment] {
    get { Fragment.fragments(declarationCode) }
    set { declarationCode = Fragment.code(newValue) }
  }
  /// The declaration in one string (see `Fragment.code`): only API pages read it, so a build that
  /// renders none decodes one string per symbol rather than an object per fragment.
  private var declarationCode: String
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

  /// Creates a symbol.
  public init(
    id: String, module: String, kind: String, kindName: String, path: [String], declaration: [Fragment],
    parameterTypes: [String], returnType: String, parameterDefaults: [Bool], docComment: String?,
    docLocation: SourceLocation?, location: SourceLocation?, parent: String?
  ) {
    self.id = id
    self.module = module
    self.kind = kind
    self.kindName = kindName
    self.path = path
    declarationCode = Fragment.code(declaration)
    self.parameterTypes = parameterTypes
    self.returnType = returnType
    self.parameterDefaults = parameterDefaults
    self.docComment = docComment
    self.docLocation = docLocation
    self.location = location
    self.parent = parent
  }

  /// Reads a symbol kept (the plain copy of a reference's symbols, the remote cache) as one JSON
  /// array of its fields in declaration order, its locations as `line:column:file`: every build
  /// that documents a module decodes hundreds of them, and arrays decode faster than objects.
  public init(from decoder: any Decoder) throws {
    var fields = try decoder.unkeyedContainer()
    id = try fields.decode(String.self)
    module = try fields.decode(String.self)
    kind = try fields.decode(String.self)
    kindName = try fields.decode(String.self)
    path = try fields.decode([String].self)
    declarationCode = try fields.decode(String.self)
    parameterTypes = try fields.decode([String].self)
    returnType = try fields.decode(String.self)
    parameterDefaults = try fields.decode([Bool].self)
    docComment = try fields.decodeIfPresent(String.self)
    docLocation = try Self.location(fields.decodeIfPresent(String.self), decoder)
    location = try Self.location(fields.decodeIfPresent(String.self), decoder)
    parent = try fields.decodeIfPresent(String.self)
  }

  /// Writes the symbol as `init(from:)` reads it.
  public func encode(to encoder: any Encoder) throws {
    var fields = encoder.unkeyedContainer()
    try fields.encode(id)
    try fields.encode(module)
    try fields.encode(kind)
    try fields.encode(kindName)
    try fields.encode(path)
    try fields.encode(declarationCode)
    try fields.encode(parameterTypes)
    try fields.encode(returnType)
    try fields.encode(parameterDefaults)
    for optional in [docComment, docLocation.map(Self.code), location.map(Self.code), parent] {
      if let optional { try fields.encode(optional) } else { try fields.encodeNil() }
    }
  }

  /// A location as `line:column:file`.
  private static func code(_ location: SourceLocation) -> String {
    "\(location.line):\(location.column):\(location.file)"
  }

  private static func location(_ code: String?, _ decoder: any Decoder) throws -> SourceLocation? {
    guard let code else { return nil }
    let parts = code.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
    guard parts.count == 3, let line = Int(parts[0]), let column = Int(parts[1]) else {
      throw DecodingError.dataCorrupted(
        DecodingError.Context(codingPath: decoder.codingPath, debugDescription: "bad location \(code)"))
    }
    return SourceLocation(file: String(parts[2]), line: line, column: column)
  }

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
