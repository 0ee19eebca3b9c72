// Writes the API reference pages: a page per documented module and per top-level type.
import Foundation

/// Renders the pages of an `APIReference` in the book's layout: each module's page (its types,
/// then its free functions grouped by the folder they are declared in) and each type's page (its
/// declaration and discussion, then its members by topic, as DocC orders them). Every symbol shows
/// its declaration (classified by the compiler, type names linked), its doc comment rendered like
/// a chapter (maths with KaTeX, code highlighted, symbol links resolved), and DocC's Parameters,
/// Returns and Throws sections.
struct APIPageWriter {
  /// The reference to render.
  let reference: APIReference
  /// Every formula of the build, rendered.
  let math: [MathKey: MathOutput]
  /// Highlights code blocks in doc comments.
  let highlighter: SwiftHighlighter
  /// The chapters, for `<doc:>` links.
  let chapters: [Chapter]

  /// The overload anchors written on the current page.
  private var groupAnchors: Set<String> = []

  /// Problems found while writing (a formula KaTeX rejects), at the doc comment's line.
  private(set) var diagnostics: [Diagnostic] = []

  init(
    reference: APIReference, math: [MathKey: MathOutput], highlighter: SwiftHighlighter, chapters: [Chapter]
  ) {
    self.reference = reference
    self.math = math
    self.highlighter = highlighter
    self.chapters = chapters
  }

  /// The `<article>` content of `page`.
  mutating func article(_ page: APIReference.Page) -> String {
    groupAnchors = []
    return page.type == nil ? modulePage(page) : typePage(page)
  }

  // MARK: - Pages

  private mutating func modulePage(_ page: APIReference.Page) -> String {
    var html = "<p class=\"api-eyebrow\">Module</p>\n<h1><code>\(HTML.escape(page.module))</code></h1>\n"
    let typePages = reference.pages.filter { $0.module == page.module && $0.type != nil }
    let declared = typePages.filter { declaredType($0) != nil }
    let extended = typePages.filter { declaredType($0) == nil }
    let groups = functionGroups(page.members)
    var toc: [(String, String)] = []
    if !declared.isEmpty { toc.append(("types", "Types")) }
    for group in groups { toc.append((group.anchor, group.title)) }
    if !extended.isEmpty { toc.append(("extended-types", "Extended Types")) }
    html += tableOfContents(toc)
    if !declared.isEmpty {
      html += heading(2, "types", "Types") + typeList(declared)
    }
    for group in groups {
      html += heading(2, group.anchor, group.title)
      for id in group.members { html += symbolSection(id, page: page) }
    }
    if !extended.isEmpty {
      html += heading(2, "extended-types", "Extended Types") + typeList(extended)
    }
    return html
  }

  private mutating func typePage(_ page: APIReference.Page) -> String {
    var html = ""
    if let type = declaredType(page) {
      html += "<p class=\"api-eyebrow\">\(HTML.escape(type.kindName))</p>\n"
      html += "<h1><code>\(HTML.escape(type.title))</code></h1>\n"
      html += declarationHTML(type)
      html += documentation(type)
    } else {
      html += "<p class=\"api-eyebrow\">Extended Type</p>\n<h1><code>\(HTML.escape(page.title))</code></h1>\n"
      html +=
        "<p>Members <code>\(HTML.escape(page.module))</code> adds to <code>\(HTML.escape(page.title))</code>.</p>\n"
    }
    let members = page.members.compactMap { reference.symbol($0) }
    var sections: [(anchor: String, title: String, members: [APISymbol])] = []
    for member in members {
      let title = APIReference.topics[min(APIReference.rank(member.kind), APIReference.topics.count - 1)]
        .title
      if sections.last?.title == title {
        sections[sections.count - 1].members.append(member)
      } else {
        sections.append((HTML.identifier(title.lowercased()), title, [member]))
      }
    }
    html += tableOfContents(sections.map { ($0.anchor, $0.title) })
    for section in sections {
      html += heading(2, section.anchor, section.title)
      for member in section.members { html += symbolSection(member.id, page: page) }
    }
    return html
  }

  /// The symbol a type page is about, when the module declares it (not for a type it extends).
  private func declaredType(_ page: APIReference.Page) -> APISymbol? {
    reference.symbols(page.module, at: [page.title]).first { $0.isType }
  }

  private func typeList(_ pages: [APIReference.Page]) -> String {
    var html = "<ul class=\"api-summaries\">\n"
    for page in pages {
      let summary = declaredType(page).map { reference.summary(of: $0.id) } ?? ""
      html += "<li><a href=\"\(HTML.escape(local(page.path)))\"><code>\(HTML.escape(page.title))</code></a>"
      if !summary.isEmpty { html += "<p>\(HTML.escape(summary))</p>" }
      html += "</li>\n"
    }
    return html + "</ul>\n"
  }

  /// Free functions and variables, grouped by the folder of the module's sources they are
  /// declared in (MLMath's `Norms/`, `Likelihood/`, …), groups and members by name.
  private func functionGroups(_ ids: [String]) -> [(anchor: String, title: String, members: [String])] {
    var groups: [String: [String]] = [:]
    for id in ids {
      guard let symbol = reference.symbol(id) else { continue }
      var title = "Functions"
      if let file = symbol.location?.file {
        let parts = file.split(separator: "/").map(String.init)
        if let index = parts.firstIndex(of: symbol.module), index + 2 < parts.count {
          title = parts[index + 1]
        }
      }
      groups[title, default: []].append(id)
    }
    return groups.keys.sorted().map { title in
      let members = groups[title]!.sorted {
        (reference.symbol($0)?.title ?? "", $0) < (reference.symbol($1)?.title ?? "", $1)
      }
      return (HTML.identifier("group-" + title.lowercased()), title, members)
    }
  }

  // MARK: - One symbol

  private mutating func symbolSection(_ id: String, page: APIReference.Page) -> String {
    guard let symbol = reference.symbol(id), let address = reference.address(of: id) else { return "" }
    let anchor = HTML.escape(address.anchor ?? "")
    var html = ""
    // The overloads' shared anchor (`softmax(_:)`), where code that cannot tell them apart links.
    if reference.isOverloaded(symbol), let group = reference.overloadGroup([symbol, symbol]),
      let groupAnchor = group.anchor, !groupAnchors.contains(groupAnchor)
    {
      groupAnchors.insert(groupAnchor)
      html += "<div class=\"api-overloads\" id=\"\(HTML.escape(groupAnchor))\"></div>\n"
    }
    html += "<section class=\"api-symbol\" id=\"\(anchor)\" aria-labelledby=\"\(anchor)-title\">\n"
    html += "<h3 id=\"\(anchor)-title\"><code>\(HTML.escape(symbol.title))</code>"
    html +=
      " <a class=\"heading-anchor\" href=\"#\(HTML.escape(APIReference.Address.fragment(address.anchor ?? "")))\""
    html += " aria-label=\"Link to \(HTML.escape(symbol.title))\">#</a></h3>\n"
    html += "<p class=\"api-kind\">\(HTML.escape(symbol.kindName))</p>\n"
    html += declarationHTML(symbol)
    html += documentation(symbol)
    return html + "</section>\n"
  }

  /// The declaration as the compiler classified it, documented type names linked.
  func declarationHTML(_ symbol: APISymbol) -> String {
    var code = ""
    for fragment in symbol.declaration {
      let text = HTML.escape(fragment.spelling)
      switch fragment.kind {
      case "keyword": code += "<span class=\"hl-k\">\(text)</span>"
      case "attribute": code += "<span class=\"hl-a\">\(text)</span>"
      case "number": code += "<span class=\"hl-n\">\(text)</span>"
      case "string": code += "<span class=\"hl-s\">\(text)</span>"
      case "externalParam": code += "<span class=\"hl-l\">\(text)</span>"
      case "typeIdentifier":
        if let target = fragment.target, target != symbol.id, let address = reference.address(of: target) {
          let summary = reference.summary(of: target)
          code += "<a class=\"hl-t code-link\" href=\"\(HTML.escape(local(address.href(from: ""))))\""
          code += summary.isEmpty ? ">" : " data-summary=\"\(HTML.escape(summary))\">"
          code += "\(text)</a>"
        } else {
          code += "<span class=\"hl-t\">\(text)</span>"
        }
      case "identifier": code += "<span class=\"api-name\">\(text)</span>"
      default: code += text
      }
    }
    return "<pre class=\"code api-declaration\"><code class=\"language-swift\">\(code)</code></pre>\n"
  }

  /// The doc comment: summary and discussion, then Parameters, Returns and Throws, as DocC shows them.
  private mutating func documentation(_ symbol: APISymbol) -> String {
    guard let doc = reference.doc(symbol.id) else {
      return "<p class=\"api-undocumented\">No documentation.</p>\n"
    }
    var discussion: [MarkdownNode] = []
    var parameters: [(name: String, body: [MarkdownNode])] = []
    var returns: [MarkdownNode] = []
    var throwsText: [MarkdownNode] = []
    for node in doc.document.children {
      guard case .list(false, _, _) = node.kind else {
        discussion.append(node)
        continue
      }
      var kept: [MarkdownNode] = []
      for item in node.children {
        switch Self.field(item) {
        case .parameters(let items): parameters += items
        case .parameter(let name, let body): parameters.append((name, body))
        case .returns(let body): returns = body
        case .throws(let body): throwsText = body
        case nil: kept.append(item)
        }
      }
      if !kept.isEmpty {
        var list = node
        list.children = kept
        discussion.append(list)
      }
    }
    var html = "<div class=\"api-doc\">\n" + render(discussion, doc, symbol) + "</div>\n"
    if !parameters.isEmpty {
      html += "<h4>Parameters</h4>\n<dl class=\"api-parameters\">\n"
      for (name, body) in parameters {
        html += "<dt><code>\(HTML.escape(name))</code></dt>\n<dd>\(render(body, doc, symbol))</dd>\n"
      }
      html += "</dl>\n"
    }
    if !returns.isEmpty { html += "<h4>Return Value</h4>\n" + render(returns, doc, symbol) }
    if !throwsText.isEmpty { html += "<h4>Throws</h4>\n" + render(throwsText, doc, symbol) }
    return html
  }

  private mutating func render(_ nodes: [MarkdownNode], _ doc: Chapter, _ symbol: APISymbol) -> String {
    var part = doc
    part.document = MarkdownNode(.document, children: nodes)
    let writer = ChapterHTMLWriter(chapter: part, results: nil, math: math, highlighter: highlighter)
    writer.links = PageLinks(reference: reference, chapters: chapters, root: "../", scope: symbol.path)
    let html = writer.bodyHTML()
    diagnostics += writer.diagnostics
    return html
  }

  /// A DocC field of a doc comment's bullet list.
  private enum Field {
    case parameters([(name: String, body: [MarkdownNode])])
    case parameter(String, [MarkdownNode])
    case returns([MarkdownNode])
    case `throws`([MarkdownNode])
  }

  /// Reads `- Parameters:` (with a nested `- name: text` list), `- Parameter name: text`,
  /// `- Returns: text` and `- Throws: text`.
  private static func field(_ item: MarkdownNode) -> Field? {
    guard let first = item.children.first, case .paragraph = first.kind,
      let lead = first.children.first, case .text(let text) = lead.kind
    else { return nil }
    func body(after prefix: Int) -> [MarkdownNode] {
      var paragraph = first
      var rest = String(text.dropFirst(prefix))
      while rest.first == " " { rest.removeFirst() }
      paragraph.children[0].kind = .text(rest)
      if rest.isEmpty { paragraph.children.removeFirst() }
      return (paragraph.children.isEmpty ? [] : [paragraph]) + item.children.dropFirst()
    }
    let lower = text.lowercased()
    if lower.hasPrefix("parameters:") {
      var items: [(String, [MarkdownNode])] = []
      for list in item.children.dropFirst() {
        guard case .list = list.kind else { continue }
        for entry in list.children {
          guard let p = entry.children.first, case .paragraph = p.kind, let t = p.children.first,
            case .text(let s) = t.kind, let colon = s.firstIndex(of: ":")
          else { continue }
          let name = String(s[..<colon]).trimmingCharacters(in: .whitespaces)
          var paragraph = p
          let rest = String(s[s.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
          paragraph.children[0].kind = .text(rest)
          items.append((name, [paragraph] + entry.children.dropFirst()))
        }
      }
      return .parameters(items)
    }
    if lower.hasPrefix("parameter "), let colon = text.firstIndex(of: ":") {
      let name = text[text.index(text.startIndex, offsetBy: 10)..<colon].trimmingCharacters(in: .whitespaces)
      return .parameter(name, body(after: text.distance(from: text.startIndex, to: colon) + 1))
    }
    if lower.hasPrefix("returns:") { return .returns(body(after: 8)) }
    if lower.hasPrefix("throws:") { return .throws(body(after: 7)) }
    return nil
  }

  // MARK: - Helpers

  /// A site path as linked from an API page (they share the `api/` folder).
  private func local(_ path: String) -> String {
    path.hasPrefix("api/") ? String(path.dropFirst(4)) : "../" + path
  }

  private func heading(_ level: Int, _ anchor: String, _ title: String) -> String {
    "<h\(level) id=\"\(anchor)\">\(HTML.escape(title)) <a class=\"heading-anchor\" href=\"#\(anchor)\" "
      + "aria-label=\"Link to this section\">#</a></h\(level)>\n"
  }

  private func tableOfContents(_ entries: [(String, String)]) -> String {
    guard entries.count > 1 else { return "" }
    var html =
      "<nav class=\"toc\" aria-label=\"On this page\">\n<p class=\"toc-title\">On this page</p>\n<ul>\n"
    for (anchor, title) in entries {
      html += "<li class=\"toc-level-2\"><a href=\"#\(anchor)\">\(HTML.escape(title))</a></li>\n"
    }
    return html + "</ul>\n</nav>\n"
  }
}
