// Reads a fence's info string: which blocks are cells, which are expected outputs, and options.
import Foundation

/// The grammar of info strings:
/// `swift [hide|setup|norun|should-fail|compile-fail] [values] [fresh] [live] [rtol=X] [atol=X]`.
enum CellInfo {
  /// An info-string problem, with a message naming what was wrong and what is allowed.
  struct Problem: Error {
    var message: String
  }

  /// Whether a fence with this info string is a Swift cell.
  static func isCell(_ info: String) -> Bool { firstWord(info) == "swift" }

  /// Whether a fence with this info string pins the previous cell's output.
  static func isOutput(_ info: String) -> Bool { firstWord(info) == "output" }

  /// Parses the words after `swift`.
  static func parse(_ info: String) throws(Problem) -> CellOptions {
    var options = CellOptions()
    var modeWord: String?
    var relative: Double?
    var absolute: Double?
    for word in words(info).dropFirst() {
      if let mode = CellOptions.Mode(rawValue: word), mode != .normal {
        if let modeWord {
          throw Problem(message: "cell options '\(modeWord)' and '\(word)' cannot be combined")
        }
        modeWord = word
        options.mode = mode
      } else if word == "values" {
        options.lineValues = true
      } else if word == "fresh" {
        options.startsProgram = true
      } else if word == "live" {
        options.live = true
      } else if let value = number(word, key: "rtol") {
        relative = value
      } else if let value = number(word, key: "atol") {
        absolute = value
      } else {
        let known =
          CellOptions.Mode.allCases.filter { $0 != .normal }.map(\.rawValue) + [
            "values", "fresh", "live", "rtol=X", "atol=X",
          ]
        throw Problem(message: "unknown cell option '\(word)' (known: \(known.joined(separator: ", ")))")
      }
    }
    if options.live && options.mode != .normal && options.mode != .hide {
      throw Problem(
        message:
          "cell options 'live' and '\(options.mode.rawValue)' cannot be combined (a live cell runs and shows its output)"
      )
    }
    if options.live && options.lineValues {
      throw Problem(
        message: "cell options 'live' and 'values' cannot be combined (the page could not update the values)")
    }
    if relative != nil || absolute != nil {
      options.tolerance = Tolerance(
        relative: relative ?? Tolerance.default.relative, absolute: absolute ?? Tolerance.default.absolute)
    }
    return options
  }

  private static func number(_ word: String, key: String) -> Double? {
    guard word.hasPrefix(key + "=") else { return nil }
    return Double(word.dropFirst(key.count + 1))
  }

  private static func words(_ info: String) -> [String] {
    info.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).map(String.init)
  }

  private static func firstWord(_ info: String) -> String? {
    words(info).first.map { $0.hasPrefix("{") ? String($0.dropFirst()) : $0 }
  }
}

/// Gives each heading a unique, readable anchor: GitHub's rule (lower case, spaces to hyphens,
/// punctuation dropped), with `-1`, `-2` … added for repeats.
struct AnchorAllocator {
  private var used: [String: Int] = [:]

  /// The anchor for a heading with this text.
  mutating func anchor(for text: String) -> String {
    var slug = ""
    for scalar in text.lowercased().unicodeScalars {
      if CharacterSet.alphanumerics.contains(scalar) || scalar == "-" || scalar == "_" {
        slug.unicodeScalars.append(scalar)
      } else if scalar == " " {
        slug.append("-")
      }
    }
    if slug.isEmpty { slug = "section" }
    if let count = used[slug] {
      used[slug] = count + 1
      var candidate = "\(slug)-\(count)"
      var n = count
      while used[candidate] != nil {
        n += 1
        candidate = "\(slug)-\(n)"
      }
      used[candidate] = 1
      return candidate
    }
    used[slug] = 1
    return slug
  }
}
