// SeededGenerator against a pure-Python xoshiro256**/SplitMix64 (reference_values.py), and the data sets.

import MLMath
import Testing

@Suite struct RandomTests {
  @Test func sequenceMatchesReferenceImplementation() {
    var rng = SeededGenerator(seed: 42)
    #expect(rng.next() == 0x1578_0b2e_0c2e_c716)
    #expect(rng.next() == 0x6104_d986_6d11_3a7e)
    #expect(rng.next() == 0xae17_5332_39e4_99a1)
    #expect(rng.next() == 0xecb8_ad47_03b3_60a1)
    var zero = SeededGenerator(seed: 0)
    #expect(zero.next() == 0x99ec_5f36_cb75_f2b4 && zero.next() == 0xbf6e_1f78_4956_452a)
  }

  @Test func uniformAndNormalDraws() {
    var a = SeededGenerator(seed: 42)
    // (first >> 11)·2⁻⁵³ = 0.08386297105988216 (Python, exact).
    #expect(a.nextUniform() == 0.08386297105988216)
    var b = SeededGenerator(seed: 42)
    // Marsaglia polar with Python's math.log: -0.7262191382447857 (our portable log is within an ulp or two).
    #expect(ulps(b.nextNormal(), -0.7262191382447857) <= 4)
    var c = SeededGenerator(seed: 9)
    let z = c.normalVector(20_000)
    // Mean within 4 standard errors (4/√20000 ≈ 0.028), variance within 0.05 of 1.
    #expect(abs(z.mean()) < 0.03 && abs(z.variance() - 1) < 0.05)
    var d = SeededGenerator(seed: 5)
    let p = d.permutation(10)
    #expect(p.sorted() == Array(0..<10))
  }

  @Test func dataSetsAreReproducible() {
    let a = SyntheticData.threeBlobs(seed: 11)
    let b = SyntheticData.threeBlobs(seed: 11)
    #expect(a == b && a.X.rowCount == 150 && Set(a.y) == [0, 1, 2])
    #expect(SyntheticData.twoBlobs(seed: 1) != SyntheticData.twoBlobs(seed: 2))
    let big = SyntheticData.blobs(samples: 1000, features: 20, classes: 3, seed: 4)
    #expect(big.X.rowCount == 1000 && big.X.columnCount == 20 && big.y.count == 1000)
    let r = SyntheticData.regression(samples: 50, features: 6, informative: 2, seed: 3)
    #expect(r.trueWeights.filter { $0 != 0 }.count == 2 && r.trueWeights.allSatisfy { abs($0) <= 3 })
  }
}
