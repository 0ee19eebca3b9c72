// Sigmoid and the log-likelihood losses against scikit-learn / scipy.special values and the naive-fails cases.

import MLMath
import Testing

@Suite struct LossTests {
  @Test func seedFigures() {
    // The figures; scikit-learn's log_loss gives 0.22944289410146546 and, for the
    // multi-class case, numpy gives 0.21192448510213585 (the issue quotes 0.2119244851021358).
    let binary = binaryLogLoss(labels: [1, 0, 1, 1, 0], probabilities: [0.9, 0.1, 0.8, 0.7, 0.3])
    #expect(ulps(binary, 0.22944289410146546) <= 2)
    let p: Matrix = [[0.9, 0.05, 0.05], [0.1, 0.1, 0.8], [0.2, 0.7, 0.1], [0.05, 0.1, 0.85]]
    let multi = logLoss(labels: [0, 2, 1, 2], probabilities: p)
    #expect(ulps(multi, 0.2119244851021358) <= 2)
    #expect(ulps(multi, 0.21192448510213585) <= 2)
  }

  @Test func clampingKeepsLogLossFinite() {
    // p = 0 for a positive label: clamped to ε = 2⁻⁵², loss −ln(2⁻⁵²) = 52·ln 2 = 36.04365338911715.
    let loss = binaryLogLoss(labels: [1], probabilities: [0])
    #expect(abs(loss - 52 * 0.6931471805599453) < 1e-13)
    #expect(logLoss(labels: [1], probabilities: [[1, 0]]).isFinite)
    #expect(binaryLogLoss(labels: [1], probabilities: [0], epsilon: 0) == .infinity)
  }

  @Test func sigmoidTails() {
    // scipy.special.expit(-700) = 9.85967654375977e-305; naive 1/(1+e^700) is 0 (e^700 is 1.0e304, 1/that ok,
    // but at −710 e^710 overflows to inf and the naive form gives exactly 0).
    #expect(ulps(sigmoid(-700), 9.85967654375977e-305) <= 2)
    #expect(sigmoid(-745) > 0)
    // expit(30) = 0.9999999999999065.
    #expect(ulps(sigmoid(30), 0.9999999999999065) <= 1)
    #expect(sigmoid(0) == 0.5 && sigmoid(1000) == 1 && sigmoid(-1000) == 0)
    // scipy.special.log_expit(-1000) = -1000.0; naive log(sigmoid(-1000)) = log(0) = −∞.
    #expect(logSigmoid(-1000) == -1000)
    // log_expit(50) = -1.9287498479639178e-22 (naive log(1 − tiny) rounds to 0).
    #expect(ulps(logSigmoid(50), -1.9287498479639178e-22) <= 2)
    // log_expit(-20) = -20.000000002061153.
    #expect(ulps(logSigmoid(-20), -20.000000002061153) <= 1)
    #expect(abs(logit(sigmoid(2.5)) - 2.5) < 1e-14)
  }

  @Test func crossEntropyFromLogits() {
    // A logit of 1000 with label 0 costs max(1000, 0) − 0 + ln(1 + e⁻¹⁰⁰⁰) = 1000 exactly.
    #expect(binaryCrossEntropy(logits: [1000], labels: [0]) == 1000)
    // Via probabilities it would be −ln(1 − σ(1000)) = −ln 0 = ∞ (clamping caps it at 36.04).
    #expect(binaryCrossEntropy(logits: [-1000], labels: [0]) == 0)
    // numpy: mean(logaddexp(0, z) − z·y) for z=[1000,−3,0.25,0], y=[0,1,0.3,1] = 251.1231684880031.
    let soft = binaryCrossEntropy(logits: [1000, -3, 0.25, 0], labels: [0, 1, 0.3, 1])
    #expect(ulps(soft, 251.1231684880031) <= 2)
    // From moderate logits, the two routes agree.
    let z: Vector = [-2, 0.5, 3]
    let y: Vector = [0, 1, 1]
    #expect(
      abs(binaryCrossEntropy(logits: z, labels: y) - binaryLogLoss(labels: y, probabilities: sigmoid(z)))
        < 1e-15)
  }

  @Test func meanSquaredErrorAndLeastSquares() {
    // (1/3)(1 + 0 + 4) = 5/3.
    #expect(meanSquaredError(predictions: [1, 2, 3], targets: [0, 2, 5]) == 5.0 / 3)
    // X = [[0],[1],[2]], y = [0.9, 1.8, 3]: slope 2.1/2 = 1.05, intercept 1.9 − 1.05 = 0.85 (by hand).
    let fit = LinearModel.leastSquares([[0], [1], [2]], [0.9, 1.8, 3])
    #expect(abs(fit.weights[0] - 1.05) < 1e-14 && abs(fit.intercept - 0.85) < 1e-14)
  }

  @Test func badProbabilitiesAndLabelsAreReported() async {
    let r1 = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = binaryLogLoss(labels: [1, 0], probabilities: [0.5, 1.5])
    }
    #expect(
      stderrText(r1).contains("MLMath: binaryLogLoss: probability 1 is 1.5; probabilities must be in [0, 1]"))
    let r2 = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = logLoss(labels: [0, 3], probabilities: [[0.5, 0.5], [0.5, 0.5]])
    }
    #expect(stderrText(r2).contains("MLMath: logLoss: label 1 is 3 but there are 2 classes"))
  }
}
