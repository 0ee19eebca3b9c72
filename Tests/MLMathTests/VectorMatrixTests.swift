// Vector and Matrix: construction, arithmetic, products and shape errors (exact arithmetic references).

import MLMath
import Testing

@Suite struct VectorMatrixTests {
  @Test func vectorIsACollectionWithElementwiseArithmetic() {
    let x: Vector = [1, 2, 3]
    let y = Vector([4, 5, 6])
    #expect(x.count == 3 && x[2] == 3)
    #expect(Array(x) == [1, 2, 3])
    #expect(x + y == [5, 7, 9])
    #expect(y - x == [3, 3, 3])
    #expect(x * y == [4, 10, 18])
    #expect(y / x == [4, 2.5, 2])
    #expect(x * 2 == [2, 4, 6] && 2 * x == [2, 4, 6])
    #expect(x + 1 == [2, 3, 4] && 1 - x == [0, -1, -2] && x / 2 == [0.5, 1, 1.5])
    #expect(-x == [-1, -2, -3])
    // 1·4 + 2·5 + 3·6 = 32, exact.
    #expect(x.dot(y) == 32)
    #expect(x.description == "[1.0, 2.0, 3.0]")
    var z = x
    z += y
    z[0] = 10
    #expect(z == [10, 7, 9])
  }

  @Test func vectorHelpers() {
    let x: Vector = [3, -1, 4, -1, 5]
    #expect(x.sum() == 10 && x.mean() == 2)
    #expect(x.max() == 5 && x.argmax() == 4 && x.min() == -1 && x.argmin() == 1)
    #expect(abs(x) == [3, 1, 4, 1, 5])
    #expect(sign([-2, 0, 3]) == [-1, 0, 1])
    #expect(x.map { $0 * $0 } == [9, 1, 16, 1, 25])
    #expect(Vector.ones(2) == [1, 1] && Vector.zeros(2) == [0, 0])
    #expect(Vector.oneHot(1, count: 3) == [0, 1, 0])
    #expect(Vector.linspace(0, 1, count: 5) == [0, 0.25, 0.5, 0.75, 1])
    // Population variance of [3,-1,4,-1,5] = (1+9+4+9+9)/5 = 6.4.
    #expect(abs(x.variance() - 6.4) < 1e-15)
    #expect(exp([0]) == [1] && log([1]) == [0])
    // A sum of 1e6 ones is exact with any number of accumulators.
    #expect(Vector.ones(1_000_001).sum() == 1_000_001)
  }

  @Test func matrixConstructionAndAccess() {
    let a: Matrix = [[1, 2, 3], [4, 5, 6]]
    #expect(a.rowCount == 2 && a.columnCount == 3)
    #expect(a[1, 2] == 6)
    #expect(a.row(1) == [4, 5, 6] && a.column(0) == [1, 4])
    #expect(a.transposed == Matrix([[1, 4], [2, 5], [3, 6]]))
    #expect(Matrix.identity(2) == [[1, 0], [0, 1]])
    #expect(a.description == "[[1.0, 2.0, 3.0],\n [4.0, 5.0, 6.0]]")
    #expect(a.rowSums() == [6, 15] && a.columnSums() == [5, 7, 9] && a.columnMeans() == [2.5, 3.5, 4.5])
    #expect(a + 1 == [[2, 3, 4], [5, 6, 7]] && a - a == Matrix.zeros(2, 3))
    #expect(a + Vector([10, 20, 30]) == [[11, 22, 33], [14, 25, 36]])
    #expect(a.argmaxPerRow() == [2, 2])
  }

  @Test func matrixProducts() {
    let a: Matrix = [[1, 2], [3, 4]]
    let b: Matrix = [[5, 6], [7, 8]]
    // [[1·5+2·7, 1·6+2·8], [3·5+4·7, 3·6+4·8]], by hand.
    #expect(a * b == [[19, 22], [43, 50]])
    #expect(a * Vector([1, 1]) == [3, 7])
    #expect(Vector([1, 1]) * a == [4, 6])
    #expect(a.transposedTimes([1, 1]) == [4, 6])
    #expect(a.gram() == a.transposed * a)
    // A⁻¹ = (1/−2)[[4, −2], [−3, 1]] = [[−2, 1], [1.5, −0.5]].
    #expect(maxDifference(a.inverse.flattened, [-2, 1, 1.5, -0.5]) <= 1e-15)
    #expect(a.solve([5, 11]) == [1, 2])
    let wide = Matrix(rowCount: 3, columnCount: 40) { i, j in Double(i * 40 + j) }
    let ones = Vector.ones(40)
    // Row i sums 40·(40i) + (0+…+39) = 1600i + 780.
    #expect(wide * ones == [780, 2380, 3980])
  }

  @Test func shapeErrorsNameTheFunctionAndTheShapes() async {
    let r1 = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = Vector([1, 2, 3]) + Vector([1, 2])
    }
    #expect(
      stderrText(r1).contains("MLMath: Vector + Vector: shapes differ: 3 components vs 2 components"))
    let r2 = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = Matrix([[1, 2], [3, 4]]) * Vector([1, 2, 3])
    }
    #expect(
      stderrText(r2).contains(
        "MLMath: Matrix * Vector: a 2 × 2 matrix cannot multiply a vector of 3 components"))
    let r3 = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = Vector([]).max()
    }
    #expect(stderrText(r3).contains("MLMath: Vector.argmax: the vector is empty"))
    let r4 = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = Matrix([[1, 2], [3]])
    }
    #expect(stderrText(r4).contains("row 1 has 1 entries but row 0 has 2"))
  }
}
