// The one user-facing error type, and the diagnostics every stage reports.
import Foundation

/// Where something is in the book: a file relative to the book root, with a 1-based line and column.
public struct SourceLocation: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
  /// The path relative to the book directory, e.g. `chapters/01-norms.md`.
  public var file: String
  /// 1-based line; 0 when the location names the whole file.
  public var line: Int
  /// 1-based column; 0 when unknown.
  public var column: Int

  /// Creates a location.
  public init(file: String, line: Int = 0, column: Int = 0) {
    self.file = file
    self.line = line
    self.column = column
  }

  /// `file:line:col`, leaving out the parts that are unknown.
  public var description: String {
    guard line > 0 else { return file }
    return column > 0 ? "\(file):\(line):\(column)" : "\(file):\(line)"
  }

  /// Orders by file, then line, then column.
  public static func < (a: Self, b: Self) -> Bool {
    (a.file, a.line, a.column) < (b.file, b.line, b.column)
  }
}

/// One finding about the book: an error or a warning at a place in a file.
public struct Diagnostic: Hashable, Sendable, Codable, CustomStringConvertible {
  /// How bad a finding is.
  public enum Severity: String, Sendable, Codable {
    /// Makes the build or the check fail.
    case error
    /// Reported, but does not fail anything.
    case warning
    /// Extra context for the diagnostic before it.
    case note
  }

  /// Where the finding is.
  public var location: SourceLocation
  /// Error, warning or note.
  public var severity: Severity
  /// What is wrong, in one or more lines; the first line stands alone.
  public var message: String

  /// Creates a diagnostic.
  public init(_ severity: Severity = .error, at location: SourceLocation, _ message: String) {
    self.location = location
    self.severity = severity
    self.message = message
  }

  /// The compiler-style form: `path:line:col: error: message`.
  public var description: String { "\(location): \(severity.rawValue): \(message)" }

  /// The GitHub Actions annotation form: `::error file=…,line=…,col=…::message`.
  public var githubAnnotation: String {
    var fields = ["file=\(location.file)"]
    if location.line > 0 { fields.append("line=\(location.line)") }
    if location.column > 0 { fields.append("col=\(location.column)") }
    let escaped = message.replacingOccurrences(of: "%", with: "%25")
      .replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    return
      "::\(severity == .note ? "notice" : severity.rawValue) \(fields.joined(separator: ","))::\(escaped)"
  }
}

/// The error every stage throws to the user: what went wrong, where, and why.
///
/// Internal failures (I/O, decoding, a child process) are converted into this at the stage
/// boundary, so the command line can print one line and map it to an exit code in one place.
public struct FolioError: Error, Sendable, CustomStringConvertible {
  /// The kind of failure, which decides the exit code (`Console.exitCode(for:)`, in one place).
  public enum Kind: Sendable {
    /// The book breaks a promise (a cell fails, an output differs): exit 1.
    case book
    /// The book's input cannot be used (bad arguments, `book.yml`, a chapter file): exit 2.
    case input
    /// The machine or a dependency fails Folio (a missing tool or package, a file that cannot
    /// be written, a library that does not build): exit 2.
    case environment
    /// A fault in Folio itself: exit 3.
    case `internal`
  }

  /// The kind of failure.
  public var kind: Kind
  /// Where, when the failure has a place in the book.
  public var location: SourceLocation?
  /// What went wrong.
  public var message: String
  /// The underlying cause, for the curious.
  public var underlying: String?
  /// The pipeline stage it came from, when it came from one.
  public var stage: StageName?

  /// Creates an error.
  public init(
    _ kind: Kind, at location: SourceLocation? = nil, _ message: String, underlying: String? = nil
  ) {
    self.kind = kind
    self.location = location
    self.message = message
    self.underlying = underlying
  }

  /// `path:line:col: error: message (cause) [stage]`.
  public var description: String {
    var text = location.map { "\($0): error: " } ?? "error: "
    text += message
    if let underlying { text += " (\(underlying))" }
    if let stage { text += " [\(stage.rawValue)]" }
    return text
  }
}
