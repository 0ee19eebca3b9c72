// Reductions along rows and columns, and elementwise functions of matrices.

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Matrix {
  /// `Bᵢⱼ = f(aᵢⱼ)`.
  public func map(_ transform: (Double) throws -> Double) rethrows -> Matrix {
    Matrix(rowCount: rowCount, columnCount: columnCount, elements: try elements.map(transform))
  }

  /// All entries in row-major order, as one vector of `m·n` components.
  public var flattened: Vector { Vector(elements) }

  /// The `rowCount × columnCount` matrix whose entries, row after row, are `v`.
  public init(reshaping v: Vector, rowCount: Int, columnCount: Int) {
    self.init(rowCount: rowCount, columnCount: columnCount, elements: v.elements)
  }

  /// `Σᵢⱼ aᵢⱼ`.
  public func sum() -> Double { flattened.sum() }

  /// `(1/mn) Σᵢⱼ aᵢⱼ`; needs at least one entry.
  public func mean() -> Double {
    require(!elements.isEmpty, "Matrix.mean", "the matrix is empty; a mean needs at least one entry")
    return sum() / Double(elements.count)
  }

  /// The largest entry; needs at least one entry.
  public func max() -> Double {
    require(!elements.isEmpty, "Matrix.max", "the matrix is empty; a maximum needs at least one entry")
    return flattened.max()
  }

  /// The smallest entry; needs at least one entry.
  public func min() -> Double {
    require(!elements.isEmpty, "Matrix.min", "the matrix is empty; a minimum needs at least one entry")
    return flattened.min()
  }

  /// The sum of each row, `sᵢ = Σⱼ aᵢⱼ` (one component per row).
  public func rowSums() -> Vector { self * Vector.ones(columnCount) }

  /// The sum of each column, `sⱼ = Σᵢ aᵢⱼ` (one component per column).
  public func columnSums() -> Vector { transposedTimes(Vector.ones(rowCount)) }

  /// The mean of each column, `x̄ⱼ = (1/m) Σᵢ aᵢⱼ` (the average example); needs at least one row.
  public func columnMeans() -> Vector {
    require(rowCount > 0, "Matrix.columnMeans", "the matrix has no rows")
    return columnSums() / Double(rowCount)
  }

  /// For each row, the index of its largest entry (the predicted class from a row of scores).
  public func argmaxPerRow() -> [Int] {
    require(columnCount > 0, "Matrix.argmaxPerRow", "the matrix has no columns")
    return rows.map { $0.argmax() }
  }

  /// The matrix with `f` applied to each row (for example `softmax` to turn logits into probabilities).
  public func mapRows(_ transform: (Vector) throws -> Vector) rethrows -> Matrix {
    Matrix(rows: try rows.map(transform))
  }
}

/// `|aᵢⱼ|` elementwise.
public func abs(_ a: Matrix) -> Matrix { a.transform { Swift.abs($0) } }

/// `e^{aᵢⱼ}` elementwise.
public func exp(_ a: Matrix) -> Matrix { a.transform { exp($0) } }

/// `ln aᵢⱼ` elementwise.
public func log(_ a: Matrix) -> Matrix { a.transform { log($0) } }

/// `sign(aᵢⱼ)` elementwise, with sign(0) = 0.
public func sign(_ a: Matrix) -> Matrix { a.transform { sign($0) } }
