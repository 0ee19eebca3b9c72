// Norms against numpy.linalg.norm / math.hypot (Tests/Benchmarks/mlmath/reference_values.py) and exact values.

import MLMath
import Testing

@Suite struct NormTests {
  @Test func smallExactNorms() {
    let x: Vector = [3, -4]
    // |3| + |−4| = 7; √(9 + 16) = 5; max = 4 — exact.
    #expect(x.norm(.l1) == 7 && x.norm(.l2) == 5 && x.norm() == 5 && x.norm(.infinity) == 4)
    // (√1 + √4)² = 9 exactly (numpy: np.sum(np.sqrt([1,4]))**2 = 9.0).
    #expect(Vector([1, 4]).norm(.p(0.5)) == 9)
    #expect(Vector([]).norm(.l2) == 0 && Vector([0, 0]).norm(.l2) == 0)
  }

  @Test func pNormsMatchNumpy() {
    // numpy.linalg.norm([1,2,3], 3) = 3.3019272488946263.
    #expect(ulps(Vector([1, 2, 3]).norm(.p(3)), 3.3019272488946263) <= 2)
    // numpy.linalg.norm(np.arange(1., 10.)) = 16.881943016134134.
    #expect(ulps(Vector(Array(stride(from: 1.0, through: 9, by: 1))).norm(.l2), 16.881943016134134) <= 1)
    #expect(Vector([1, 2, 3]).norm(.p(2)) == Vector([1, 2, 3]).norm(.l2))
    #expect(Vector([1, -7, 3]).norm(.p(.infinity)) == 7)
  }

  @Test func pBelowOneIsNotANorm() {
    // ‖x + y‖ ≤ ‖x‖ + ‖y‖ fails for p = 1/2: x = [1, 0], y = [0, 1] give 4 > 1 + 1.
    let x: Vector = [1, 0]
    let y: Vector = [0, 1]
    #expect((x + y).norm(.p(0.5)) == 4)
    #expect((x + y).norm(.p(0.5)) > x.norm(.p(0.5)) + y.norm(.p(0.5)))
  }

  @Test func l2NeitherOverflowsNorUnderflows() {
    // numpy.linalg.norm([1e200, 1e200]) is inf (overflow); math.hypot gives 1.414213562373095e+200.
    #expect(ulps(Vector([1e200, 1e200]).norm(.l2), 1.414213562373095e+200) <= 1)
    // math.hypot(1e-200, 1e-200) = 1.414213562373095e-200; naive squaring underflows to 0.
    #expect(ulps(Vector([1e-200, 1e-200]).norm(.l2), 1.414213562373095e-200) <= 1)
    // Subnormal components: 3·2⁻¹⁰⁷⁴ and 4·2⁻¹⁰⁷⁴ have norm 5·2⁻¹⁰⁷⁴ exactly.
    let tiny = Double.leastNonzeroMagnitude
    #expect(Vector([3 * tiny, 4 * tiny]).norm(.l2) == 5 * tiny)
    // Near the top of the range: [3, 4]·2¹⁰²⁰ has norm 5·2¹⁰²⁰ (finite, below max 2¹⁰²⁴).
    let big = 0x1p1020
    #expect(Vector([3 * big, 4 * big]).norm(.l2) == 5 * big)
    #expect(Vector([1e300, 1e300, 1e300]).norm(.p(3)).isFinite)
    #expect(Vector([.infinity, 1]).norm(.l2) == .infinity)
    #expect(Vector([.nan, 1e300, 1e300]).norm(.l2).isNaN)
  }

  @Test func frobeniusIsOverflowSafe() {
    // math.hypot(hypot(1e200, 1e200), hypot(1e200, 1e200)) = 2e+200.
    let a: Matrix = [[1e200, -1e200], [1e200, 1e200]]
    #expect(ulps(a.frobeniusNorm, 2e200) <= 1)
    // √(1 + 4 + 9 + 16 + 25 + 36 + 49 + 64 + 81 + 100 + 121 + 144) = √650, vs the L2 norm of the entries.
    let b = Matrix(rowCount: 3, columnCount: 4) { i, j in Double(i * 4 + j + 1) }
    #expect(b.frobeniusNorm == Double(650).squareRoot())
  }
}
