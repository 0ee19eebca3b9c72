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

  /// Edits to one page while the others are kept: each build writes new entries and keeps the
  /// rest, one write older; an entry no build uses goes after `oldestKept` writes, one a build
  /// uses starts again, and a build that writes nothing ages nothing.
  @Test func entriesNoBuildUsesAgeOutOfKeptBuilds() throws {
    let file = scratch()
    defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
    let first = EntryStore(file: file)
    first.store("old snippet", for: "stale")
    first.store("a kept page's snippet", for: "kept")
    first.save()
    for edit in 1...EntryStore.oldestKept {
      let build = EntryStore(file: file)
      build.store("snippet \(edit)", for: "edit \(edit)")
      if edit == EntryStore.oldestKept / 2 { #expect(build.value(for: "kept") == "a kept page's snippet") }
      build.keepUnused()
      build.save()
    }
    let after = try #require(EntryStore.parseEntries(Data(contentsOf: file)))
    #expect(after["stale"] == EntryStore.Entry(value: "old snippet", age: EntryStore.oldestKept))
    #expect(after["kept"]?.age == EntryStore.oldestKept / 2)
    #expect(after["edit \(EntryStore.oldestKept)"]?.age == 0)

    // A build that kept everything and stored nothing leaves the file as it was.
    let unchanged = try Data(contentsOf: file)
    let idle = EntryStore(file: file)
    idle.keepUnused()
    idle.save()
    #expect(try Data(contentsOf: file) == unchanged)

    let last = EntryStore(file: file)
    last.store("new", for: "one more edit")
    last.keepUnused()
    last.save()
    let entries = try #require(EntryStore.parse(Data(contentsOf: file)))
    #expect(entries["stale"] == nil)
    #expect(entries["kept"] == "a kept page's snippet")
    #expect(entries.count == EntryStore.oldestKept + 2)
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
