// The control file a chapter program writes its cell boundaries and rich values to.
import FolioProtocol

#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Musl)
  @preconcurrency import Musl
#elseif canImport(Darwin)
  @preconcurrency import Darwin
#endif

/// Writes records to the control file named by `FOLIO_CONTROL` (the format: FolioProtocol's
/// `RuntimeWire.swift`).
///
/// Each record is one JSON line written with one `write(2)` after flushing stdout, carrying the
/// byte offsets of stdout and stderr at that moment: the engine cuts the streams into cells by
/// offset, so nothing a cell prints can be mistaken for a record. Without `FOLIO_CONTROL` the
/// channel is inert and rich values print a text fallback instead.
final class ControlChannel: @unchecked Sendable {
  /// The process's channel, opened on first use.
  static let shared: ControlChannel = {
    guard let path = getenv(RuntimeWire.controlVariable).map({ String(cString: $0) }), !path.isEmpty else {
      return ControlChannel(controlFD: -1)
    }
    ProcessSetup.prepare()
    let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
    if fd < 0 {
      let message = "FolioRuntime: cannot open \(RuntimeWire.controlVariable) file \(path)\n"
      _ = message.withCString { write(2, $0, strlen($0)) }
    }
    return ControlChannel(controlFD: fd)
  }()

  /// The control file, or -1 when inert.
  let controlFD: Int32
  /// The descriptors whose offsets each record carries.
  let stdoutFD: Int32
  let stderrFD: Int32
  /// The cell the last `begin` named; records belong to it.
  private var cell = -1
  private let mutex: UnsafeMutablePointer<pthread_mutex_t>

  /// Creates a channel writing to `controlFD` (-1: inert).
  init(controlFD: Int32, stdoutFD: Int32 = 1, stderrFD: Int32 = 2) {
    self.controlFD = controlFD
    self.stdoutFD = stdoutFD
    self.stderrFD = stderrFD
    mutex = .allocate(capacity: 1)
    pthread_mutex_init(mutex, nil)
  }

  /// Whether records are written (a `FOLIO_CONTROL` file is open).
  var isActive: Bool { controlFD >= 0 }

  /// The cell records currently belong to.
  var currentCell: Int {
    locked { cell }
  }

  /// Writes `event` for `cell` (default: the current cell), then any extra fields in order.
  /// `begin` and `shouldFail` records make `cell` the current cell.
  func record(
    _ event: RecordEvent, cell explicitCell: Int? = nil, line: Int? = nil, value: DisplayValue? = nil,
    outcome: ShouldFailOutcome? = nil, status: String? = nil, input: Slider? = nil
  ) {
    guard isActive else { return }
    locked {
      if let explicitCell, event == .begin { cell = explicitCell }
      fflush(nil)
      var json = JSONText()
      json.add("event", event.rawValue)
      json.add("cell", explicitCell ?? cell)
      if let line { json.add("line", line) }
      json.add("stdout", Int(lseek(stdoutFD, 0, SEEK_CUR)))
      json.add("stderr", Int(lseek(stderrFD, 0, SEEK_CUR)))
      if let value {
        json.add("kind", value.kind.rawValue)
        json.add("data", value.data)
        json.add("summary", value.summary)
      }
      if let outcome { json.add("outcome", outcome.rawValue) }
      if let status { json.add("status", status) }
      if let input {
        json.add("label", input.label)
        json.add("value", input.value)
        json.add("min", input.range.lowerBound)
        json.add("max", input.range.upperBound)
        json.add("step", input.step)
      }
      writeAll(json.line())
    }
  }

  /// Makes `cell` the current cell without writing anything (a forked `should-fail` child).
  func setCurrentCell(_ newCell: Int) {
    locked { cell = newCell }
  }

  /// One write(2) for the whole line; continues only if the kernel wrote part of it.
  private func writeAll(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        let written = write(controlFD, buffer.baseAddress! + offset, buffer.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          return
        }
        offset += written
      }
    }
  }

  private func locked<T>(_ body: () -> T) -> T {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    return body()
  }
}
