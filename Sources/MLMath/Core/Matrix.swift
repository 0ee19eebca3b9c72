// A dense matrix of Doubles stored row by row: data sets, weight matrices, probability tables.

/// A `rowCount × columnCount` matrix `A = (aᵢⱼ)` of `Double`s, stored row-major, with value semantics.
///
/// Write one as an array literal of rows (`let A: Matrix = [[1, 2], [3, 4]]`) or from rows
/// (`Matrix(rows)`). In a data set each row is one example and each column one feature.
/// `A * B` is the matrix product and `A * x` the matrix–vector product; `+` and `−` act elementwise.
public struct Matrix: Sendable, Equatable, Hashable {
  /// The number of rows, `m`.
  public let rowCount: Int
  /// The number of columns, `n`.
  public let columnCount: Int
  /// The entries row after row: `aᵢⱼ` is `elements[i * columnCount + j]`.
  public private(set) var elements: [Double]

  /// A matrix from its rows; every row must have the same length.
  public init(_ rows: [[Double]]) {
    let columns = rows.first?.count ?? 0
    for (i, row) in rows.enumerated() {
      require(
        row.count == columns, "Matrix(_:)",
        "row \(i) has \(row.count) entries but row 0 has \(columns); rows must all have the same length")
    }
    self.rowCount = rows.count
    self.columnCount = columns
    self.elements = rows.flatMap { $0 }
  }

  /// A matrix whose rows are the given vectors (one example per row).
  public init(rows: [Vector]) {
    self.init(rows.map { $0.elements })
  }

  /// A matrix whose columns are the given vectors (one feature per column).
  public init(columns: [Vector]) {
    self = Matrix(rows: columns).transposed
  }

  /// A `rowCount × columnCount` matrix from its entries listed row after row.
  public init(rowCount: Int, columnCount: Int, elements: [Double]) {
    require(
      rowCount >= 0 && columnCount >= 0, "Matrix(rowCount:columnCount:elements:)",
      "shape \(rowCount) × \(columnCount) has a negative size")
    require(
      elements.count == rowCount * columnCount, "Matrix(rowCount:columnCount:elements:)",
      "a \(rowCount) × \(columnCount) matrix needs \(rowCount * columnCount) entries, got \(elements.count)")
    self.rowCount = rowCount
    self.columnCount = columnCount
    self.elements = elements
  }

  /// A `rowCount × columnCount` matrix with every entry equal to `value`.
  public init(rowCount: Int, columnCount: Int, repeating value: Double) {
    require(
      rowCount >= 0 && columnCount >= 0, "Matrix(rowCount:columnCount:repeating:)",
      "shape \(rowCount) × \(columnCount) has a negative size")
    self.init(
      rowCount: rowCount, columnCount: columnCount,
      elements: Array(repeating: value, count: rowCount * columnCount))
  }

  /// The matrix with `aᵢⱼ = entry(i, j)`.
  public init(rowCount: Int, columnCount: Int, _ entry: (Int, Int) throws -> Double) rethrows {
    require(
      rowCount >= 0 && columnCount >= 0, "Matrix(rowCount:columnCount:_:)",
      "shape \(rowCount) × \(columnCount) has a negative size")
    var values: [Double] = []
    values.reserveCapacity(rowCount * columnCount)
    for i in 0..<rowCount {
      for j in 0..<columnCount { values.append(try entry(i, j)) }
    }
    self.init(rowCount: rowCount, columnCount: columnCount, elements: values)
  }

  /// The `m × n` zero matrix.
  public static func zeros(_ rowCount: Int, _ columnCount: Int) -> Matrix {
    Matrix(rowCount: rowCount, columnCount: columnCount, repeating: 0)
  }

  /// The `m × n` matrix of ones.
  public static func ones(_ rowCount: Int, _ columnCount: Int) -> Matrix {
    Matrix(rowCount: rowCount, columnCount: columnCount, repeating: 1)
  }

  /// The `n × n` identity `I` (`aᵢᵢ = 1`, 0 elsewhere).
  public static func identity(_ n: Int) -> Matrix {
    Matrix(rowCount: n, columnCount: n) { i, j in i == j ? 1 : 0 }
  }

  /// The square matrix with `d` on its diagonal, `diag(d)`.
  public static func diagonal(_ d: Vector) -> Matrix {
    Matrix(rowCount: d.count, columnCount: d.count) { i, j in i == j ? d[i] : 0 }
  }

  /// `(rowCount, columnCount)`, as numpy's `shape`.
  public var shape: (rows: Int, columns: Int) { (rowCount, columnCount) }

  /// The entry `aᵢⱼ` in row `row`, column `column` (both from 0).
  public subscript(row: Int, column: Int) -> Double {
    get {
      checkIndex(row, column)
      return elements[row * columnCount + column]
    }
    set {
      checkIndex(row, column)
      elements[row * columnCount + column] = newValue
    }
  }

  private func checkIndex(_ row: Int, _ column: Int) {
    require(
      row >= 0 && row < rowCount && column >= 0 && column < columnCount, "Matrix[row, column]",
      "index (\(row), \(column)) is out of range for a \(rowCount) × \(columnCount) matrix")
  }

  /// Row `i` as a vector, `(aᵢ₀, …, aᵢ,ₙ₋₁)`.
  public func row(_ i: Int) -> Vector {
    require(
      i >= 0 && i < rowCount, "Matrix.row",
      "row \(i) is out of range for a \(rowCount) × \(columnCount) matrix")
    return Vector(elements[(i * columnCount)..<((i + 1) * columnCount)])
  }

  /// Column `j` as a vector, `(a₀ⱼ, …, aₘ₋₁,ⱼ)`.
  public func column(_ j: Int) -> Vector {
    require(
      j >= 0 && j < columnCount, "Matrix.column",
      "column \(j) is out of range for a \(rowCount) × \(columnCount) matrix")
    return Vector(count: rowCount) { i in elements[i * columnCount + j] }
  }

  /// All rows, in order.
  public var rows: [Vector] { (0..<rowCount).map(row) }

  /// All columns, in order.
  public var columns: [Vector] { (0..<columnCount).map(column) }

  /// The transpose `Aᵀ`, with `(Aᵀ)ᵢⱼ = aⱼᵢ`.
  public var transposed: Matrix {
    var out = [Double](repeating: 0, count: elements.count)
    let m = rowCount
    let n = columnCount
    elements.withUnsafeBufferPointer { a in
      out.withUnsafeMutableBufferPointer { t in
        for i in 0..<m {
          for j in 0..<n { t[j * m + i] = a[i * n + j] }
        }
      }
    }
    return Matrix(rowCount: n, columnCount: m, elements: out)
  }

  /// The rows at the given indices, in that order (a mini-batch, or a train/test split).
  public func rows(_ indices: [Int]) -> Matrix {
    Matrix(rows: indices.map(row))
  }

  /// The matrix with `vector` appended as a last column (for example a column of ones for a bias).
  public func appendingColumn(_ vector: Vector) -> Matrix {
    require(
      vector.count == rowCount, "Matrix.appendingColumn",
      "the column has \(vector.count) entries but the matrix has \(rowCount) rows")
    return Matrix(rowCount: rowCount, columnCount: columnCount + 1) { i, j in
      j < columnCount ? elements[i * columnCount + j] : vector[i]
    }
  }
}

extension Matrix: ExpressibleByArrayLiteral {
  /// A matrix from a literal of rows such as `[[1, 2], [3, 4]]`.
  public init(arrayLiteral rows: [Double]...) {
    self.init(rows)
  }
}

extension Matrix: CustomStringConvertible {
  /// The rows one per line, numpy style: `[[1.0, 2.0],\n [3.0, 4.0]]`.
  public var description: String {
    "[" + rows.map { $0.description }.joined(separator: ",\n ") + "]"
  }
}
