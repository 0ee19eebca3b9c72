// Builds the search documents shipped as `assets/search-index.js`, one per page section.
import Foundation

/// One searchable section: a heading of a page, with the prose and code identifiers under it.
struct SearchDocument: Sendable, Hashable, Encodable {
  /// The page, e.g. `02-softmax.html`.
  var p: String
  /// The section's anchor on that page.
  var a: String
  /// The section heading.
  var h: String
  /// The chapter title.
  var c: String
  /// The prose of the section, each formula shown as "…".
  var t: String
  /// Identifiers used in the section's code, space-separated, each once.
  var k: String
}

/// Splits chapters into sections and writes them as a script that assigns a global, so search
/// works from `file://`, where a page cannot fetch a JSON file. lunr builds its index from these
/// documents in the browser on the first search (a few milliseconds for a book), which keeps
/// the shipped file small and the build free of a node process.
struct SearchIndexBuilder: Sendable {
  /// Where the site ships the documents.
  static let path = "assets/search-index.js"

  /// The documents of one chapter.
  func documents(for chapter: Chapter, labels: [HeadingLabel] = []) -> [SearchDocument] {
    var collector = Collector(chapter: chapter, labels: labels)
    collector.walk(chapter.document)
    collector.finish()
    return collector.documents
  }

  /// One document per symbol of the API reference: its page and anchor, its name, its summary.
  func documents(for reference: APIReference) -> [SearchDocument] {
    reference.pages.flatMap { page -> [SearchDocument] in
      let type = reference.symbols(page.module, at: [page.title]).first { $0.isType }
      let head = SearchDocument(
        p: page.path, a: "content", h: page.title, c: "\(page.module) API",
        t: type.map { reference.summary(of: $0.id) } ?? "", k: page.title)
      return [head]
        + page.members.compactMap { id in
          guard let symbol = reference.symbol(id), let address = reference.address(of: id) else { return nil }
          return SearchDocument(
            p: address.page, a: address.anchor ?? "", h: symbol.path.joined(separator: "."),
            c: "\(page.module) API", t: reference.summary(of: id), k: symbol.baseName)
        }
    }
  }

  /// `documents` as the script lists them, without the list's brackets: the JSON of each,
  /// comma-separated (the empty string for none). A chapter's fragment can be kept and the
  /// script put together from fragments, byte for byte the same as from all the documents.
  func fragment(_ documents: [SearchDocument]) throws(FolioError) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let json: Data
    do {
      json = try encoder.encode(documents)
    } catch {
      throw FolioError(.internal, "cannot encode the search index", underlying: "\(error)")
    }
    // `[` … `]`: compact JSON, the elements joined by commas in between.
    return String(decoding: json.dropFirst().dropLast(), as: UTF8.self)
  }

  /// The script, `window.folioSearchDocuments = [...];`, listing the documents of `fragments`
  /// in order.
  func script(fragments: [String]) -> Data {
    var data = Data("window.folioSearchDocuments = [".utf8)
    data.append(Data(fragments.filter { !$0.isEmpty }.joined(separator: ",").utf8))
    data.append(Data("];\n".utf8))
    return data
  }

  /// The running state of a walk over one chapter.
  private struct Collector {
    let chapter: Chapter
    /// The headings' labels (same order as `chapter.headings`): their text is what results show.
    let labels: [HeadingLabel]
    var documents: [SearchDocument] = []
    var anchor: String
    var heading: String
    var text: [String] = []
    var identifiers: [String] = []
    var seenIdentifiers: Set<String> = []

    init(chapter: Chapter, labels: [HeadingLabel]) {
      self.chapter = chapter
      self.labels = labels
      anchor = ""
      heading = labels.first?.text ?? chapter.title
    }

    /// The chapter's title as results show it.
    var title: String { labels.first?.text ?? chapter.title }

    mutating func walk(_ node: MarkdownNode) {
      switch node.kind {
      case .heading(_, let index):
        finish()
        if chapter.headings.indices.contains(index) {
          anchor = chapter.headings[index].anchor
          heading = index < labels.count ? labels[index].text : chapter.headings[index].text
        } else {
          anchor = ""
          heading = Self.prose(node)
        }
      case .codeBlock(_, let code):
        add(identifiersIn: code)
      case .cell(let index):
        if chapter.cells.indices.contains(index) { add(identifiersIn: chapter.cells[index].code) }
      case .cellOutput:
        return
      case .paragraph, .table:
        let words = Self.prose(node)
        if !words.isEmpty { text.append(words) }
      case .htmlBlock:
        return
      default:
        for child in node.children { walk(child) }
      }
    }

    /// Adds a block of code's identifiers to the section's keywords, each once.
    mutating func add(identifiersIn code: String) {
      for identifier in Self.identifiers(in: code) where !seenIdentifiers.contains(identifier) {
        seenIdentifiers.insert(identifier)
        identifiers.append(identifier)
      }
    }

    mutating func finish() {
      let prose = text.joined(separator: " ")
      if !prose.isEmpty || !identifiers.isEmpty || !anchor.isEmpty {
        documents.append(
          SearchDocument(
            p: chapter.file.pageName, a: anchor, h: heading, c: title, t: prose,
            k: identifiers.joined(separator: " ")))
      }
      text = []
      identifiers = []
      seenIdentifiers = []
    }

    /// The words of a node: its text and code spans, without maths or markup.
    static func prose(_ node: MarkdownNode) -> String {
      var out = ""
      func visit(_ n: MarkdownNode) {
        switch n.kind {
        case .text(let s), .code(let s): out += s
        case .softBreak, .lineBreak: out += " "
        // A formula reads as "…" in a result snippet: its TeX is not words a reader types.
        case .math: out += "…"
        case .htmlInline, .footnoteReference: return
        case .tableCell:
          n.children.forEach(visit)
          out += " "
        default: n.children.forEach(visit)
        }
      }
      visit(node)
      return SearchIndexBuilder.collapsingWhiteSpace(out)
    }

    /// The identifiers of Swift code, without keywords or one-letter names.
    static func identifiers(in code: String) -> [String] {
      var result: [String] = []
      var current = String.UnicodeScalarView()
      var length = 0
      var inString = false
      var previous: Unicode.Scalar = " "
      for scalar in code.unicodeScalars + ["\n"] {
        if scalar == "\"" && previous != "\\" { inString.toggle() }
        previous = scalar
        if !inString
          && (isLetter(scalar) || scalar == "_" || (length > 0 && scalar.properties.numericType != nil))
        {
          current.append(scalar)
          length += 1
        } else {
          if length > 1 {
            let name = String(current)
            if !swiftKeywords.contains(name) { result.append(name) }
          }
          current = String.UnicodeScalarView()
          length = 0
        }
      }
      return result
    }

    /// Whether `scalar` is a letter (a general category L*), as `Character.isLetter` says.
    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
      if scalar.isASCII {
        return (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z")
      }
      switch scalar.properties.generalCategory {
      case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
      default: return false
      }
    }

    static let swiftKeywords: Set<String> = [
      "let", "var", "func", "return", "if", "else", "for", "in", "while", "guard", "import", "struct",
      "class", "enum", "case", "switch", "default", "true", "false", "nil", "self", "Self", "init",
      "extension", "protocol", "static", "private", "public", "internal", "fileprivate", "try", "throw",
      "throws", "do", "catch", "where", "as", "is", "break", "continue", "repeat", "inout", "some", "any",
      "mutating", "typealias", "associatedtype", "defer", "fallthrough", "super", "final", "override",
      "print", "rethrows", "async", "await", "lazy", "weak", "unowned", "open", "subscript", "operator",
    ]
  }
}

extension SearchIndexBuilder {
  /// `text` with every run of white space (Unicode's White_Space) one space, none at either
  /// end. Works on UTF-8: ASCII white space is decided by its byte, and only a non-ASCII
  /// scalar is looked up in Unicode's properties (most of the cost, scalar by scalar).
  static func collapsingWhiteSpace(_ text: String) -> String {
    var text = text
    return text.withUTF8 { bytes -> String in
      var out: [UInt8] = []
      out.reserveCapacity(bytes.count)
      var pendingSpace = false
      var i = 0
      while i < bytes.count {
        let lead = bytes[i]
        var length = 1
        let white: Bool
        if lead < 0x80 {
          white = lead == 0x20 || (0x09...0x0D).contains(lead)
        } else {
          length = min(lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2, bytes.count - i)
          let scalar = String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<(i + length)]), as: UTF8.self)
            .unicodeScalars.first
          white = scalar?.properties.isWhitespace ?? false
        }
        if white {
          pendingSpace = !out.isEmpty
        } else {
          if pendingSpace { out.append(0x20) }
          pendingSpace = false
          out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<(i + length)]))
        }
        i += length
      }
      return String(decoding: out, as: UTF8.self)
    }
  }
}
