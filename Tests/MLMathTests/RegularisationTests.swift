// Penalties, soft-thresholding, ridge and lasso against scikit-learn (reference_values.py), and dropout.

import MLMath
import Testing

@Suite struct RegularisationTests {
  @Test func penaltiesAndGradients() {
    let w: Vector = [2, 0, -3]
    // l1: 0.5·(2 + 0 + 3) = 2.5, subgradient 0.5·sign(w) with sign(0) = 0.
    #expect(Regularizer.l1(0.5).penalty(w) == 2.5)
    #expect(Regularizer.l1(0.5).gradient(w) == [0.5, 0, -0.5])
    // l2: (0.5/2)·(4 + 0 + 9) = 3.25, gradient 0.5·w.
    #expect(Regularizer.l2(0.5).penalty(w) == 3.25)
    #expect(Regularizer.l2(0.5).gradient(w) == [1, 0, -1.5])
  }

  @Test func softThresholdGivesExactZeros() {
    let s = softThreshold([3, -0.5, 0.5, -2, 1], 1)
    // sign(x)·max(|x| − 1, 0) = [2, 0, 0, −1, 0], zeros exactly +0.0.
    #expect(s == [2, 0, 0, -1, 0])
    #expect(s[1].sign == .plus && s[4].sign == .plus)
  }

  @Test func ridgeMatchesScikitLearn() {
    let (X, y) = TestData.regression()
    // sklearn.linear_model.Ridge(alpha=1.0, fit_intercept=True, solver="cholesky").
    let m = ridge(X, y, alpha: 1, fitIntercept: true)
    let w = [
      1.5197653725481477, -1.934497543346797, 0.4715501580446775, 0.02230597632785423,
      -0.04216422051854668, 0.03962559436481143,
    ]
    #expect(maxDifference(m.weights, w) < 1e-12)
    #expect(abs(m.intercept - 0.30947417545115086) < 1e-12)
    // Ridge(alpha=10.0, fit_intercept=False).
    let m2 = ridge(X, y, alpha: 10, fitIntercept: false)
    let w2 = [
      1.2467802697197172, -1.6971180833310744, 0.3541047200375517, 0.18627648568962987,
      -0.16782564518924564, 0.19909684888867027,
    ]
    #expect(maxDifference(m2.weights, w2) < 1e-12 && m2.intercept == 0)
    // Ridge(alpha=0.0): ordinary least squares.
    let ols = ridge(X, y, alpha: 0)
    #expect(
      abs(ols.weights[0] - 1.5597722207592268) < 1e-12 && abs(ols.intercept - 0.3089914518236576) < 1e-12)
    // Ridge keeps every weight non-zero.
    #expect(m.weights.allSatisfy { $0 != 0 })
    #expect(maxDifference(m.predict(X), Array(X * m.weights + m.intercept)) == 0)
  }

  @Test func lassoMatchesScikitLearnWithExactZeros() {
    let (X, y) = TestData.regression()
    func objective(_ m: LinearModel, _ alpha: Double) -> Double {
      let r = y - m.predict(X)
      return r.dot(r) / Double(2 * y.count) + alpha * m.weights.norm(.l1)
    }
    // sklearn.linear_model.Lasso(alpha=0.1, tol=1e-15, max_iter=10**7), objective 0.4143621383941998.
    let m = lasso(X, y, alpha: 0.1, fitIntercept: true)
    let w = [
      1.4730424520793166, -1.9641612822885604, 0.42220447182044196, 0.0, -0.02484759331729795,
      0.0008606688568787439,
    ]
    #expect(maxDifference(m.weights, w) < 1e-6)
    #expect(abs(m.intercept - 0.3193535906931649) < 1e-6)
    #expect(m.weights[3] == 0)
    #expect(abs(objective(m, 0.1) - 0.4143621383941998) < 1e-10)
    // alpha = 0.5 zeroes features 3 and 5; objective 1.8342672437977343.
    let m5 = lasso(X, y, alpha: 0.5, fitIntercept: true)
    let w5 = [1.1195704701240157, -1.9238169528165434, 0.10324105472814586, 0.0, -0.06799501009774812, 0.0]
    #expect(maxDifference(m5.weights, w5) < 1e-6)
    #expect(m5.weights[3] == 0 && m5.weights[5] == 0)
    #expect(abs(objective(m5, 0.5) - 1.8342672437977343) < 1e-10)
    // Lasso(alpha=0.05, fit_intercept=False) zeroes feature 4.
    let m0 = lasso(X, y, alpha: 0.05, fitIntercept: false)
    let w0 = [
      1.4784379492668218, -1.984868080995947, 0.4256100365966215, 0.03865020065281285, 0.0,
      0.09080304064153562,
    ]
    #expect(maxDifference(m0.weights, w0) < 1e-6 && m0.weights[4] == 0 && m0.intercept == 0)
  }

  @Test func lassoZeroesIrrelevantFeaturesAndRidgeDoesNot() {
    let data = SyntheticData.regression(samples: 200, features: 8, informative: 3, noise: 0.5, seed: 7)
    #expect(data.trueWeights[3...].allSatisfy { $0 == 0 })
    let l = lasso(data.X, data.y, alpha: 0.1)
    let r = ridge(data.X, data.y, alpha: 10)
    #expect(l.weights[3...].filter { $0 == 0 }.count >= 3)
    #expect(r.weights.allSatisfy { $0 != 0 })
  }

  @Test func regularisationPaths() {
    let (X, y) = TestData.regression()
    let alphas: Vector = [0.05, 0.1, 0.5, 10]
    let path = lassoPath(X, y, alphas: alphas)
    // Warm-started path points equal separate fits (to the solver's tolerance).
    #expect(maxDifference(path.model(at: 1).weights, Array(lasso(X, y, alpha: 0.1).weights)) < 1e-7)
    // At alpha = 10 every weight is zero (alpha ≥ max|Xᵀ(y − ȳ)|/n).
    #expect(path.zeroCounts.last == 6)
    #expect(path.zeroCounts == path.zeroCounts.sorted())
    let rpath = ridgePath(X, y, alphas: alphas)
    #expect(rpath.zeroCounts.allSatisfy { $0 == 0 })
    #expect(maxDifference(rpath.path(ofFeature: 0), alphas.map { ridge(X, y, alpha: $0).weights[0] }) == 0)
    #expect(Vector.logspace(-1, 1, count: 3) == [0.1, 1, 10])
  }

  @Test func dropoutIsUnbiased() {
    let d = Dropout(keepProbability: 0.8)
    // m·x/q with q = 0.8: [1/0.8, 0, 3/0.8].
    #expect(d.apply([1, 2, 3], mask: [true, false, true]) == [1.25, 0, 3.75])
    var rng = SeededGenerator(seed: 3)
    let x: Vector = [1, -2, 4]
    var total = Vector.zeros(3)
    let draws = 20_000
    for _ in 0..<draws { total += d.apply(x, using: &rng) }
    // Each mean is x·(kept fraction)/q; its standard error is |x|·√((1−q)/(q·draws)) ≈ 0.0035|x|.
    #expect(maxDifference(total / Double(draws), Array(x)) < 0.05)
    #expect(Dropout(keepProbability: 1).apply(x, using: &rng) == x)
  }

  @Test func dropoutOnAMatrixDropsEachEntryRowByRow() {
    let d = Dropout(keepProbability: 0.5)
    let X: Matrix = [[1, 2, 3], [4, 5, 6]]
    #expect(d.apply(X, mask: [true, false, false, true, true, false]) == [[2, 0, 0], [8, 10, 0]])
    // The same draws, in the same order, as a mask of m·n entries.
    var a = SeededGenerator(seed: 9)
    var b = SeededGenerator(seed: 9)
    let dropped = d.apply(X, using: &a)
    #expect(dropped == d.apply(X, mask: d.mask(count: 6, using: &b)))
    #expect(dropped.rowCount == 2 && dropped.columnCount == 3)
    #expect(dropped.elements.contains(0) && dropped.elements.contains { $0 != 0 })
  }

  @Test func badKeepProbabilityIsReported() async {
    let r = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = Dropout(keepProbability: 0)
    }
    #expect(
      stderrText(r).contains("MLMath: Dropout(keepProbability:): keepProbability must be in (0, 1], got 0.0"))
  }
}
