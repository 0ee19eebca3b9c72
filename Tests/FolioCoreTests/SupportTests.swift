// The small shared pieces: lines, field hashing, the parallel map's order.
import Foundation
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
}
