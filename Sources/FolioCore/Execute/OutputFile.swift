// One of a chapter program's output streams on disk, read a window at a time so that a cell
// printing hundreds of megabytes never has to fit in the engine's memory.
import Foundation

/// A chapter program's stdout or stderr file, opened for reading.
///
/// Offsets come from the runtime's control records, which a misbehaving program can forge, so
/// every read is clamped to the file.
final class OutputFile {
  /// The file's size in bytes when it was opened.
  let count: Int
  /// Bytes read so far: what the engine holds of the file, which the limits keep small.
  private(set) var bytesRead = 0
  private let handle: FileHandle?
  private let data: Data?

  /// Opens the file at `url`; a missing file reads as empty.
  init(_ url: URL) {
    handle = try? FileHandle(forReadingFrom: url)
    count = handle == nil ? 0 : max(FileStatus.of(url.path)?.size ?? 0, 0)
    data = nil
  }

  /// Wraps bytes already in memory.
  init(_ data: Data) {
    self.data = data
    handle = nil
    count = data.count
  }

  deinit { try? handle?.close() }

  /// The bytes in `from..<to`, clamped to the file.
  func read(_ from: Int, _ to: Int) -> Data {
    let lower = min(max(from, 0), count)
    let upper = min(max(to, lower), count)
    guard upper > lower else { return Data() }
    bytesRead += upper - lower
    if let data { return data.subdata(in: data.startIndex + lower..<data.startIndex + upper) }
    guard let handle else { return Data() }
    do {
      try handle.seek(toOffset: UInt64(lower))
      return try handle.read(upToCount: upper - lower) ?? Data()
    } catch {
      return Data()
    }
  }
}
