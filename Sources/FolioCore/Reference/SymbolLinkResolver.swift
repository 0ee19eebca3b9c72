// Resolves DocC symbol links (``Vector/norm(_:)``, ``softmax(_:)-(Vector)``) against the API reference.
import Foundation

/// What a symbol link names.
public enum SymbolLinkResolution: Sendable, Hashable {
  /// Exactly one symbol (its identifier), or a module (`module` set, `symbol` nil).
  case symbol(String)
  /// A documented module's page.
  case module(String)
  /// Nothing: with the names it might have meant.
  case notFound(candidates: [String])
  /// More than one symbol: the links that would name each one.
  case ambiguous(candidates: [String])
}

extension APIReference {
  /// Resolves a symbol link's text the way DocC does: module-relative paths
  /// (`MLMath/Vector/norm(_:)` or `Vector/norm(_:)`), searched first in `scope` (the type whose
  /// doc comment holds the link) and then at the top; the last component may be disambiguated
  /// by kind (`-swift.method`, `-method`), by DocC's identifier hash (`-1x2y3`), or by type
  /// signature (`-(Vector,Int)`, `->Double`, `-(Vector)->Double`, `_` for any one type).
  public func resolve(_ link: String, scope: [String] = [], module scopeModule: String? = nil)
    -> SymbolLinkResolution
  {
    var components = Self.components(link)
    var modules = self.modules
    if let first = components.first, self.modules.contains(first) {
      if components.count == 1 { return .module(first) }
      components.removeFirst()
      modules = [first]
    }
    guard !components.isEmpty else { return .notFound(candidates: []) }
    var attempts: [[String]] = []
    for length in stride(from: scope.count, through: 1, by: -1) {
      attempts.append(Array(scope.prefix(length)))
    }
    attempts.append([])
    for prefix in attempts {
      let matches = self.matches(prefix, components, modules: modules)
      if matches.count == 1 { return .symbol(matches[0].id) }
      if matches.count > 1 {
        return .ambiguous(candidates: matches.map { disambiguatedLink($0, among: matches) }.sorted())
      }
    }
    return .notFound(
      candidates: nearNames(
        components.last.map { Self.split($0).name } ?? "",
        parent: components.dropLast().map { Self.split($0).name },
        modules: modules))
  }

  /// The symbols at `prefix + components` (each component's disambiguation applied).
  private func matches(_ prefix: [String], _ components: [String], modules: [String]) -> [APISymbol] {
    let parts = components.map(Self.split)
    let path = prefix + parts.map(\.name)
    var candidates = modules.flatMap { symbols($0, at: path) }
    for (offset, part) in parts.enumerated() {
      guard let disambiguation = part.disambiguation else { continue }
      let position = prefix.count + offset
      // Disambiguation of an outer component names the type at that level.
      candidates = candidates.filter { symbol in
        guard offset == parts.count - 1 else {
          return symbols(symbol.module, at: Array(symbol.path.prefix(position + 1))).contains {
            Self.accepts(disambiguation, $0)
          }
        }
        return Self.accepts(disambiguation, symbol)
      }
    }
    return candidates
  }

  /// Whether a disambiguation suffix (without its `-`) fits a symbol.
  static func accepts(_ disambiguation: String, _ symbol: APISymbol) -> Bool {
    let kind = disambiguation.hasPrefix("swift.") ? String(disambiguation.dropFirst(6)) : disambiguation
    if kind == symbol.kind { return true }
    if disambiguation == symbol.hash { return true }
    var text = disambiguation.filter { !$0.isWhitespace }
    var parameters: [String]? = nil
    if text.hasPrefix("(") {
      var depth = 0
      var end = text.startIndex
      for index in text.indices {
        if text[index] == "(" { depth += 1 }
        if text[index] == ")" {
          depth -= 1
          if depth == 0 {
            end = index
            break
          }
        }
      }
      guard depth == 0 else { return false }
      parameters = splitTypes(String(text[text.index(after: text.startIndex)..<end]))
      text = String(text[text.index(after: end)...])
    }
    var result: String? = nil
    if text.hasPrefix("->") {
      result = String(text.dropFirst(2))
    } else if text.hasPrefix(">") {
      result = String(text.dropFirst())
    } else if !text.isEmpty {
      return false
    }
    guard parameters != nil || result != nil else { return false }
    if let parameters {
      let actual = symbol.parameterTypes.map { $0.filter { !$0.isWhitespace } }
      guard parameters.count == actual.count, zip(parameters, actual).allSatisfy({ $0 == "_" || $0 == $1 })
      else {
        return false
      }
    }
    if let result {
      let actual = symbol.returnType.filter { !$0.isWhitespace }
      guard result == "_" || result == actual || (result == "()" && (actual.isEmpty || actual == "Void"))
      else {
        return false
      }
    }
    return true
  }

  /// The shortest link that names `symbol` among `others` (its path with DocC's suggestion).
  func disambiguatedLink(_ symbol: APISymbol, among others: [APISymbol]) -> String {
    let base = ([symbol.module] + symbol.path).joined(separator: "/")
    let rest = others.filter { $0.id != symbol.id }
    let types = "-(" + symbol.parameterTypes.joined(separator: ",") + ")"
    if !rest.contains(where: { Self.accepts(String(types.dropFirst()), $0) })
      && Self.accepts(String(types.dropFirst()), symbol)
    {
      return base + types
    }
    let returns = "->" + symbol.returnType.filter { !$0.isWhitespace }
    if !symbol.returnType.isEmpty, !rest.contains(where: { Self.accepts(String(returns.dropFirst()), $0) }) {
      return base + returns
    }
    if !rest.contains(where: { $0.kind == symbol.kind }) { return base + "-swift." + symbol.kind }
    return base + "-" + symbol.hash
  }

  /// Symbols whose name starts like `name` (or contains it), for "did you mean".
  private func nearNames(_ name: String, parent: [String], modules: [String]) -> [String] {
    let base = (name.firstIndex(of: "(").map { String(name[..<$0]) } ?? name).lowercased()
    guard !base.isEmpty else { return [] }
    // The link's own type first: `Vector/nrm(_:)` means one of Vector's members.
    var inScope = symbols.filter { modules.contains($0.module) && Array($0.path.dropLast()) == parent }
    if inScope.isEmpty { inScope = symbols.filter { modules.contains($0.module) } }
    var near = inScope.map { ($0, 0) }.filter { $0.0.baseName.lowercased().hasPrefix(base) }
    if near.isEmpty {
      // A misspelling: the names a few edits away, the closest first.
      let limit = min(2, base.count / 3 + 1)
      near = inScope.map { ($0, Self.editDistance($0.baseName.lowercased(), base, limit: limit)) }
        .filter { $0.1 <= limit }
    }
    var seen: Set<String> = []
    return near.sorted { ($0.1, $0.0.path.joined(separator: "/")) < ($1.1, $1.0.path.joined(separator: "/")) }
      .map { ([$0.0.module] + $0.0.path).joined(separator: "/") }
      .filter { seen.insert($0).inserted }.prefix(8).map { $0 }
  }

  /// Levenshtein distance, or `limit + 1` once it is certainly more than `limit`.
  static func editDistance(_ a: String, _ b: String, limit: Int) -> Int {
    let a = Array(a)
    let b = Array(b)
    guard abs(a.count - b.count) <= limit else { return limit + 1 }
    var previous = Array(0...b.count)
    for i in 1...max(a.count, 1) where !a.isEmpty {
      var current = [i] + Array(repeating: 0, count: b.count)
      for j in 1...max(b.count, 1) where !b.isEmpty {
        current[j] = min(
          previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      if current.min()! > limit { return limit + 1 }
      previous = current
    }
    return previous[b.count]
  }

  /// A link's path components: split at `/`, except the `/` of an operator name (`Vector//(_:_:)`).
  static func components(_ link: String) -> [String] {
    var text = Substring(link.trimmingCharacters(in: .whitespaces))
    if text.hasPrefix("/") { text = text.dropFirst() }
    var parts: [String] = []
    var current = ""
    var depth = 0
    for character in text {
      if character == "(" { depth += 1 }
      if character == ")" { depth -= 1 }
      if character == "/" && depth == 0 && !current.isEmpty {
        parts.append(current)
        current = ""
      } else {
        current.append(character)
      }
    }
    if !current.isEmpty { parts.append(current) }
    return parts
  }

  /// A component's name and its disambiguation (after the `-` that follows the name).
  static func split(_ component: String) -> (name: String, disambiguation: String?) {
    let characters = Array(component)
    var nameEnd = characters.count
    if let open = characters.firstIndex(of: "(") {
      var depth = 0
      for i in open..<characters.count {
        if characters[i] == "(" { depth += 1 }
        if characters[i] == ")" {
          depth -= 1
          if depth == 0 {
            nameEnd = i + 1
            break
          }
        }
      }
      // An operator's name starts with its symbol (`-(_:_:)`): the `-` is part of it.
    } else if let dash = characters.firstIndex(of: "-"), dash > 0 {
      nameEnd = dash
    }
    let name = String(characters[..<nameEnd])
    guard nameEnd < characters.count, characters[nameEnd] == "-" else {
      return (nameEnd < characters.count ? component : name, nil)
    }
    return (name, String(characters[(nameEnd + 1)...]))
  }

  private static func splitTypes(_ text: String) -> [String] {
    guard !text.isEmpty else { return [] }
    var parts: [String] = [""]
    var depth = 0
    for character in text {
      if "([<".contains(character) { depth += 1 }
      if ")]>".contains(character) { depth -= 1 }
      if character == "," && depth == 0 {
        parts.append("")
      } else {
        parts[parts.count - 1].append(character)
      }
    }
    return parts
  }
}
