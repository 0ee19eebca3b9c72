// The protocol a type adopts to show itself richly in a cell's output.

/// A value that knows how to show itself in a notebook cell's output.
///
/// `display(_:)` and a cell's last expression use `displayValue` instead of the plain
/// description: plots become SVG, tables HTML. Adopt it for your own types to give them a
/// rich form on the page.
public protocol Displayable {
  /// The rich form of this value.
  var displayValue: DisplayValue { get }
}
