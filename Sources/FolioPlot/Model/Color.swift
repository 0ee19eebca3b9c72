// Colours for plots: a colour-blind-safe palette that reads on light and dark pages.

/// A colour a series is drawn in.
///
/// The palette is Okabe–Ito without its black, ordered so the first colours are mid-tone and
/// read on both a light and a dark page; text and axes use `foreground` (`currentColor`), so
/// the page's colour scheme applies to them.
public struct Color: Sendable, Hashable {
  /// The SVG paint value: `#rrggbb` or `currentColor`.
  public var svgValue: String

  /// A colour from an SVG paint value such as `#0072B2`.
  public init(_ svgValue: String) {
    self.svgValue = svgValue
  }

  /// Okabe–Ito orange.
  public static let orange = Color("#E69F00")
  /// Okabe–Ito sky blue.
  public static let skyBlue = Color("#56B4E9")
  /// Okabe–Ito bluish green.
  public static let green = Color("#009E73")
  /// Okabe–Ito vermillion.
  public static let vermillion = Color("#D55E00")
  /// Okabe–Ito reddish purple.
  public static let purple = Color("#CC79A7")
  /// Okabe–Ito blue (darker: weaker on dark pages, so late in the cycle).
  public static let blue = Color("#0072B2")
  /// Okabe–Ito yellow (pale: weak on light pages, so last in the cycle).
  public static let yellow = Color("#F0E442")
  /// The page's text colour: for reference lines and boundaries.
  public static let foreground = Color("currentColor")

  /// The cycle series and classes take their colours from, in order.
  public static let palette: [Color] = [.orange, .skyBlue, .green, .vermillion, .purple, .blue, .yellow]

  /// The palette colour for series or class number `index` (cycling).
  public static func palette(_ index: Int) -> Color {
    palette[((index % palette.count) + palette.count) % palette.count]
  }
}
