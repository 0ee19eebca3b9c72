// Mapping data coordinates to SVG pixels along one axis.

/// Maps a data interval onto a pixel interval (which may run backwards, as SVG's y does).
struct LinearScale: Equatable {
  /// The data interval.
  let domain: ClosedRange<Double>
  /// Pixel position of `domain.lowerBound`.
  let start: Double
  /// Pixel position of `domain.upperBound`.
  let end: Double

  /// The pixel position of `value`.
  func callAsFunction(_ value: Double) -> Double {
    let span = domain.upperBound - domain.lowerBound
    guard span > 0 else { return (start + end) / 2 }
    return start + (value - domain.lowerBound) / span * (end - start)
  }

  /// Data units per pixel.
  var unitsPerPixel: Double {
    (domain.upperBound - domain.lowerBound) / abs(end - start)
  }
}
