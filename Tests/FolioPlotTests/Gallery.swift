// The figures the golden tests pin: one per plot kind the book needs, from fixed data.
import FolioPlot
import Foundation

/// Deterministic sample figures, built from formulas (no random numbers).
enum Gallery {
  /// Every figure with the name of its golden file.
  static let all = make()

  /// Builds every figure from scratch.
  static func make() -> [(name: String, figure: Figure)] {
    [
      ("line-loss-curves", lossCurves()),
      ("scatter-classes", scatterClasses()),
      ("regions-decision", decisionRegions()),
      ("curves-unit-balls", unitBalls()),
      ("function-sigmoid", sigmoid()),
    ]
  }

  /// Two 200-point loss curves with a legend.
  static func lossCurves() -> Figure {
    var fig = Figure(title: "Training and validation loss", xLabel: "epoch", yLabel: "loss")
    let epochs = (0..<200).map(Double.init)
    fig.line(epochs, epochs.map { 2.3 * exp(-$0 / 30) + 0.05 + 0.02 * sin($0 / 3) }, label: "train")
    fig.line(
      epochs, epochs.map { 2.3 * exp(-$0 / 40) + 0.18 + 0.0004 * $0 }, label: "validation", style: .dashed)
    return fig
  }

  /// Points on a deterministic spiral-ish layout, three classes around three centres.
  static func points() -> (xs: [Double], ys: [Double], classes: [Int]) {
    let centres = [(-1.5, -1.0), (1.5, -0.8), (0.0, 1.6)]
    var xs: [Double] = []
    var ys: [Double] = []
    var classes: [Int] = []
    for (label, centre) in centres.enumerated() {
      for i in 0..<30 {
        let angle = Double(i) * 2.399963 + Double(label)
        let radius = 0.9 * sqrt(Double(i + 1) / 30)
        xs.append(centre.0 + radius * cos(angle))
        ys.append(centre.1 + radius * sin(angle))
        classes.append(label)
      }
    }
    return (xs, ys, classes)
  }

  /// Three classes of points, coloured and shaped by class.
  static func scatterClasses() -> Figure {
    let data = points()
    var fig = Figure(title: "Three classes", xLabel: "x₁", yLabel: "x₂")
    fig.scatter(data.xs, data.ys, classes: data.classes, classNames: ["setosa", "versicolor", "virginica"])
    return fig
  }

  /// Nearest-centre decision regions under the points, with equal aspect.
  static func decisionRegions() -> Figure {
    let data = points()
    let centres = [(-1.5, -1.0), (1.5, -0.8), (0.0, 1.6)]
    var fig = Figure(title: "Nearest-centre classifier", xLabel: "x₁", yLabel: "x₂", equalAspect: true)
    fig.regions(x: -3...3, y: -2.5...3, resolution: 60) { x, y in
      let distances = centres.map { ($0.0 - x) * ($0.0 - x) + ($0.1 - y) * ($0.1 - y) }
      return distances.firstIndex(of: distances.min()!)!
    }
    fig.scatter(data.xs, data.ys, classes: data.classes, classNames: ["setosa", "versicolor", "virginica"])
    return fig
  }

  /// The unit balls of the L1, L2 and L∞ norms: a circle must look round.
  static func unitBalls() -> Figure {
    var fig = Figure(title: "Unit balls", xLabel: "x₁", yLabel: "x₂", equalAspect: true)
    func ball(_ p: Double) -> (Double) -> (x: Double, y: Double) {
      { t in
        let (c, s) = (cos(t), sin(t))
        let norm = p.isInfinite ? max(abs(c), abs(s)) : pow(pow(abs(c), p) + pow(abs(s), p), 1 / p)
        return (c / norm, s / norm)
      }
    }
    fig.curve(t: 0...(2 * .pi), samples: 200, label: "‖x‖₁ = 1", closed: true, ball(1))
    fig.curve(t: 0...(2 * .pi), samples: 200, label: "‖x‖₂ = 1", closed: true, ball(2))
    fig.curve(t: 0...(2 * .pi), samples: 200, label: "‖x‖∞ = 1", closed: true, ball(.infinity))
    return fig
  }

  /// A function graph with a reference line in the page's text colour.
  static func sigmoid() -> Figure {
    var fig = Figure(title: "σ(z) = 1 / (1 + e^−z)", xLabel: "z", yLabel: "σ(z)")
    fig.function(-6...6, label: "σ(z)") { 1 / (1 + exp(-$0)) }
    fig.function(-6...6, samples: 2, label: "½", color: .foreground, style: .dotted) { _ in 0.5 }
    return fig
  }
}
