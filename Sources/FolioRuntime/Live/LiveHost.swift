// The runtime of a live cell's WebAssembly module: output, inputs and memory from the page.

#if hasFeature(Embedded)
  // Compiled only with Embedded Swift for `wasm32-unknown-none-wasm`, where there is no libc:
  // the page's script (`folio-live.js`) supplies what the cell prints to, its inputs, number
  // formatting and memory growth; the names are FolioProtocol's `LiveWire`.

  @_extern(c, "folio_display")
  func hostDisplay(
    _ kind: Int32, _ data: UnsafePointer<UInt8>?, _ dataCount: Int, _ summary: UnsafePointer<UInt8>?,
    _ summaryCount: Int)
  @_extern(c, "folio_input") func hostInput(_ cell: Int32, _ ordinal: Int32, _ value: Double) -> Double
  @_extern(c, "folio_cell") func hostCell(_ cell: Int32, _ muted: Int32)
  @_extern(c, "folio_grow") func hostGrow(_ pages: Int) -> Int

  /// The live cell's inputs, numbered in the order the cell declares them.
  enum LiveInputs {
    nonisolated(unsafe) static var cell: Int32 = -1
    nonisolated(unsafe) static var ordinal: Int32 = 0

    static func value(of input: Slider) -> Double {
      let ordinal = ordinal
      Self.ordinal += 1
      let value = hostInput(cell, ordinal, input.value)
      return min(max(value, input.range.lowerBound), input.range.upperBound)
    }
  }

  /// Marks the start of cell `cell` in a live module; a `muted` cell (an earlier live cell the
  /// current one builds on) runs without showing anything.
  public func __folio_live_begin(_ cell: Int, muted: Bool) {
    LiveInputs.cell = Int32(cell)
    LiveInputs.ordinal = 0
    hostCell(Int32(cell), muted ? 1 : 0)
  }

  // `print(a, b, …)` as natively, for one to six values, each by its `description` (Embedded
  // Swift's own `print` takes one string; a parameter pack crashes this compiler here).

  /// Prints 1 value separated by `separator`, as `print` does natively.
  public func print<A: CustomStringConvertible>(
    _ a: A, separator: String = " ", terminator: String = "\n"
  ) {
    printLine([a.description], separator: separator, terminator: terminator)
  }

  /// Prints 2 values separated by `separator`, as `print` does natively.
  public func print<A: CustomStringConvertible, B: CustomStringConvertible>(
    _ a: A, _ b: B, separator: String = " ", terminator: String = "\n"
  ) {
    printLine([a.description, b.description], separator: separator, terminator: terminator)
  }

  /// Prints 3 values separated by `separator`, as `print` does natively.
  public func print<A: CustomStringConvertible, B: CustomStringConvertible, C: CustomStringConvertible>(
    _ a: A, _ b: B, _ c: C, separator: String = " ", terminator: String = "\n"
  ) {
    printLine([a.description, b.description, c.description], separator: separator, terminator: terminator)
  }

  /// Prints 4 values separated by `separator`, as `print` does natively.
  public func print<
    A: CustomStringConvertible, B: CustomStringConvertible, C: CustomStringConvertible,
    D: CustomStringConvertible
  >(
    _ a: A, _ b: B, _ c: C, _ d: D, separator: String = " ", terminator: String = "\n"
  ) {
    printLine(
      [a.description, b.description, c.description, d.description], separator: separator,
      terminator: terminator)
  }

  /// Prints 5 values separated by `separator`, as `print` does natively.
  public func print<
    A: CustomStringConvertible, B: CustomStringConvertible, C: CustomStringConvertible,
    D: CustomStringConvertible, E: CustomStringConvertible
  >(
    _ a: A, _ b: B, _ c: C, _ d: D, _ e: E, separator: String = " ", terminator: String = "\n"
  ) {
    printLine(
      [a.description, b.description, c.description, d.description, e.description], separator: separator,
      terminator: terminator)
  }

  /// Prints 6 values separated by `separator`, as `print` does natively.
  public func print<
    A: CustomStringConvertible, B: CustomStringConvertible, C: CustomStringConvertible,
    D: CustomStringConvertible, E: CustomStringConvertible, F: CustomStringConvertible
  >(
    _ a: A, _ b: B, _ c: C, _ d: D, _ e: E, _ f: F, separator: String = " ", terminator: String = "\n"
  ) {
    printLine(
      [a.description, b.description, c.description, d.description, e.description, f.description],
      separator: separator, terminator: terminator)
  }

  // The parts every cell shares are compiled once, into the library's own object file
  // (`@export(interface)`), rather than into each cell's module.
  @export(interface)
  func printLine(_ items: [String], separator: String, terminator: String) {
    var line = ""
    for (index, item) in items.enumerated() {
      if index > 0 { line += separator }
      line += item
    }
    Swift.print(line + terminator, terminator: "")
  }

  /// Shows a rich value (a plot) in the cell's output.
  public func display<T: Displayable>(_ value: T) {
    send(value.displayValue)
  }

  /// Shows text in the cell's output, as `display("…")` does natively.
  public func display(_ text: String) {
    send(.text(text))
  }

  @export(interface)
  func send(_ value: DisplayValue) {
    let kind: Int32 =
      switch value.kind {
      case .text: 0
      case .svg: 1
      case .html: 2
      }
    var data = value.data
    var summary = value.summary
    data.withUTF8 { data in
      summary.withUTF8 { summary in
        hostDisplay(kind, data.baseAddress, data.count, summary.baseAddress, summary.count)
      }
    }
  }

  /// The module's memory: a bump allocator that the page resets after each run when everything
  /// the run allocated was freed (what stays allocated, such as a lazily made constant, stays).
  enum LiveHeap {
    nonisolated(unsafe) static var next = 0
    nonisolated(unsafe) static var end = 0
    /// Blocks at or above `mark` belong to the current run.
    nonisolated(unsafe) static var mark = 0
    nonisolated(unsafe) static var live = 0

    static func allocate(_ size: Int, alignment: Int) -> UnsafeMutableRawPointer? {
      let align = max(alignment, 16)
      let start = (next + align - 1) & ~(align - 1)
      let stop = start + max(size, 1)
      if stop > end {
        let pages = (stop - end + 65535) / 65536
        guard hostGrow(pages) >= 0 else { return nil }
        end += pages * 65536
      }
      next = stop
      live += 1
      return UnsafeMutableRawPointer(bitPattern: start)
    }

    static func free(_ pointer: UnsafeMutableRawPointer?) {
      guard let pointer, Int(bitPattern: pointer) >= mark else { return }
      live -= 1
    }
  }

  /// Where free memory starts and ends: the page calls it once, before the first run.
  @_cdecl("folio_heap")
  public func __folio_heap(_ base: Int, _ end: Int) {
    LiveHeap.next = base
    LiveHeap.mark = base
    LiveHeap.end = end
  }

  /// After a run: frees what it allocated when all of it was freed; otherwise keeps it.
  @_cdecl("folio_release")
  public func __folio_release() {
    if LiveHeap.live == 0 {
      LiveHeap.next = LiveHeap.mark
    } else {
      LiveHeap.mark = LiveHeap.next
      LiveHeap.live = 0
    }
  }

  /// The allocator Embedded Swift calls for every object and buffer.
  @_cdecl("posix_memalign")
  public func __folio_posix_memalign(
    _ result: UnsafeMutablePointer<UnsafeMutableRawPointer?>, _ alignment: Int, _ size: Int
  ) -> Int32 {
    guard let pointer = LiveHeap.allocate(size, alignment: alignment) else { return 12 }  // ENOMEM
    result.pointee = pointer
    return 0
  }

  /// `malloc`, for anything in the standard library that asks for it.
  @_cdecl("malloc")
  public func __folio_malloc(_ size: Int) -> UnsafeMutableRawPointer? {
    LiveHeap.allocate(size, alignment: 16)
  }

  /// Frees a block (counted: the memory is reused after the run).
  @_cdecl("free")
  public func __folio_free(_ pointer: UnsafeMutableRawPointer?) {
    LiveHeap.free(pointer)
  }

  /// 128-bit multiplication, which LLVM calls for `multipliedFullWidth` and the toolchain ships no
  /// compiler-rt for on wasm32: `result = a × b` modulo 2¹²⁸, each as (low, high) 64-bit halves.
  @_cdecl("__multi3")
  public func __folio_multi3(
    _ result: UnsafeMutablePointer<UInt64>, _ aLow: UInt64, _ aHigh: UInt64, _ bLow: UInt64, _ bHigh: UInt64
  ) {
    // 64 × 64 → 128 from 32-bit halves, so nothing here calls __multi3 again.
    let a0 = aLow & 0xFFFF_FFFF
    let a1 = aLow >> 32
    let b0 = bLow & 0xFFFF_FFFF
    let b1 = bLow >> 32
    let low = a0 &* b0
    let middle1 = a1 &* b0 &+ (low >> 32)
    let middle2 = a0 &* b1 &+ (middle1 & 0xFFFF_FFFF)
    let high = a1 &* b1 &+ (middle1 >> 32) &+ (middle2 >> 32)
    result[0] = (middle2 << 32) | (low & 0xFFFF_FFFF)
    result[1] = high &+ aLow &* bHigh &+ aHigh &* bLow
  }

  // Unicode data without its 40 KB of tables, which would take a live module past its budget.
  // A live cell's text (labels, numbers) is taken as it is, which is right for text already in
  // Normalization Form C without combining marks, as a figure's labels are: every scalar is its
  // own character (`count` counts scalars) and strings compare scalar by scalar.

  /// Normalisation data: combining class 0, already NFC and NFD.
  @_cdecl("_swift_stdlib_getNormData")
  public func __folio_getNormData(_ scalar: UInt32) -> UInt16 { 0 }  // combining class 0, NFC and NFD already

  /// No canonical composition.
  @_cdecl("_swift_stdlib_getComposition")
  public func __folio_getComposition(_ first: UInt32, _ second: UInt32) -> UInt32 { .max }  // none

  /// No canonical decomposition.
  @_cdecl("_swift_stdlib_getDecompositionEntry")
  public func __folio_getDecompositionEntry(_ scalar: UInt32) -> UInt32 { .max }  // none

  /// Every scalar breaks on both sides (one scalar, one character).
  @_cdecl("_swift_stdlib_getGraphemeBreakProperty")
  public func __folio_getGraphemeBreakProperty(_ scalar: UInt32) -> UInt8 { 0 }  // breaks on both sides

  /// No Indic conjunct consonants.
  @_cdecl("_swift_stdlib_isInCB_Consonant")
  public func __folio_isInCB_Consonant(_ scalar: UInt32) -> Bool { false }

  /// No emoji sequences.
  @_cdecl("_swift_stdlib_isExtendedPictographic")
  public func __folio_isExtendedPictographic(_ scalar: UInt32) -> Bool { false }

  /// The (empty) decomposition table.
  @_silgen_name("_swift_stdlib_nfd_decompositions")
  public nonisolated(unsafe) var __folio_nfd_decompositions: UnsafePointer<UInt8>? = nil

  /// Hashing seeds: fixed, so a module's runs are reproducible.
  @_cdecl("arc4random_buf")
  public func __folio_arc4random_buf(_ buffer: UnsafeMutableRawPointer?, _ count: Int) {
    guard let buffer else { return }
    for index in 0..<count {
      buffer.storeBytes(
        of: UInt8(truncatingIfNeeded: index &* 167 &+ 13), toByteOffset: index, as: UInt8.self)
    }
  }
#endif
