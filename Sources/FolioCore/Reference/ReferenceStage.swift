// Reference stage: the documented modules' symbol graphs read, symbol links in the chapters resolved.
import Foundation

/// Reads the symbol graphs the library build writes, lays out the API reference, resolves every
/// symbol link (``` ``Vector/norm(_:)`` ```) and `<doc:Chapter>` link of the chapters, and finds
/// public declarations without a doc comment. A link that does not resolve is an error at its
/// Markdown line, listing the candidates, in `build` and `check` alike.
struct ReferenceStage: BuildStage {
  var name: StageName { .reference }

  func run(_ build: inout BuildContext) throws(FolioError) {
    guard let package = build.package, let root = package.root, !build.documentedModules.isEmpty else {
      return
    }
    let reference: APIReference
    if case .success(let loaded?)? = build.referenceLoad?.wait() {
      reference = loaded
    } else {
      let (symbols, digest) = try Self.symbols(build, package: package, root: root)
      reference = APIReference(
        modules: build.documentedModules, symbols: symbols, source: digest,
        factsFile: Self.factsFile(build, modules: build.documentedModules, source: digest))
    }
    build.reference = reference
    for i in build.chapters.indices {
      build.chapters[i].diagnostics += Self.linkProblems(
        in: build.chapters[i], reference, chapters: build.chapters)
    }
    build.referenceDiagnostics =
      reference.docFacts().linkProblems
      + Self.undocumented(
        reference, severity: build.book?.config.undocumented ?? .warning)
  }

  /// Starts reading the API reference from the plain copy of its symbols an earlier build of
  /// these libraries left, on a thread of its own (nil inside when there is none; `symbols`
  /// then finds them another way); nil when the book documents no module.
  static func startReadingKept(_ build: BuildContext) -> Parallel.Spawned<APIReference?>? {
    let modules = build.documentedModules
    guard let package = build.package, package.root != nil, !modules.isEmpty else { return nil }
    let copy = SymbolGraphLoader.copyURL(in: package.symbolGraphs, key: build.libraryKey, modules: modules)
    let build = build
    return Parallel.spawn { () -> APIReference? in
      guard let data = FileManager.default.contents(atPath: copy.path),
        let (symbols, digest) = SymbolGraphLoader.decode(data)
      else { return nil }
      let reference = APIReference(
        modules: modules, symbols: symbols, source: digest,
        factsFile: factsFile(build, modules: modules, source: digest))
      // Read (or worked out) here, beside the chapters' parse, rather than when a page needs it.
      _ = reference.docFacts()
      return reference
    }
  }

  /// Where the facts of the doc comments of these symbols are kept (see `APIDocFacts`): by the
  /// engine and the symbols, in the book's state folder.
  static func factsFile(_ build: BuildContext, modules: [String], source: String) -> URL {
    var hasher = FieldHasher()
    hasher.add("folio-api-doc-facts-v1")
    hasher.add(build.options.engineDigest)
    hasher.add(modules.joined(separator: "+"))
    hasher.add(source)
    return build.options.stateDirectory.appendingPathComponent(
      "reference/doc-facts-\(hasher.hex().prefix(24)).json")
  }

  /// The documented modules' symbols: from the plain copy an earlier build of these libraries
  /// left, else from the remote cache, else from the symbol graphs of a build of the package
  /// (then shared through the remote cache). A clone whose results and symbols are all in the
  /// remote cache builds its book without compiling anything.
  static func symbols(_ build: BuildContext, package: BookPackage, root: URL) throws(FolioError)
    -> (symbols: [APISymbol], digest: String)
  {
    let modules = build.documentedModules
    let copy = SymbolGraphLoader.copyURL(in: package.symbolGraphs, key: build.libraryKey, modules: modules)
    if let data = FileManager.default.contents(atPath: copy.path), let found = SymbolGraphLoader.decode(data)
    {
      return found
    }
    var hasher = FieldHasher()
    hasher.add("folio-api-symbols-v3")
    hasher.add(build.options.engineDigest)
    hasher.add(build.libraryKey)
    hasher.add(modules.joined(separator: "+"))
    let key = hasher.hex()
    if let remote = build.remoteCache, let data = remote.fetch([key])[0] {
      if let found = SymbolGraphLoader.decode(data) {
        try? FileManager.default.createDirectory(at: package.symbolGraphs, withIntermediateDirectories: true)
        try? data.write(to: copy, options: .atomic)
        return found
      }
      remote.rejected(key: key, because: "the API symbols it names do not decode")
    }
    let libraries: CompiledLibraries
    if let built = build.libraries {
      libraries = built
    } else {
      libraries = try package.build(progress: build.options.progress)
    }
    let found = try SymbolGraphLoader.symbols(of: modules, in: libraries, package: root)
    if let remote = build.remoteCache, let data = FileManager.default.contents(atPath: copy.path) {
      remote.store([(key, data)])
    }
    return found
  }

  /// One error per symbol link or `<doc:>` link of `chapter` that does not resolve to exactly one
  /// target.
  static func linkProblems(in chapter: Chapter, _ reference: APIReference, chapters: [Chapter])
    -> [Diagnostic]
  {
    var problems: [Diagnostic] = []
    LinkChecker.visit(chapter.document) { node in
      let location = SourceLocation(file: chapter.file.path, line: node.line, column: max(node.column, 1))
      switch node.kind {
      case .symbolLink(let link):
        if let message = problem(with: link, reference) { problems.append(Diagnostic(at: location, message)) }
      case .link(let destination, _) where destination.hasPrefix("doc:"):
        let name = String(destination.dropFirst(4))
        if ChapterLinks.page(for: name, in: chapters) == nil {
          if case .symbol = reference.resolve(name) { return }
          problems.append(
            Diagnostic(
              at: location,
              "<doc:\(name)> names no chapter; chapters: "
                + chapters.map { ChapterLinks.name(of: $0) }.joined(separator: ", ")))
        }
      default: break
      }
    }
    return problems
  }

  /// One error per symbol link in a doc comment that does not resolve, at its line in the
  /// source file; a link is resolved from the documented symbol first, as DocC does.
  static func docLinkProblems(_ reference: APIReference) -> [Diagnostic] {
    var problems: [Diagnostic] = []
    for symbol in reference.symbols {
      guard let doc = reference.doc(symbol.id) else { continue }
      LinkChecker.visit(doc.document) { node in
        guard case .symbolLink(let link) = node.kind,
          let message = problem(with: link, reference, scope: symbol.path)
        else { return }
        problems.append(
          Diagnostic(
            at: SourceLocation(file: doc.file.path, line: node.line, column: max(node.column, 1)), message))
      }
    }
    return problems
  }

  /// What is wrong with a symbol link, or nil when it names exactly one symbol or module.
  static func problem(with link: String, _ reference: APIReference, scope: [String] = []) -> String? {
    switch reference.resolve(link, scope: scope) {
    case .symbol, .module: return nil
    case .notFound(let candidates):
      return
        "symbol link ``\(link)`` names no public symbol of \(reference.modules.joined(separator: " or "))"
        + (candidates.isEmpty ? "" : "; did you mean: " + candidates.joined(separator: ", "))
    case .ambiguous(let candidates):
      return "symbol link ``\(link)`` is ambiguous; candidates: "
        + candidates.map { "``\($0)``" }.joined(separator: ", ")
    }
  }

  /// A diagnostic at each public declaration without a doc comment of its own.
  static func undocumented(_ reference: APIReference, severity: Diagnostic.Severity) -> [Diagnostic] {
    reference.symbols.compactMap { symbol in
      guard symbol.docComment == nil, let location = symbol.location else { return nil }
      return Diagnostic(
        severity, at: location,
        "public \(symbol.kindName.lowercased()) `\(([symbol.module] + symbol.path).joined(separator: "."))` "
          + "has no doc comment (`///`); the API page has nothing to say about it")
    }
  }
}

/// `<doc:Name>` links: DocC's article links, resolved to the book's chapters.
enum ChapterLinks {
  /// The name a chapter is linked by: its file name without extension (`01-norms`).
  static func name(of chapter: Chapter) -> String { chapter.file.slug }

  /// The page of the chapter `name` names: its slug, or its slug without the number in front
  /// (`norms` for `01-norms`).
  static func page(for name: String, in chapters: [Chapter]) -> String? {
    let name = name.split(separator: "#", maxSplits: 1).first.map(String.init) ?? name
    if let chapter = chapters.first(where: { $0.file.slug == name }) { return chapter.file.pageName }
    return chapters.first { chapter in
      let slug = chapter.file.slug
      guard let dash = slug.firstIndex(of: "-"), slug[..<dash].allSatisfy(\.isNumber) else { return false }
      return slug[slug.index(after: dash)...] == name
    }?.file.pageName
  }
}
