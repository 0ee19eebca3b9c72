// The small shared pieces: lines, field hashing, the parallel map's order.
import Foundation
import Synchronization
import Testing

@testable import FolioCore

@Suite struct SupportTests {
  @Test func rawLinesSplitAtEveryLineFeedAndJoinBack() {
    let samples = [
      "", "\n", "one", "one\n", "a\nb", "a\r\nb\r\n", "\n\nx\n\n", "é ∑\n🧮\n日本", "no\u{85}split\u{2028}here",
    ]
    for text in samples {
      let lines = text.rawLines
      #expect(lines.joined(separator: "\n") == text, "\(text.debugDescription)")
      #expect(lines.count == text.utf8.filter { $0 == 0x0A }.count + 1, "\(text.debugDescription)")
    }
    #expect("a\r\nb".rawLines == ["a\r", "b"])
    #expect(CellRenderer.displayCode("let a = 1\nlet b = 2\n") == ["let a = 1", "let b = 2"])
    #expect(CellRenderer.displayCode("x\n\n") == ["x", ""])
    #expect(CellRenderer.displayCode("") == [""])
  }

  @Test func aFieldHashesItsBytesWithItsLength() {
    // The digest of fields is SHA-256 over `count:bytes` per field: the same as hashing that text.
    var fields = FieldHasher()
    fields.add("é∑")
    fields.add("")
    fields.add("12:34")
    var plain = SHA256()
    plain.update(data: Data("5:é∑0:5:12:34".utf8))
    #expect(fields.hex() == FieldHasher.hex(plain.finalize()))
  }

  @Test func aWeightedMapStartsTheHeaviestFirstAndKeepsTheOrder() throws {
    let items = [3, 50, 1, 20, 7]
    final class Started: @unchecked Sendable {
      let lock = NSLock()
      var items: [Int] = []
    }
    let started = Started()
    let doubled = try Parallel.map(items, jobs: 1, weight: { $0 }) { item -> Int in
      started.lock.withLock { started.items.append(item) }
      return item * 2
    }
    #expect(doubled == [6, 100, 2, 40, 14])
    #expect(started.items == [50, 20, 7, 3, 1])
  }

  /// A module of one type, three functions and a custom section: exports chosen and renamed,
  /// every other byte as it was.
  @Test func aModulesExportsAreChosenAndRenamedAndTheRestKept() throws {
    func section(_ id: UInt8, _ payload: [UInt8]) -> [UInt8] {
      [id] + WasmExports.unsigned(UInt64(payload.count)) + payload
    }
    func name(_ text: String) -> [UInt8] { WasmExports.unsigned(UInt64(text.utf8.count)) + Array(text.utf8) }
    let header: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]
    let types = section(1, [0x01, 0x60, 0x00, 0x00])
    let functions = section(3, [0x03, 0x00, 0x00, 0x00])
    let code = section(10, [0x03] + (0..<3).flatMap { _ in [0x02, 0x00, 0x0B] as [UInt8] })
    let custom = section(0, name("producers") + Array(repeating: 0x2A, count: 200))
    let exports = section(
      7,
      [0x03] + name("run_0") + [0x00, 0x00] + name("run_1") + [0x00, 0x01] + name("memory") + [0x02, 0x00])
    let module = Data(header + types + functions + exports + code + custom)

    let (cut, names) = try #require(
      WasmExports.rewriting(module) { $0 == "run_1" ? "run" : $0 == "run_0" ? nil : $0 })
    #expect(names == ["run", "memory"])
    let expected = section(7, [0x02] + name("run") + [0x00, 0x01] + name("memory") + [0x02, 0x00])
    #expect(cut == Data(header + types + functions + expected + code + custom))
    #expect(try #require(WasmExports.rewriting(module) { $0 }).module == module)
    #expect(WasmExports.rewriting(Data("not a module".utf8)) { $0 } == nil)
    #expect(WasmExports.rewriting(Data(header + [0x07, 0x05, 0x01])) { $0 } == nil)
    #expect(WasmExports.unsigned(200) == [0xC8, 0x01])
    #expect(WasmExports.unsigned(0) == [0x00])
  }

  /// A job that steps aside lets a job of another thread work, with one permit between them.
  @Test func aJobWaitingForOtherWorkGivesUpItsPermit() throws {
    let gate = Parallel.Gate(permits: 1)
    let second = DispatchSemaphore(value: 0)
    let order = Mutex<[String]>([])
    let results = try Parallel.map([0, 1], jobs: 2) { (item: Int) throws(FolioError) -> Int in
      try gate.hold { () throws(FolioError) -> Int in
        if item == 0 {
          // Were the permit kept, the second job could not run and this would time out.
          let waited = gate.stepAside { second.wait(timeout: .now() + 60) }
          order.withLock { $0.append(waited == .success ? "first, after the second" : "first, timed out") }
        } else {
          order.withLock { $0.append("second") }
          second.signal()
        }
        return item
      }
    }
    #expect(results == [0, 1])
    #expect(order.withLock { $0 } == ["second", "first, after the second"])
  }
}
