// A rich value on its way from a cell to the page: what kind it is, its payload, its text twin.
import FolioProtocol

/// A value a cell shows: plain text, an SVG drawing or an HTML fragment, with a text alternative.
///
/// It is what travels through the control channel (`kind`, `data`, `summary` of a record), and
/// what a reader sees printed (`summary`, or the text itself) when running the cell by hand.
public struct DisplayValue: Sendable, Hashable {
  /// How the page renders the payload (the wire's own kinds).
  public typealias Kind = DisplayKind

  /// How the page renders `data`.
  public var kind: Kind
  /// The text, SVG or HTML.
  public var data: String
  /// A text alternative: the plot's description, the value's plain-text form.
  public var summary: String

  /// Creates a value from its parts.
  public init(kind: Kind, data: String, summary: String) {
    self.kind = kind
    self.data = data
    self.summary = summary
  }

  /// Plain text; its summary is the text itself.
  public static func text(_ text: String) -> DisplayValue {
    DisplayValue(kind: .text, data: text, summary: text)
  }

  /// An SVG document with its text alternative.
  public static func svg(_ svg: String, summary: String) -> DisplayValue {
    DisplayValue(kind: .svg, data: svg, summary: summary)
  }

  /// An HTML fragment with its text alternative.
  public static func html(_ html: String, summary: String) -> DisplayValue {
    DisplayValue(kind: .html, data: html, summary: summary)
  }

  /// What a reader running the cell by hand sees printed instead of the rich form.
  public var fallbackText: String {
    kind == .text ? data : summary
  }
}
