// The documented modules' public API as the site lays it out: which page and anchor each symbol gets.
import Foundation

/// Every public symbol of the documented modules, with its place on the site and its parsed doc
/// comment. Built once per build by the reference stage; the API pages, symbol links in prose and
/// linked code all read it, so a symbol has one address everywhere.
public struct APIReference: Sendable {
  /// One page of the API reference.
  public struct Page: Sendable, Hashable {
    /// The page's path in the site, `api/MLMath.Vector.html`.
    public var path: String
    /// The module it belongs to.
    public var module: String
    /// The page title: the module, or the type's name.
    public var title: String
    /// The type the page is about (nil for a module page).
    public var type: String?
    /// The symbols documented in full on the page, in page order.
    public var members: [String]
  }

  /// Where a symbol is documented.
  public struct Address: Sendable, Hashable {
    /// The page's path in the site.
    public var page: String
    /// The anchor of its section; nil for a type (its page's top).
    public var anchor: String?

    /// The link from a page at the site's root (`prefix` "") or in `api/` (`prefix` "../").
    public func href(from root: String) -> String {
      root + page + (anchor.map { "#" + Self.fragment($0) } ?? "")
    }

    /// An anchor made safe for a URL fragment (spaces and `%` escaped; `(`, `:` are allowed).
    static func fragment(_ anchor: String) -> String {
      anchor.addingPercentEncoding(
        withAllowedCharacters: .urlFragmentAllowed.subtracting(CharacterSet(charactersIn: "%")))
        ?? anchor
    }
  }

  /// The documented modules, in the book's order.
  public let modules: [String]
  /// Every symbol, in a stable order.
  public let symbols: [APISymbol]
  /// The pages: each module's, then its types', in order.
  public let pages: [Page]
  /// Each symbol's address, by identifier.
  public let addresses: [String: Address]
  /// A digest of everything above: rendered API pages and linked code depend on nothing else.
  public let digest: String
  /// The doc comments, parsed when first needed, and what every build needs of all of them.
  private let comments: DocComments
  private let index: [String: Int]
  /// Symbols by module and path (`MLMath/Vector/norm(_:)`): overloads share an entry.
  private let byPath: [String: [Int]]
  /// Symbols by module and parent path (`MLMath/Vector`; `MLMath` for the top level).
  private let byParent: [String: [Int]]

  private static func key(_ module: String, _ path: [String]) -> String {
    ([module] + path).joined(separator: "/")
  }

  /// Lays out `symbols` of `modules`; `source` is a digest of where they came from (computed
  /// from the symbols when not given). With `factsFile`, what builds need of every doc comment
  /// (`docFacts()`) is kept there, so a build that renders no API page parses no doc comment.
  public init(modules: [String], symbols: [APISymbol], source: String? = nil, factsFile: URL? = nil) {
    self.modules = modules
    self.symbols = symbols
    var index: [String: Int] = [:]
    var byPath: [String: [Int]] = [:]
    var byParent: [String: [Int]] = [:]
    for (i, symbol) in symbols.enumerated() {
      index[symbol.id] = i
      byPath[Self.key(symbol.module, symbol.path), default: []].append(i)
      byParent[Self.key(symbol.module, Array(symbol.path.dropLast())), default: []].append(i)
    }
    self.index = index
    self.byPath = byPath
    self.byParent = byParent

    // Symbols by index, each grouped once: every build lays the reference out, and symbols
    // are large values, so filtering and sorting copies of them was most of this work.
    var overloads: [String: Int] = [:]
    for i in symbols.indices {
      overloads[Self.key(symbols[i].module, symbols[i].path), default: 0] += 1
    }
    func anchor(_ i: Int, dropping count: Int) -> String {
      let base = symbols[i].path.dropFirst(count).joined(separator: "/")
      let overloaded = overloads[Self.key(symbols[i].module, symbols[i].path), default: 0] > 1
      return overloaded ? base + "-" + symbols[i].hash : base
    }

    var pages: [Page] = []
    var addresses: [String: Address] = [:]
    for module in modules {
      let own = symbols.indices.filter { symbols[$0].module == module }
      let modulePage = "api/\(module).html"
      let topLevel = own.filter { symbols[$0].path.count == 1 && !symbols[$0].isType }
      pages.append(
        Page(
          path: modulePage, module: module, title: module, type: nil, members: topLevel.map { symbols[$0].id }
        ))
      for i in topLevel {
        addresses[symbols[i].id] = Address(page: modulePage, anchor: anchor(i, dropping: 0))
      }
      // A page per top-level type, and per other module's type this one extends: its own
      // symbols (the path is its name) and its members, in the order they are met.
      var typeNames: [String] = []
      var isTypeName: Set<String> = []
      var named: [String: [Int]] = [:]
      var members: [String: [Int]] = [:]
      for i in own {
        let path = symbols[i].path
        if path.count > 1 || symbols[i].isType, isTypeName.insert(path[0]).inserted {
          typeNames.append(path[0])
        }
        if path.count == 1 {
          named[path[0], default: []].append(i)
        } else {
          members[path[0], default: []].append(i)
        }
      }
      for name in typeNames.sorted() {
        let page = "api/\(module).\(name).html"
        // DocC's topic order (`memberOrder`), each symbol's rank and path worked out once.
        let keyed: [(index: Int, rank: Int, path: String)] = (members[name] ?? []).map { i in
          (index: i, rank: Self.rank(symbols[i].kind), path: symbols[i].path.joined(separator: "/"))
        }
        let sorted = keyed.sorted { (a, b) -> Bool in
          if a.rank != b.rank { return a.rank < b.rank }
          if a.path != b.path { return a.path < b.path }
          return symbols[a.index].id < symbols[b.index].id
        }
        .map(\.index)
        pages.append(
          Page(path: page, module: module, title: name, type: name, members: sorted.map { symbols[$0].id }))
        for i in named[name] ?? [] {
          addresses[symbols[i].id] = Address(page: page, anchor: nil)
        }
        for i in sorted {
          addresses[symbols[i].id] = Address(page: page, anchor: anchor(i, dropping: 1))
        }
      }
    }
    self.pages = pages
    self.addresses = addresses

    comments = DocComments(symbols: symbols.filter { $0.docComment != nil }, factsFile: factsFile)

    var hasher = FieldHasher()
    hasher.add("api-reference-v1")
    hasher.add(modules.joined(separator: ","))
    if let source {
      hasher.add(source)
    } else {
      let encoder = JSONEncoder()
      encoder.outputFormatting = .sortedKeys
      hasher.add(bytes: (try? encoder.encode(symbols)) ?? Data())
    }
    digest = hasher.hex()
  }

  /// The doc comment of the symbol `id`, parsed (line numbers are the source file's); nil for a
  /// symbol without one.
  public func doc(_ id: String) -> Chapter? { comments.doc(id) }

  /// What a build needs of every doc comment (summaries, formulas, broken symbol links), from
  /// the facts file when an earlier build left one for this reference.
  func docFacts() -> APIDocFacts { comments.facts(of: self) }

  /// One doc comment parsed as a chapter whose code is never run: its line numbers made the
  /// source file's, its code blocks left plain code blocks.
  fileprivate static func parseDoc(_ symbol: APISymbol, parser: ChapterParser) -> Chapter {
    let file = ChapterFile(
      path: symbol.docLocation?.file ?? symbol.module, slug: symbol.id, text: (symbol.docComment ?? "") + "\n"
    )
    var doc = parser.parse(file)
    let offset = (symbol.docLocation?.line ?? 1) - 1
    doc.document = Self.shifted(doc.document, by: offset)
    doc.document = Self.uncelled(doc.document, cells: doc.cells)
    doc.cells = []
    doc.diagnostics = []
    return doc
  }

  private static func uncelled(_ node: MarkdownNode, cells: [Cell]) -> MarkdownNode {
    var node = node
    switch node.kind {
    case .cell(let index) where cells.indices.contains(index):
      node.kind = .codeBlock(info: "swift", code: cells[index].code)
    case .cellOutput(let index) where cells.indices.contains(index):
      node.kind = .codeBlock(info: "output", code: cells[index].expected?.text ?? "")
    default:
      node.children = node.children.map { uncelled($0, cells: cells) }
    }
    return node
  }

  private static func shifted(_ node: MarkdownNode, by offset: Int) -> MarkdownNode {
    var node = node
    if node.line > 0 { node.line += offset }
    node.children = node.children.map { shifted($0, by: offset) }
    return node
  }

  /// Where the overloads `symbols` are documented together: the section of the first, under the
  /// anchor their path has without disambiguation (`softmax(_:)`); nil unless they are all
  /// overloads of one path, on one page.
  public func overloadGroup(_ symbols: [APISymbol]) -> Address? {
    guard let first = symbols.first, symbols.count > 1,
      symbols.allSatisfy({ $0.module == first.module && $0.path == first.path }),
      let address = address(of: first.id), address.anchor != nil
    else { return nil }
    let dropped = first.path.count > 1 && address.page != "api/\(first.module).html" ? 1 : 0
    return Address(page: address.page, anchor: first.path.dropFirst(dropped).joined(separator: "/"))
  }

  /// Whether other symbols share this one's path (it is one of several overloads).
  public func isOverloaded(_ symbol: APISymbol) -> Bool {
    (byPath[Self.key(symbol.module, symbol.path)]?.count ?? 0) > 1
  }

  /// The symbols of `module` at exactly `path` (several when overloaded).
  public func symbols(_ module: String, at path: [String]) -> [APISymbol] {
    (byPath[Self.key(module, path)] ?? []).map { symbols[$0] }
  }

  /// The symbols of `module` directly below `path` (`[]`: the top level).
  public func children(_ module: String, of path: [String]) -> [APISymbol] {
    (byParent[Self.key(module, path)] ?? []).map { symbols[$0] }
  }

  /// The symbol with this identifier.
  public func symbol(_ id: String) -> APISymbol? { index[id].map { symbols[$0] } }

  /// The page a symbol is documented on, and where.
  public func address(of id: String) -> Address? { addresses[id] }

  /// The doc comment's first paragraph as plain text: the one-line summary links show.
  public func summary(of id: String) -> String { docFacts().summaries[id] ?? "" }

  /// The first paragraph of a parsed doc comment as one line of plain text ("" without one).
  fileprivate static func summary(_ doc: Chapter) -> String {
    guard
      let first = doc.document.children.first(where: {
        if case .paragraph = $0.kind { return true }
        return false
      })
    else { return "" }
    return first.plainText.replacingOccurrences(of: "\n", with: " ")
  }

  /// DocC's topic order: initialisers, then cases, properties, methods, subscripts, operators,
  /// type members; by name within each.
  static func memberOrder(_ a: APISymbol, _ b: APISymbol) -> Bool {
    let ra = rank(a.kind)
    let rb = rank(b.kind)
    if ra != rb { return ra < rb }
    if a.path != b.path { return a.path.joined(separator: "/") < b.path.joined(separator: "/") }
    return a.id < b.id
  }

  /// The topic a kind of member is listed under, in order.
  static let topics: [(kinds: [String], title: String)] = [
    (["struct", "class", "enum", "protocol", "typealias"], "Nested Types"),
    (["init"], "Initializers"),
    (["enum.case"], "Enumeration Cases"),
    (["property", "var"], "Instance Properties"),
    (["method", "func"], "Instance Methods"),
    (["subscript"], "Subscripts"),
    (["type.property"], "Type Properties"),
    (["type.method"], "Type Methods"),
    (["func.op"], "Operators"),
  ]

  static func rank(_ kind: String) -> Int { ranks[kind] ?? topics.count }

  /// Each kind's topic, looked up once per comparison while members are sorted.
  private static let ranks: [String: Int] = Dictionary(
    topics.enumerated().flatMap { index, topic in topic.kinds.map { ($0, index) } },
    uniquingKeysWith: { first, _ in first })
}

/// What builds need of every doc comment whether or not they render an API page: the summaries
/// that links, linked code and the search index show, the formulas (their rendering is part of
/// the API pages' key) and the symbol links that do not resolve. It depends on the reference
/// alone, so it is kept by the reference's identity.
struct APIDocFacts: Codable, Sendable, Equatable {
  /// Each documented symbol's one-line summary (omitted when empty).
  var summaries: [String: String]
  /// Every formula of the doc comments: symbol by symbol in the reference's order, each in
  /// document order.
  var math: [MathKey]
  /// One error per symbol link in a doc comment that does not resolve.
  var linkProblems: [Diagnostic]
}

/// The documented symbols' comments, each parsed the first time it is asked for, and their facts.
/// Any thread may ask.
private final class DocComments: @unchecked Sendable {
  private let symbols: [APISymbol]
  private let byID: [String: APISymbol]
  private let factsFile: URL?
  private let lock = NSLock()
  private var parsed: [String: Chapter] = [:]
  private var allParsed = false
  private let factsLock = NSLock()
  private var known: APIDocFacts?

  init(symbols: [APISymbol], factsFile: URL?) {
    self.symbols = symbols
    byID = Dictionary(symbols.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
    self.factsFile = factsFile
  }

  func doc(_ id: String) -> Chapter? {
    lock.lock()
    defer { lock.unlock() }
    if let doc = parsed[id] { return doc }
    guard let symbol = byID[id] else { return nil }
    let doc = APIReference.parseDoc(symbol, parser: ChapterParser())
    parsed[id] = doc
    return doc
  }

  /// Every comment parsed, hundreds of short ones, a share per core.
  private func parseAll() {
    lock.lock()
    defer { lock.unlock() }
    guard !allParsed else { return }
    let parser = ChapterParser()
    let missing = symbols.filter { parsed[$0.id] == nil }
    let docs =
      (try? Parallel.map(missing, jobs: ProcessInfo.processInfo.activeProcessorCount) {
        (symbol: APISymbol) -> Chapter in APIReference.parseDoc(symbol, parser: parser)
      }) ?? []
    for (symbol, doc) in zip(missing, docs) { parsed[symbol.id] = doc }
    allParsed = true
  }

  func facts(of reference: APIReference) -> APIDocFacts {
    factsLock.lock()
    defer { factsLock.unlock() }
    if let known { return known }
    if let factsFile, let data = FileManager.default.contents(atPath: factsFile.path),
      let kept = try? JSONDecoder().decode(APIDocFacts.self, from: data)
    {
      known = kept
      return kept
    }
    parseAll()
    var summaries: [String: String] = [:]
    var math: [MathKey] = []
    for symbol in reference.symbols {
      guard let doc = doc(symbol.id) else { continue }
      let summary = APIReference.summary(doc)
      if !summary.isEmpty { summaries[symbol.id] = summary }
      math += SiteRenderer.mathKeys(in: doc.document)
    }
    let facts = APIDocFacts(
      summaries: summaries, math: math, linkProblems: ReferenceStage.docLinkProblems(reference))
    known = facts
    if let factsFile, let data = try? JSONEncoder().encode(facts) {
      try? FileManager.default.createDirectory(
        at: factsFile.deletingLastPathComponent(), withIntermediateDirectories: true)
      try? data.write(to: factsFile, options: .atomic)
    }
    return facts
  }
}
