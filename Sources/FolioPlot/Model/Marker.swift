// Marker shapes for scatter plots: a second cue beside colour, for colour-blind readers and print.

/// The shape a scatter point is drawn with.
public enum Marker: Sendable, Hashable, CaseIterable {
  /// A filled circle.
  case circle
  /// A filled square.
  case square
  /// A filled triangle pointing up.
  case triangle
  /// A filled diamond.
  case diamond
  /// A filled triangle pointing down.
  case triangleDown

  /// The shape for class or series number `index` (cycling).
  public static func cycle(_ index: Int) -> Marker {
    allCases[((index % allCases.count) + allCases.count) % allCases.count]
  }
}
