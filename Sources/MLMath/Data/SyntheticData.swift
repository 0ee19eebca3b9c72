// Seeded synthetic data sets for the chapters: sparse linear regression and Gaussian class blobs.

/// A regression data set `y = Xw* + b* + noise`, with the true parameters kept for comparison.
public struct RegressionData: Sendable, Equatable {
  /// The features, one row per example.
  public var X: Matrix
  /// The targets.
  public var y: Vector
  /// The weights `w*` that generated y (zero for the irrelevant features).
  public var trueWeights: Vector
  /// The intercept `b*` that generated y.
  public var trueIntercept: Double
}

/// A classification data set: features and integer labels in `0..<classes`.
public struct ClassificationData: Sendable, Equatable {
  /// The features, one row per example.
  public var X: Matrix
  /// The labels, one per row of X.
  public var y: [Int]
  /// The number of classes.
  public var classes: Int
}

/// Reproducible data sets drawn from `SeededGenerator`, the same numbers on every machine.
public enum SyntheticData {
  /// `X` with independent `N(0, 1)` entries and `y = Xw* + b* + ε`, `ε ~ N(0, noise²)`; only the first
  /// `informative` weights of `w*` are non-zero (drawn uniformly from ±[1, 3]), the rest of the
  /// features are irrelevant — the case where the lasso zeroes weights and ridge does not.
  @export(interface)
  public static func regression(
    samples: Int = 100, features: Int = 10, informative: Int = 3, noise: Double = 0.5,
    intercept: Double = 0, seed: UInt64 = 0
  ) -> RegressionData {
    require(samples > 0 && features > 0, "SyntheticData.regression", "samples and features must be > 0")
    require(
      informative >= 0 && informative <= features, "SyntheticData.regression",
      "informative must be in 0...\(features), got \(informative)")
    require(noise >= 0, "SyntheticData.regression", "noise must be >= 0, got \(noise)")
    var rng = SeededGenerator(seed: seed)
    let w = Vector(count: features) { j in
      guard j < informative else { return 0 }
      let magnitude = rng.nextUniform(in: 1, 3)
      return rng.nextUniform() < 0.5 ? -magnitude : magnitude
    }
    let X = Matrix(reshaping: rng.normalVector(samples * features), rowCount: samples, columnCount: features)
    let y = X * w + intercept + rng.normalVector(samples, standardDeviation: noise)
    return RegressionData(X: X, y: y, trueWeights: w, trueIntercept: intercept)
  }

  /// `samplesPerClass` points around each centre, each coordinate `N(centre, spread²)`; class k is the
  /// k-th centre. Rows come in a seeded random order.
  @export(interface)
  public static func blobs(
    samplesPerClass: Int, centers: [Vector], spread: Double = 1, seed: UInt64 = 0
  ) -> ClassificationData {
    require(!centers.isEmpty, "SyntheticData.blobs", "at least one centre is needed")
    require(samplesPerClass > 0, "SyntheticData.blobs", "samplesPerClass must be > 0, got \(samplesPerClass)")
    require(spread >= 0, "SyntheticData.blobs", "spread must be >= 0, got \(spread)")
    let d = centers[0].count
    for c in centers {
      require(c.count == d, "SyntheticData.blobs", "centres have \(d) and \(c.count) coordinates")
    }
    var rng = SeededGenerator(seed: seed)
    var rows: [Vector] = []
    var labels: [Int] = []
    for (k, c) in centers.enumerated() {
      for _ in 0..<samplesPerClass {
        rows.append(c + rng.normalVector(d, standardDeviation: spread))
        labels.append(k)
      }
    }
    let order = rng.permutation(rows.count)
    return ClassificationData(
      X: Matrix(rows: order.map { rows[$0] }), y: order.map { labels[$0] }, classes: centers.count)
  }

  /// Two overlapping 2-D classes around (−1, −1) and (1, 1) with spread 1 (not separable, so an
  /// unpenalised logistic regression still has a finite optimum).
  @export(interface)
  public static func twoBlobs(samplesPerClass: Int = 50, seed: UInt64 = 0) -> ClassificationData {
    blobs(samplesPerClass: samplesPerClass, centers: [[-1, -1], [1, 1]], spread: 1, seed: seed)
  }

  /// Three overlapping 2-D classes around (0, 2), (−2, −1) and (2, −1) with spread 1.
  @export(interface)
  public static func threeBlobs(samplesPerClass: Int = 50, seed: UInt64 = 0) -> ClassificationData {
    blobs(samplesPerClass: samplesPerClass, centers: [[0, 2], [-2, -1], [2, -1]], spread: 1, seed: seed)
  }

  /// `samples` points in `features` dimensions split evenly over `classes` blobs whose centres are
  /// drawn from `N(0, separation²)` per coordinate, spread 1 (the benchmark's 10⁴ × 20 data).
  @export(interface)
  public static func blobs(
    samples: Int, features: Int, classes: Int, separation: Double = 1, seed: UInt64 = 0
  ) -> ClassificationData {
    require(classes >= 1 && samples >= classes, "SyntheticData.blobs", "need samples >= classes >= 1")
    var rng = SeededGenerator(seed: seed ^ 0x5EED)
    let centres = (0..<classes).map { _ in rng.normalVector(features, standardDeviation: separation) }
    var data = blobs(samplesPerClass: (samples + classes - 1) / classes, centers: centres, seed: seed)
    if data.y.count > samples {
      data = ClassificationData(
        X: data.X.rows(Array(0..<samples)), y: Array(data.y[0..<samples]), classes: classes)
    }
    return data
  }
}
