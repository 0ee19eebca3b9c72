// Fresh arrays of doubles, backed by huge pages when large (fewer TLB misses on streaming kernels).

#if canImport(Glibc)
  import Glibc
#endif

extension Array where Element == Double {
  /// An array of `count` doubles written by `fill`, which must initialise every element.
  ///
  /// From 4 MB up, on Linux, the fresh (not yet touched) pages are first marked
  /// `MADV_HUGEPAGE`, as numpy does for its arrays: streaming over 10⁷ doubles then runs at the
  /// memory's bandwidth instead of stalling on page-table walks.
  @inline(__always)
  static func filled(count: Int, _ fill: (UnsafeMutableBufferPointer<Double>) -> Void) -> [Double] {
    [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
      if count >= 1 << 19 { adviseHugePages(UnsafeMutableRawBufferPointer(buffer)) }
      fill(buffer)
      initialized = count
    }
  }
}

/// Asks the kernel for transparent huge pages over the 2 MB-aligned interior of `buffer` (Linux only;
/// a no-op elsewhere or when the kernel declines).
func adviseHugePages(_ buffer: UnsafeMutableRawBufferPointer) {
  #if os(Linux)
    guard let base = buffer.baseAddress else { return }
    let huge = 1 << 21
    let start = (Int(bitPattern: base) + huge - 1) & ~(huge - 1)
    let end = (Int(bitPattern: base) + buffer.count) & ~(huge - 1)
    if end > start {
      _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, 14)  // MADV_HUGEPAGE
    }
  #endif
}
