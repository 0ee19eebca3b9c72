// Reads a chapter program's control file a chunk at a time, keeping what the limits allow.
import FolioProtocol
import Foundation

/// The records of a control file, read with bounded memory.
///
/// A cell that calls `display` in a loop, or shows one enormous value, writes as much to the
/// control file as the runtime's file-size cap lets it (256 MiB). The file is read in chunks;
/// each cell keeps at most `limits.richValues` rich values and `limits.richBytes` bytes of them,
/// a line longer than that is skipped without being held, and the cells that lost something are
/// remembered so their pages say the output was cut.
///
/// A cell can also write to the control file itself. What the runtime writes has offsets that
/// only grow and never pass the end of the output files, names a cell of the chapter, and has
/// `begin`, `end`, `shouldFail` and `finish` once per cell; anything else is dropped instead of
/// trusted, which also bounds what is kept by the chapter's size.
struct ControlRecords {
  /// The records kept, in file order.
  var records: [RuntimeRecord] = []
  /// Cells with rich values left out.
  var truncatedCells: Set<Int> = []

  private let limits: ExecutionLimits
  private let cellCount: Int
  private let stdoutCount: Int
  private let stderrCount: Int
  private var stdoutOffset = 0
  private var stderrOffset = 0
  private var seen: Set<String> = []
  private var pending = Data()
  private var skipping = false
  private var currentCell: Int?
  private var kept: [Int: (count: Int, bytes: Int)] = [:]
  private let decoder = JSONDecoder()

  /// Bytes of one line beyond which it is skipped: the largest value a cell may keep, plus room
  /// for the record around it.
  private var longestLine: Int { limits.richBytes + 4096 }

  /// Reads the control file at `url` of a chapter with `cellCount` cells whose program wrote
  /// `stdoutCount` and `stderrCount` bytes; a missing file has no records.
  init(contentsOf url: URL, cellCount: Int, stdoutCount: Int, stderrCount: Int, limits: ExecutionLimits) {
    self.limits = limits
    self.cellCount = cellCount
    self.stdoutCount = stdoutCount
    self.stderrCount = stderrCount
    guard let handle = try? FileHandle(forReadingFrom: url) else { return }
    defer { try? handle.close() }
    while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty { consume(chunk) }
    finish()
  }

  /// Reads records already in memory.
  init(_ data: Data, cellCount: Int, stdoutCount: Int, stderrCount: Int, limits: ExecutionLimits) {
    self.limits = limits
    self.cellCount = cellCount
    self.stdoutCount = stdoutCount
    self.stderrCount = stderrCount
    consume(data)
    finish()
  }

  private mutating func consume(_ chunk: Data) {
    var rest = chunk[...]
    while let newline = rest.firstIndex(of: UInt8(ascii: "\n")) {
      if skipping {
        skipping = false
      } else {
        pending.append(rest[..<newline])
        line(pending)
      }
      pending.removeAll(keepingCapacity: true)
      rest = rest[rest.index(after: newline)...]
    }
    guard !skipping else { return }
    pending.append(rest)
    if pending.count > longestLine {
      // Too long to keep: drop what was held and skip to the end of the line.
      pending = Data()
      skipping = true
      if let currentCell { truncatedCells.insert(currentCell) }
    }
  }

  private mutating func finish() {
    if !skipping && !pending.isEmpty { line(pending) }
    pending = Data()
  }

  private mutating func line(_ bytes: Data) {
    guard !bytes.isEmpty else { return }
    if bytes.count > longestLine {
      if let currentCell { truncatedCells.insert(currentCell) }
      return
    }
    guard let record = try? decoder.decode(RuntimeRecord.self, from: bytes),
      record.cell >= -1 && record.cell < cellCount,
      record.stdout >= stdoutOffset, record.stdout <= stdoutCount,
      record.stderr >= stderrOffset, record.stderr <= stderrCount
    else { return }
    switch record.event {
    case .begin, .end, .shouldFail, .finish:
      guard seen.insert("\(record.event.rawValue) \(record.cell)").inserted else { return }
      if record.event == .begin { currentCell = record.cell }
    case .display, .value, .lineValue, .input:
      let size = (record.data ?? record.label)?.utf8.count ?? 0
      var budget = kept[record.cell] ?? (0, 0)
      guard budget.count < limits.richValues, budget.bytes + size <= limits.richBytes else {
        truncatedCells.insert(record.cell)
        return
      }
      budget.count += 1
      budget.bytes += size
      kept[record.cell] = budget
    }
    stdoutOffset = record.stdout
    stderrOffset = record.stderr
    records.append(record)
  }
}
