// The one-file store behind the rendered-maths and highlighting caches.
import Foundation
import Testing

@testable import FolioCore

@Suite struct EntryStoreTests {
  private func scratch() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("folio-entries-\(UUID())/cache.entries")
  }

  @Test func entriesSurviveARoundTrip() throws {
    let file = scratch()
    defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
    let store = EntryStore(file: file)
    #expect(store.value(for: "a") == nil)
    store.store("first\nline two\n", for: "a")
    store.store("", for: "empty")
    store.store("ünïcode ✓", for: "b")
    store.save()

    let reopened = EntryStore(file: file)
    #expect(reopened.value(for: "a") == "first\nline two\n")
    #expect(reopened.value(for: "empty") == "")
    #expect(reopened.value(for: "b") == "ünïcode ✓")
    #expect(reopened.value(for: "c") == nil)
  }

  @Test func onlyTheEntriesABuildUsedAreKept() throws {
    let file = scratch()
    defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
    let store = EntryStore(file: file)
    store.store("1", for: "kept")
    store.store("2", for: "dropped")
    store.save()

    let next = EntryStore(file: file)
    #expect(next.value(for: "kept") == "1")
    next.save()
    #expect(try EntryStore.parse(Data(contentsOf: file)) == ["kept": "1"])
  }

  @Test func aBuildThatKeptPagesKeepsTheEntriesItDidNotLookAt() throws {
    let file = scratch()
    defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
    let store = EntryStore(file: file)
    store.store("1", for: "looked at")
    store.store("2", for: "not looked at")
    store.save()

    let next = EntryStore(file: file)
    #expect(next.value(for: "looked at") == "1")
    next.store("3", for: "new")
    next.keepUnused()
    next.save()
    #expect(
      try EntryStore.parse(Data(contentsOf: file)) == ["looked at": "1", "not looked at": "2", "new": "3"])
  }

  @Test func aDamagedFileIsIgnoredAsAWhole() throws {
    let file = scratch()
    defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
    let store = EntryStore(file: file)
    store.store("value", for: "key")
    store.store("other", for: "key2")
    store.save()
    let good = try Data(contentsOf: file)

    var flipped = good
    flipped[flipped.count - 3] ^= 0x01
    for damaged in [good.prefix(good.count - 4), flipped, Data("junk".utf8), Data()] {
      try damaged.write(to: file)
      #expect(EntryStore(file: file).value(for: "key") == nil)
    }
  }

  @Test func aStoreWithoutAFileKeepsEntriesInMemory() {
    let store = EntryStore(file: nil)
    store.store("v", for: "k")
    store.save()
    #expect(store.value(for: "k") == "v")
  }
}
