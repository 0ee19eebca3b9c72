// Softmax, log-sum-exp and categorical cross-entropy against scipy.special and finite differences.

import Foundation
import Testing

@testable import MLMath

@Suite struct SoftmaxTests {
  @Test func stableForLargeAndVeryNegativeLogits() {
    // scipy.special.softmax([1000, 1001, 1002]); naive exp(1000) is ∞ and gives NaN.
    let p = softmax([1000, 1001, 1002])
    let reference = [0.09003057317038046, 0.24472847105479764, 0.6652409557748218]
    for i in 0..<3 { #expect(ulps(p[i], reference[i]) <= 2) }
    #expect(abs(p.sum() - 1) <= 2 * Double.ulpOfOne)
    // scipy.special.logsumexp([1000, 1001, 1002]) = 1002.4076059644444.
    #expect(ulps(logSumExp([1000, 1001, 1002]), 1002.4076059644444) <= 1)
    // [-1000, -1000]: naive exp underflows to 0 and 0/0 is NaN; logsumexp = −1000 + ln 2 = -999.3068528194401.
    #expect(softmax([-1000, -1000]) == [0.5, 0.5])
    #expect(ulps(logSumExp([-1000, -1000]), -999.3068528194401) <= 1)
    #expect(logSumExp([]) == -.infinity && logSumExp([-.infinity, -.infinity]) == -.infinity)
  }

  @Test func invariantToShiftAndTwoClassesIsSigmoid() {
    let z: Vector = [1, 2, 3]
    // scipy.special.softmax([1, 2, 3]) equals the [1000, 1001, 1002] case.
    #expect(maxDifference(softmax(z), Array(softmax(z + 999))) <= 2e-16)
    // softmax([a, b])₀ = σ(a − b).
    #expect(abs(softmax([0.7, -1.2])[0] - sigmoid(1.9)) < 1e-16)
  }

  @Test func crossEntropyAndGradient() {
    // scipy: logsumexp(z) − z[2] = 1.7413112966571571, softmax(z) − e₂ as below.
    let (loss, g) = softmaxCrossEntropy(logits: [2, -1, 0.5], label: 2)
    #expect(ulps(loss, 1.7413112966571571) <= 2)
    #expect(maxDifference(g, [0.7855970345892759, 0.039112573270687456, -0.8247096078599633]) <= 1e-16)
    // The analytic gradient against central differences.
    let error = gradientCheck(
      of: { softmaxCrossEntropy(logits: $0, label: 2).loss }, gradient: g, at: [2, -1, 0.5])
    #expect(error < 1e-9)
    // Huge logits: the loss stays finite.
    #expect(softmaxCrossEntropy(logits: [1000, 0], label: 1).loss == 1000)
  }

  @Test func batchCrossEntropyIsTheMeanOfRows() {
    let z: Matrix = [[2, -1, 0.5], [0, 0, 0]]
    let (loss, g) = softmaxCrossEntropy(logits: z, labels: [2, 0])
    let first = softmaxCrossEntropy(logits: z.row(0), label: 2)
    let second = softmaxCrossEntropy(logits: z.row(1), label: 0)
    #expect(abs(loss - (first.loss + second.loss) / 2) < 1e-15)
    #expect(maxDifference(g.row(0), Array(first.gradient / 2)) < 1e-16)
    // Row 2: (1/3 − 1)/2, (1/3)/2, (1/3)/2.
    #expect(maxDifference(g.row(1), [-1.0 / 3, 1.0 / 6, 1.0 / 6]) < 1e-16)
  }
}

@Suite struct VectorisedExpTests {
  @Test func agreesWithLibmExpToOneUlp() {
    // Reference: the platform's scalar exp (glibc's is correctly rounded in practice, < 1 ulp).
    var rng = SeededGenerator(seed: 12)
    var worst: UInt64 = 0
    for _ in 0..<50_000 {
      let x = SIMD4<Double>(
        -rng.nextUniform() * 708, -rng.nextUniform() * 10, -rng.nextUniform() * 1e-6,
        -rng.nextUniform() * 760)
      let e = Kernels.expNonPositive(x)
      for lane in 0..<4 { worst = max(worst, ulps(e[lane], exp(x[lane]))) }
    }
    #expect(worst <= 1)
    let special = Kernels.expNonPositive(SIMD4(0, -.infinity, -745.2, .nan))
    #expect(special[0] == 1 && special[1] == 0 && special[2] == exp(-745.2) && special[3].isNaN)
  }

  @Test func softmaxOfManyLogitsMatchesScalarFormula() {
    var rng = SeededGenerator(seed: 13)
    let z = rng.normalVector(1003, standardDeviation: 30)
    let m = z.max()
    let e = z.map { exp($0 - m) }
    let reference = e / e.sum()
    let p = softmax(z)
    var worst: UInt64 = 0
    for i in 0..<z.count { worst = max(worst, ulps(p[i], reference[i])) }
    #expect(worst <= 4)
    #expect(abs(logSumExp(z) - (m + log(e.sum()))) <= 4 * m.ulp)
  }
}
