// Logistic and softmax regression: loss, gradient and fits against scipy L-BFGS-B and scikit-learn.

import MLMath
import Testing

@Suite struct ModelTests {
  @Test func logisticLossAndGradientAtGivenParameters() {
    let (X, y) = TestData.classification(classes: 2)
    // reference_values.py: the objective and gradient at w = [0.5, −0.25, 1], b = 0.1, λ = 0.2 (numpy).
    let r = LogisticRegression.lossAndGradient(X, y, weights: [0.5, -0.25, 1], intercept: 0.1, lambda: 0.2)
    #expect(abs(r.loss - 0.7800009635141852) < 1e-14)
    #expect(
      maxDifference(r.weightGradient, [-0.1583711393359686, 0.06994371303745484, 0.4780947357891686]) < 1e-14)
    #expect(abs(r.interceptGradient - -0.06826723434492712) < 1e-14)
    let check = gradientCheck(
      of: { LogisticRegression.lossAndGradient(X, y, weights: $0, intercept: 0.1, lambda: 0.2).loss },
      gradient: r.weightGradient, at: [0.5, -0.25, 1])
    #expect(check < 1e-8)
  }

  @Test func logisticFitMatchesIndependentOptimisers() {
    let (X, y) = TestData.classification(classes: 2)
    // scipy.optimize.minimize(L-BFGS-B, gtol=1e-13) on the same objective reached ‖∇‖ = 3e-12:
    // w = [0.6228374640766884, −0.479467635235881, 0.19866884129703674], b = 0.23505161139593916;
    // scikit-learn LogisticRegression(C = 1/(nλ)) agrees to 2e-10.
    let m = LogisticRegression.fit(X, y, lambda: 0.1)
    #expect(m.gradientNorm <= 1e-8)
    #expect(maxDifference(m.weights, [0.6228374640766884, -0.479467635235881, 0.19866884129703674]) < 1e-8)
    #expect(abs(m.intercept - 0.23505161139593916) < 1e-8)
    // λ = 0 (not separable): L-BFGS-B reached ‖∇‖ = 1.5e-10.
    let m0 = LogisticRegression.fit(X, y, lambda: 0)
    #expect(m0.gradientNorm <= 1e-8)
    #expect(maxDifference(m0.weights, [0.9661170277999963, -0.6495847627236524, 0.38639493596185237]) < 1e-7)
    #expect(abs(m0.intercept - 0.21403350600214258) < 1e-7)
    // The gradient reported is the gradient of the objective at the result.
    let g = LogisticRegression.lossAndGradient(X, y, weights: m.weights, intercept: m.intercept, lambda: 0.1)
    #expect(
      (g.weightGradient.dot(g.weightGradient) + g.interceptGradient * g.interceptGradient).squareRoot()
        <= 1e-8)
    #expect(m.probabilities(X).allSatisfy { $0 > 0 && $0 < 1 })
  }

  @Test func gradientDescentLowersTheLossTowardTheOptimum() {
    let (X, y) = TestData.classification(classes: 2)
    let (model, losses) = LogisticRegression.train(X, y, lambda: 0.1, learningRate: 0.5, iterations: 2000)
    #expect(losses.count == 2001)
    // At zero every probability is 1/2: loss ln 2.
    #expect(abs(losses[0] - 0.6931471805599453) < 1e-15)
    // Monotone, up to rounding once the loss has settled at the optimum.
    #expect(zip(losses, losses.dropFirst()).allSatisfy { $1 <= $0 + 1e-15 })
    // scipy's optimum loss is 0.5289853152743462.
    #expect(abs(losses.last! - 0.5289853152743462) < 1e-9)
    #expect(
      maxDifference(model.weights, [0.6228374640766884, -0.479467635235881, 0.19866884129703674]) < 1e-5)
    let run = gradientDescent(from: [4], learningRate: 0.25, iterations: 100, tolerance: 1e-12) { x in
      ((x[0] - 1) * (x[0] - 1), [2 * (x[0] - 1)])
    }
    // θ − 1 halves each step: 3, 1.5, …; converges to 1.
    #expect(run.converged && abs(run.parameters[0] - 1) < 1e-12 && run.losses[1] == 2.25)
  }

  @Test func softmaxLossAndGradientAtGivenParameters() {
    let (X, y) = TestData.classification(classes: 3)
    let w: Matrix = [[0.5, -0.25, 1.0], [0.0, 0.75, -0.5], [-1.0, 0.25, 0.125]]
    let b: Vector = [0.1, -0.2, 0.3]
    let r = SoftmaxRegression.lossAndGradient(X, y, weights: w, intercepts: b, lambda: 0.2)
    // reference_values.py (numpy/scipy.special): loss and the rows of [∇W | ∇b].
    #expect(abs(r.loss - 1.7274081073134306) < 1e-14)
    let reference = [
      -0.25696400530095553, -0.32316381840139874, 0.8563319971116232, -0.10050657146898574,
      0.45213781415951426, -0.06825080890756141, -0.44997943402105756, 0.10742947685545319,
      -0.29517380885855876, 0.5414146273089603, -0.2813525630905657, -0.00692290538646743,
    ]
    let ours = (0..<3).flatMap { k in Array(r.weightGradient.row(k)) + [r.interceptGradient[k]] }
    #expect(maxDifference(Vector(ours), reference) < 1e-14)
    let check = gradientCheck(
      of: {
        SoftmaxRegression.lossAndGradient(
          X, y, weights: Matrix(reshaping: $0, rowCount: 3, columnCount: 3), intercepts: b, lambda: 0.2
        ).loss
      }, gradient: r.weightGradient.flattened, at: w.flattened)
    #expect(check < 1e-8)
  }

  @Test func softmaxFitMatchesScipy() {
    let (X, y) = TestData.classification(classes: 3)
    // The labels reference_values.py derived from the same formula.
    #expect(y.map(String.init).joined() == "020012001002220220112001200220012012101200122112001200220220")
    // scipy L-BFGS-B (gtol=1e-13, reached ‖∇‖ = 1e-9), intercepts centred to sum zero.
    let m = SoftmaxRegression.fit(X, y, classes: 3, lambda: 0.1)
    #expect(m.gradientNorm <= 1e-8)
    let w = [
      0.6222711179634618, -0.009600076386694842, -0.3204367113972032, -0.18528985786804475,
      0.4952128178100713, -0.049252456763410606, -0.43698126009541705, -0.48561274142337646,
      0.3696891681606138,
    ]
    #expect(maxDifference(m.weights.flattened, w) < 1e-7)
    #expect(
      maxDifference(m.intercepts, [0.22989764944906146, -0.391723051797674, 0.16182540234861253]) < 1e-7)
    let m0 = SoftmaxRegression.fit(X, y, classes: 3, lambda: 0)
    #expect(m0.gradientNorm <= 1e-8)
    let w0 = [
      1.0077017497822105, -0.0015488144985162458, -0.22754264812433764, -0.15882957604052764,
      0.8318869223490076, -0.26294318953263435, -0.848872173741683, -0.8303381078504913,
      0.49048583765697196,
    ]
    #expect(maxDifference(m0.weights.flattened, w0) < 1e-6)
    #expect(
      maxDifference(m0.intercepts, [0.353120836589132, -0.47271245932610884, 0.11959162273697681]) < 1e-6)
    let p = m.probabilities(X)
    #expect(maxDifference(p.rowSums(), Array(repeating: 1, count: 60)) < 1e-15)
    #expect(accuracy(predictions: m.predict(X), labels: y) > 0.6)
  }

  @Test func softmaxGradientDescentConverges() {
    let data = SyntheticData.threeBlobs(samplesPerClass: 30, seed: 1)
    let (model, losses) = SoftmaxRegression.train(
      data.X, data.y, classes: 3, lambda: 0.01, learningRate: 0.5, iterations: 300)
    // At zero every class has probability 1/3: loss ln 3.
    #expect(abs(losses[0] - 1.0986122886681098) < 1e-14)
    #expect(losses.last! < losses[0] / 2)
    let newton = SoftmaxRegression.fit(data.X, data.y, classes: 3, lambda: 0.01)
    let newtonLoss = SoftmaxRegression.lossAndGradient(
      data.X, data.y, weights: newton.weights, intercepts: newton.intercepts, lambda: 0.01
    ).loss
    #expect(newtonLoss <= losses.last! + 1e-12)
    #expect(accuracy(predictions: model.predict(data.X), labels: data.y) > 0.8)
  }

  @Test func labelOutOfRangeIsReported() async {
    let r = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = SoftmaxRegression.fit([[0], [1]], [0, 3], classes: 3, lambda: 0.1)
    }
    #expect(stderrText(r).contains("MLMath: SoftmaxRegression.fit: label 1 is 3 but there are 3 classes"))
  }
}
