// Finds the identifiers in a cell's code that name a documented public symbol, and where they link.
import Foundation
import SwiftParser
import SwiftSyntax

/// Links identifiers in highlighted code to their API pages, preferring no link to a wrong one.
///
/// swift-syntax gives the tokens and their roles; the symbol graph gives the candidates. A name
/// is linked only when the syntax says what it is and the reference has exactly one symbol for
/// it: a call `f(a, alpha: b)` to a free function whose argument labels fit (defaulted arguments
/// may be left out), a type name (`Vector`, `let m: Matrix`), an initialiser call `Vector(...)`
/// whose labels fit one initialiser, a static member or case through its type (`Matrix.identity(3)`,
/// `Norm.l1`), and the module of an `import`. Calls on values (`v.norm()`) are not linked: their
/// type is not known without the compiler. Names the chapter declares itself, and symbols of
/// modules it does not import, are never linked.
struct CodeLinker: Sendable {
  /// Where a linked token leads.
  struct Link: Sendable, Hashable {
    /// The link, from the page the code is on.
    var href: String
    /// The symbol's one-line summary, shown on hover and focus.
    var summary: String
  }

  /// Bumped whenever what is linked changes, so cached highlights are not reused.
  private static let version = "linker-2"

  /// The API reference.
  let reference: APIReference
  /// From the page to the site root: "" for a chapter page.
  let root: String
  /// Names declared by the chapter's own code (they shadow the library's).
  let declared: Set<String>
  /// Modules the chapter's code imports.
  let imported: Set<String>
  /// The type of each name the chapter declares exactly once with a type written out
  /// (`let v: Vector = …`, `let m = Matrix(…)`, a parameter `_ z: Vector`): a member used
  /// through it (`v.norm()`) can be linked.
  let typed: [String: String]
  /// Part of the highlight cache's key: the same code links differently in another chapter or
  /// after the library changed. Made once: every cell of the chapter asks for it.
  let cacheKey: String

  init(
    reference: APIReference, root: String, declared: Set<String>, imported: Set<String>,
    typed: [String: String] = [:]
  ) {
    self.reference = reference
    self.root = root
    self.declared = declared
    self.imported = imported
    self.typed = typed
    cacheKey = [
      reference.digest, root, declared.sorted().joined(separator: ","),
      imported.sorted().joined(separator: ","),
      typed.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ","),
    ]
    .joined(separator: "\n")
  }

  /// The links in `tree`, by the UTF-8 range of the token they cover.
  func links(in tree: SourceFileSyntax) -> [Range<Int>: Link] {
    let visitor = Visitor(linker: self)
    visitor.walk(tree)
    return visitor.links
  }

  /// The names `code` declares and the modules it imports.
  static func declarations(in code: String) -> (
    declared: Set<String>, imported: Set<String>, typed: [String: String]
  ) {
    let visitor = DeclarationVisitor(viewMode: .sourceAccurate)
    visitor.walk(Parser.parse(source: code))
    let once = visitor.typed.filter { visitor.counts[$0.key] == 1 }
    return (Set(visitor.counts.keys), visitor.imported, once)
  }

  /// The documented type of a value the chapter declared with its type written out.
  fileprivate func typeOfValue(_ name: String) -> APISymbol? {
    typed[name].flatMap { type($0) }
  }

  // MARK: - Candidates

  fileprivate func type(_ name: String) -> APISymbol? {
    guard !declared.contains(name) else { return nil }
    let types = imported.sorted().flatMap { reference.symbols($0, at: [name]) }.filter(\.isType)
    return types.count == 1 ? types[0] : nil
  }

  fileprivate func freeFunction(_ name: String, labels: [String]) -> Link? {
    guard !declared.contains(name) else { return nil }
    let matches = imported.sorted().flatMap { reference.children($0, of: []) }.filter {
      $0.kind == "func" && $0.baseName == name && Self.fits(labels, $0)
    }
    return link(matches)
  }

  /// The link for the symbols a name may mean: the one symbol, or the overloads of one path
  /// together (the types of the arguments would tell them apart, and they are not known here).
  fileprivate func link(_ matches: [APISymbol]) -> Link? {
    if matches.count == 1 { return link(matches[0]) }
    guard let group = reference.overloadGroup(matches) else { return nil }
    let summaries = matches.map { reference.summary(of: $0.id) }.filter { !$0.isEmpty }
    return Link(
      href: group.href(from: root),
      summary: "\(matches.count) overloads of \(matches[0].title): " + summaries.joined(separator: " | "))
  }

  fileprivate func member(of type: APISymbol, _ name: String, labels: [String]?, kinds: Set<String>)
    -> Link?
  {
    let matches = reference.children(type.module, of: [type.title]).filter { symbol in
      guard kinds.contains(symbol.kind), symbol.baseName == name
      else { return false }
      guard let labels else { return symbol.argumentLabels == nil }
      return Self.fits(labels, symbol)
    }
    return link(matches)
  }

  /// Whether a call's argument labels fit a function's parameters (a defaulted one may be left out).
  static func fits(_ labels: [String], _ symbol: APISymbol) -> Bool {
    guard let parameters = symbol.argumentLabels else { return false }
    let defaults = symbol.parameterDefaults
    var i = 0
    var j = 0
    while i < parameters.count {
      if j < labels.count && parameters[i] == labels[j] {
        j += 1
      } else if !(i < defaults.count && defaults[i]) {
        return false
      }
      i += 1
    }
    return j == labels.count
  }

  fileprivate func link(_ symbol: APISymbol) -> Link? {
    guard let address = reference.address(of: symbol.id) else { return nil }
    return Link(href: address.href(from: root), summary: reference.summary(of: symbol.id))
  }

  // MARK: - Visitors

  private final class Visitor: SyntaxVisitor {
    let linker: CodeLinker
    var links: [Range<Int>: Link] = [:]

    init(linker: CodeLinker) {
      self.linker = linker
      super.init(viewMode: .sourceAccurate)
    }

    func add(_ token: TokenSyntax, _ link: Link?) {
      guard let link else { return }
      let start = token.positionAfterSkippingLeadingTrivia.utf8Offset
      let range = start..<(start + token.trimmedLength.utf8Length)
      if links[range] == nil { links[range] = link }
    }

    static func labels(_ arguments: LabeledExprListSyntax) -> [String] {
      arguments.map { $0.label?.text ?? "_" }
    }

    override func visit(_ node: ImportDeclSyntax) -> SyntaxVisitorContinueKind {
      if let first = node.path.first, linker.reference.modules.contains(first.name.text) {
        let module = first.name.text
        add(first.name, Link(href: linker.root + "api/\(module).html", summary: "The \(module) module"))
      }
      return .skipChildren
    }

    override func visit(_ node: FunctionCallExprSyntax) -> SyntaxVisitorContinueKind {
      // A trailing closure's label is not written: which parameter it fills is not certain.
      guard node.trailingClosure == nil, node.additionalTrailingClosures.isEmpty else {
        return .visitChildren
      }
      let labels = Self.labels(node.arguments)
      if let callee = node.calledExpression.as(DeclReferenceExprSyntax.self), callee.argumentNames == nil {
        let name = callee.baseName.text
        if let function = linker.freeFunction(name, labels: labels) {
          add(callee.baseName, function)
        } else if let type = linker.type(name),
          let initializer = linker.member(of: type, "init", labels: labels, kinds: ["init"])
        {
          add(callee.baseName, initializer)
        }
      } else if let access = node.calledExpression.as(MemberAccessExprSyntax.self),
        let base = access.base?.as(DeclReferenceExprSyntax.self),
        let value = linker.typeOfValue(base.baseName.text)
      {
        if let member = linker.member(
          of: value, access.declName.baseName.text, labels: labels, kinds: ["method"])
        {
          add(access.declName.baseName, member)
        }
      } else if let access = node.calledExpression.as(MemberAccessExprSyntax.self),
        let base = access.base?.as(DeclReferenceExprSyntax.self), let type = linker.type(base.baseName.text)
      {
        let name = access.declName.baseName.text
        let kinds: Set<String> = name == "init" ? ["init"] : ["type.method", "enum.case"]
        if let member = linker.member(of: type, name, labels: labels, kinds: kinds) {
          add(access.declName.baseName, member)
        }
      }
      return .visitChildren
    }

    override func visit(_ node: MemberAccessExprSyntax) -> SyntaxVisitorContinueKind {
      if let base = node.base?.as(DeclReferenceExprSyntax.self),
        let value = linker.typeOfValue(base.baseName.text),
        node.parent?.as(FunctionCallExprSyntax.self)?.calledExpression.id != Syntax(node).id,
        let member = linker.member(of: value, node.declName.baseName.text, labels: nil, kinds: ["property"])
      {
        add(node.declName.baseName, member)
      }
      if let base = node.base?.as(DeclReferenceExprSyntax.self), let type = linker.type(base.baseName.text),
        node.parent?.as(FunctionCallExprSyntax.self)?.calledExpression.id != Syntax(node).id,
        let member = linker.member(
          of: type, node.declName.baseName.text, labels: nil, kinds: ["type.property", "enum.case"])
      {
        add(node.declName.baseName, member)
      }
      return .visitChildren
    }

    override func visit(_ node: DeclReferenceExprSyntax) -> SyntaxVisitorContinueKind {
      if let type = linker.type(node.baseName.text) { add(node.baseName, linker.link(type)) }
      return .visitChildren
    }

    override func visit(_ node: IdentifierTypeSyntax) -> SyntaxVisitorContinueKind {
      if let type = linker.type(node.name.text) { add(node.name, linker.link(type)) }
      return .visitChildren
    }
  }

  private final class DeclarationVisitor: SyntaxVisitor {
    /// How often each name is declared.
    var counts: [String: Int] = [:]
    var imported: Set<String> = []
    /// The type written for a declared name (its last declaration's).
    var typed: [String: String] = [:]

    func declare(_ name: String, type: TypeSyntax? = nil, value: ExprSyntax? = nil) {
      counts[name, default: 0] += 1
      if let type = type?.as(IdentifierTypeSyntax.self), type.genericArgumentClause == nil {
        typed[name] = type.name.text
      } else if type == nil, let call = value?.as(FunctionCallExprSyntax.self),
        let callee = call.calledExpression.as(DeclReferenceExprSyntax.self),
        callee.baseName.text.first?.isUppercase == true
      {
        typed[name] = callee.baseName.text
      }
    }

    override func visit(_ node: ImportDeclSyntax) -> SyntaxVisitorContinueKind {
      if let first = node.path.first { imported.insert(first.name.text) }
      return .skipChildren
    }
    override func visit(_ node: FunctionDeclSyntax) -> SyntaxVisitorContinueKind {
      declare(node.name.text)
      return .visitChildren
    }
    override func visit(_ node: StructDeclSyntax) -> SyntaxVisitorContinueKind {
      declare(node.name.text)
      return .visitChildren
    }
    override func visit(_ node: ClassDeclSyntax) -> SyntaxVisitorContinueKind {
      declare(node.name.text)
      return .visitChildren
    }
    override func visit(_ node: EnumDeclSyntax) -> SyntaxVisitorContinueKind {
      declare(node.name.text)
      return .visitChildren
    }
    override func visit(_ node: ProtocolDeclSyntax) -> SyntaxVisitorContinueKind {
      declare(node.name.text)
      return .visitChildren
    }
    override func visit(_ node: TypeAliasDeclSyntax) -> SyntaxVisitorContinueKind {
      declare(node.name.text)
      return .visitChildren
    }
    override func visit(_ node: PatternBindingSyntax) -> SyntaxVisitorContinueKind {
      if let pattern = node.pattern.as(IdentifierPatternSyntax.self) {
        declare(pattern.identifier.text, type: node.typeAnnotation?.type, value: node.initializer?.value)
        return visitRest(node)
      }
      return .visitChildren
    }
    /// The rest of a binding after its name (closures in its value declare names too).
    private func visitRest(_ node: PatternBindingSyntax) -> SyntaxVisitorContinueKind {
      if let value = node.initializer?.value { walk(value) }
      if let accessors = node.accessorBlock { walk(accessors) }
      return .skipChildren
    }
    override func visit(_ node: IdentifierPatternSyntax) -> SyntaxVisitorContinueKind {
      declare(node.identifier.text)
      return .visitChildren
    }
    override func visit(_ node: FunctionParameterSyntax) -> SyntaxVisitorContinueKind {
      declare((node.secondName ?? node.firstName).text, type: node.type)
      return .visitChildren
    }
    override func visit(_ node: ClosureShorthandParameterSyntax) -> SyntaxVisitorContinueKind {
      declare(node.name.text)
      return .visitChildren
    }
    override func visit(_ node: ClosureParameterSyntax) -> SyntaxVisitorContinueKind {
      declare((node.secondName ?? node.firstName).text, type: node.type)
      return .visitChildren
    }
  }
}
