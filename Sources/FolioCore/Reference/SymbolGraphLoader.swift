// The only file that reads symbol graphs: decodes the compiler's JSON with SymbolKit into APISymbols.
import Foundation
import SymbolKit

/// Reads the symbol graphs the library build wrote and keeps the public declarations of the
/// documented modules.
///
/// A module's own graph is `<Module>.symbols.json`; its extensions of another module's types
/// are in `<Module>@<Other>.symbols.json`. Members the compiler synthesises from protocol
/// extensions of the standard library (`!=`, `dropFirst(_:)`, …) are left out: they have no
/// source here and no doc comment of the module's.
enum SymbolGraphLoader {
  /// The symbols of `modules` in the compiled `libraries`, and a digest of them, decoded from
  /// the symbol graphs and written to the plain copy (``copyURL(in:key:modules:)``) that later
  /// builds read instead (decoding SymbolKit's mixins is most of a prose edit's rebuild
  /// otherwise; the reference stage looks for the copy first).
  static func symbols(of modules: [String], in libraries: CompiledLibraries, package root: URL)
    throws(FolioError) -> (symbols: [APISymbol], digest: String)
  {
    let copy = copyURL(in: libraries.symbolGraphs, key: libraries.key, modules: modules)
    let symbols = try load(
      modules: modules, from: libraries.symbolGraphs, repository: root)
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    let data = (try? encoder.encode(symbols)) ?? Data()
    try? data.write(to: copy, options: .atomic)
    return (symbols, FieldHasher.hex(SHA256.hash(data: data)))
  }

  /// The plain copy of `modules`' symbols for the libraries with `key`, in their symbol-graph
  /// folder; named for the build it was read from, since that folder outlives builds.
  static func copyURL(in folder: URL, key: String, modules: [String]) -> URL {
    folder.appendingPathComponent("folio-symbols-v3-\(key.prefix(16))-\(modules.joined(separator: "+")).json")
  }

  /// The symbols a plain copy holds, and its digest; nil when it does not decode.
  static func decode(_ data: Data) -> (symbols: [APISymbol], digest: String)? {
    guard let symbols = try? JSONDecoder().decode([APISymbol].self, from: data) else { return nil }
    return (symbols, FieldHasher.hex(SHA256.hash(data: data)))
  }

  /// The symbols of `modules` found in `folder`, in a stable order (module, then path).
  ///
  /// `repository` is the folder source paths are made relative to, so diagnostics read
  /// `Sources/MLMath/…swift:12:5`.
  static func load(modules: [String], from folder: URL, repository: URL) throws(FolioError) -> [APISymbol] {
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    var symbols: [APISymbol] = []
    for module in modules {
      let files = names.filter { $0 == "\(module).symbols.json" || $0.hasPrefix("\(module)@") }
      guard files.contains("\(module).symbols.json") else {
        throw FolioError(.environment, "no symbol graph for \(module) in \(folder.path)")
      }
      for file in files where file.hasSuffix(".symbols.json") {
        let url = folder.appendingPathComponent(file)
        let graph: SymbolGraph
        do {
          graph = try JSONDecoder().decode(SymbolGraph.self, from: Data(contentsOf: url))
        } catch {
          throw FolioError(.environment, "cannot read the symbol graph \(url.path)", underlying: "\(error)")
        }
        symbols += convert(graph, module: module, repository: repository)
      }
    }
    return symbols.sorted {
      ($0.module, $0.path.joined(separator: "/"), $0.id) < ($1.module, $1.path.joined(separator: "/"), $1.id)
    }
  }

  private static func convert(_ graph: SymbolGraph, module: String, repository: URL) -> [APISymbol] {
    var parents: [String: String] = [:]
    for relationship in graph.relationships where relationship.kind == .memberOf {
      parents[relationship.source] = relationship.target
    }
    return graph.symbols.values.compactMap { symbol -> APISymbol? in
      let id = symbol.identifier.precise
      guard !id.contains("::SYNTHESIZED::"),
        symbol.accessLevel.rawValue == "public" || symbol.accessLevel.rawValue == "open"
      else { return nil }
      let fragments = shown(
        (symbol.mixins[SymbolGraph.Symbol.DeclarationFragments.mixinKey]
          as? SymbolGraph.Symbol.DeclarationFragments)?
          .declarationFragments ?? [])
      let signature =
        symbol.mixins[SymbolGraph.Symbol.FunctionSignature.mixinKey] as? SymbolGraph.Symbol.FunctionSignature
      let location = symbol.mixins[SymbolGraph.Symbol.Location.mixinKey] as? SymbolGraph.Symbol.Location
      var kind = symbol.kind.identifier.identifier
      if kind.hasPrefix("swift.") { kind.removeFirst(6) }
      let doc = symbol.docComment.flatMap { comment -> String? in
        // A comment inherited from another module (a protocol requirement's) is not this one's.
        if let owner = comment.moduleName, owner != module { return nil }
        return comment.lines.map(\.text).joined(separator: "\n")
      }
      let docLocation = symbol.docComment.flatMap { comment -> SourceLocation? in
        guard let uri = comment.uri, let first = comment.lines.first?.range else { return nil }
        return SourceLocation(
          file: relative(uri, to: repository), line: first.start.line + 1, column: first.start.character + 1)
      }
      let parameters = signature?.parameters ?? []
      return APISymbol(
        id: id, module: module, kind: kind, kindName: symbol.kind.displayName, path: symbol.pathComponents,
        declaration: fragments.map {
          APISymbol.Fragment(kind: $0.kind.rawValue, spelling: $0.spelling, target: $0.preciseIdentifier)
        },
        parameterTypes: parameters.map { typeText($0.declarationFragments) },
        returnType: signature.map { $0.returns.map(\.spelling).joined() } ?? "",
        parameterDefaults: defaults(
          fragments.filter { $0.kind != .attribute }.map(\.spelling).joined(), count: parameters.count),
        docComment: doc, docLocation: doc == nil ? nil : docLocation,
        location: location.map {
          SourceLocation(
            file: relative($0.uri, to: repository), line: $0.position.line + 1,
            column: $0.position.character + 1)
        },
        parent: parents[id])
    }
  }

  /// A declaration as a reader sees it: without `@export(…)`, which says where the compiler puts
  /// the code (the library's object file or its clients), not what the API is.
  static func shown(
    _ fragments: [SymbolGraph.Symbol.DeclarationFragments.Fragment]
  ) -> [SymbolGraph.Symbol.DeclarationFragments.Fragment] {
    var kept: [SymbolGraph.Symbol.DeclarationFragments.Fragment] = []
    var dropped = false
    for fragment in fragments {
      if fragment.kind == .attribute && fragment.spelling.hasPrefix("@export(") {
        dropped = true
        continue
      }
      // The space after a dropped attribute goes with it.
      if dropped && fragment.kind == .text && fragment.spelling.first == " " {
        var rest = fragment
        rest.spelling.removeFirst()
        dropped = false
        if rest.spelling.isEmpty { continue }
        kept.append(rest)
        continue
      }
      dropped = false
      kept.append(fragment)
    }
    return kept
  }

  /// The type in a parameter's fragments (`x: Vector` → `Vector`).
  private static func typeText(_ fragments: [SymbolGraph.Symbol.DeclarationFragments.Fragment]) -> String {
    let text = fragments.map(\.spelling).joined()
    guard let colon = text.firstIndex(of: ":") else { return text }
    return text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
  }

  /// Which of a function's `count` parameters have a default (` = …` in the declaration).
  static func defaults(_ declaration: String, count: Int) -> [Bool] {
    guard let open = declaration.firstIndex(of: "(") else { return Array(repeating: false, count: count) }
    var parts: [String] = [""]
    var depth = 0
    var previous: Character = " "
    for character in declaration[declaration.index(after: open)...] {
      defer { previous = character }
      if "([<".contains(character) { depth += 1 }
      if ")]>".contains(character) && !(character == ">" && previous == "-") {
        if depth == 0 { break }
        depth -= 1
      }
      if character == "," && depth == 0 {
        parts.append("")
      } else {
        parts[parts.count - 1].append(character)
      }
    }
    let flags = parts.map { $0.contains(" = ") }
    return Array((flags + Array(repeating: false, count: max(0, count - flags.count))).prefix(count))
  }

  private static func relative(_ uri: String, to repository: URL) -> String {
    let path = URL(string: uri)?.path ?? uri
    let root = repository.standardizedFileURL.path + "/"
    return path.hasPrefix(root) ? String(path.dropFirst(root.count)) : path
  }
}
