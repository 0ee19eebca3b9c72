// Small helpers for writing SVG markup: escaped attributes, text width estimates, content ids.
import FolioRuntime

/// Markup helpers for `SVGRenderer`.
enum SVGText {
  /// `text` escaped for element content and attribute values.
  static func escape(_ text: String) -> String {
    HTMLText.escape(text)
  }

  /// An estimate of `text`'s width in pixels at `fontSize` in a sans-serif font.
  ///
  /// There are no font metrics at build time; 0.6 em per character errs on the wide side for
  /// system sans-serif fonts, so labels get room rather than overlap. Characters are counted
  /// as Unicode scalars, as a live cell's WebAssembly module counts them (it has no grapheme
  /// tables), so a figure is laid out the same in the build and in the page.
  static func width(_ text: String, fontSize: Double) -> Double {
    Double(text.unicodeScalars.count) * fontSize * 0.6
  }

  /// A short id derived from `content` (FNV-1a, 64 bit), so ids are stable across builds and
  /// differ between different figures on one page.
  static func contentID(_ content: String) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in content.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x100_0000_01b3
    }
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - hex.utf8.count) + hex
  }
}
