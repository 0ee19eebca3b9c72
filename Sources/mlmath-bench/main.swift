// Times MLMath's kernels (norms, softmax, log-sum-exp, model fits) and the machine's memory bandwidth.
//
// Usage: mlmath-bench [--data-dir DIR]
// Prints one tab-separated line per measurement: name, n, seconds (fastest of the repeats), bytes/s.
// With --data-dir it also writes the fit data sets as raw little-endian doubles, so the numpy side
// of Tests/Benchmarks/mlmath/run.sh fits exactly the same numbers.

import Foundation
import MLMath

/// The fastest wall time of `repeats` runs of `body` after one warm-up run (the least disturbed by
/// other processes on a shared machine).
func time(repeats: Int, _ body: () -> Double) -> (seconds: Double, value: Double) {
  var value = body()
  var samples: [Double] = []
  for _ in 0..<repeats {
    let start = DispatchTime.now().uptimeNanoseconds
    value += body()
    samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
  }
  return (samples.min()!, value)
}

var sink = 0.0
func report(_ name: String, _ n: Int, _ seconds: Double, bytes: Double) {
  let rate = bytes > 0 ? String(format: "%.3e", bytes / seconds) : "-"
  print("\(name)\t\(n)\t\(String(format: "%.6e", seconds))\t\(rate)")
}

let arguments = CommandLine.arguments
let dataDirectory = arguments.firstIndex(of: "--data-dir").map { arguments[$0 + 1] }

for n in [1_000_000, 10_000_000] {
  var rng = SeededGenerator(seed: 1)
  let x = rng.normalVector(n)
  let repeats = n >= 10_000_000 ? 11 : 41
  let bytes = Double(n * 8)

  // Memory bandwidth: a plain read (sum) and a copy (read + write) of the same array.
  let read = time(repeats: repeats) { x.sum() }
  report("bandwidth-sum", n, read.seconds, bytes: bytes)
  var target = [Double](repeating: 0, count: n)
  let copy = time(repeats: repeats) {
    x.elements.withUnsafeBytes { source in
      target.withUnsafeMutableBytes { destination in
        destination.baseAddress!.copyMemory(from: source.baseAddress!, byteCount: source.count)
      }
    }
    return target[n / 2]
  }
  report("bandwidth-copy", n, copy.seconds, bytes: 2 * bytes)

  let l1 = time(repeats: repeats) { x.norm(.l1) }
  report("l1-norm", n, l1.seconds, bytes: bytes)
  let l2 = time(repeats: repeats) { x.norm(.l2) }
  report("l2-norm", n, l2.seconds, bytes: bytes)
  let lse = time(repeats: repeats) { logSumExp(x) }
  report("logsumexp", n, lse.seconds, bytes: bytes)
  // Softmax reads the input and writes a new vector of the same size.
  let sm = time(repeats: repeats) { softmax(x)[0] }
  report("softmax", n, sm.seconds, bytes: 2 * bytes)
  sink += read.value + copy.value + l1.value + l2.value + lse.value + sm.value
}

/// Writes a matrix and labels as raw doubles: `<name>-X.f64` (row-major) and `<name>-y.f64`.
func write(_ data: ClassificationData, _ name: String, to directory: String) {
  func save(_ values: [Double], _ file: String) {
    let bytes = values.withUnsafeBytes { Data($0) }
    _ = FileManager.default.createFile(atPath: directory + "/" + file, contents: bytes)
  }
  save(data.X.elements, "\(name)-X.f64")
  save(data.y.map(Double.init), "\(name)-y.f64")
}

let binary = SyntheticData.blobs(samples: 10_000, features: 20, classes: 2, separation: 0.5, seed: 2)
let multi = SyntheticData.blobs(samples: 10_000, features: 20, classes: 3, separation: 0.5, seed: 3)
if let dataDirectory {
  write(binary, "binary", to: dataDirectory)
  write(multi, "multi", to: dataDirectory)
}
var logistic = LogisticRegression(weights: [], intercept: 0)
let logisticTime = time(repeats: 5) {
  logistic = LogisticRegression.fit(binary.X, binary.y, lambda: 1e-3)
  return logistic.intercept
}
report("logistic-fit", 10_000, logisticTime.seconds, bytes: 0)
print(
  "# logistic: \(logistic.iterations) Newton iterations, gradient norm \(logistic.gradientNorm), "
    + "accuracy \(accuracy(predictions: logistic.predict(binary.X), labels: binary.y))")
var softmaxModel = SoftmaxRegression(weights: .zeros(3, 20), intercepts: .zeros(3))
let softmaxTime = time(repeats: 5) {
  softmaxModel = SoftmaxRegression.fit(multi.X, multi.y, classes: 3, lambda: 1e-3)
  return softmaxModel.intercepts[0]
}
report("softmax-fit", 10_000, softmaxTime.seconds, bytes: 0)
print(
  "# softmax: \(softmaxModel.iterations) Newton iterations, gradient norm \(softmaxModel.gradientNorm), "
    + "accuracy \(accuracy(predictions: softmaxModel.predict(multi.X), labels: multi.y))")
print("# sink \(sink)")
