// Splitting text into lines by "\n" alone, so a CRLF line keeps its "\r" and nothing is lost.
import Foundation

extension String {
  /// The lines of the text split at each `\n` scalar (a CRLF line ends in `\r`); joining them
  /// with `"\n"` gives the text back byte for byte. Swift's `Character` treats `"\r\n"` as one
  /// character, so splitting on the Character `"\n"` would not split CRLF files at all. The C
  /// library finds the line breaks in the UTF-8: pages split highlighted code and outputs into
  /// lines by the thousand.
  var rawLines: [String] {
    var text = self
    return text.withUTF8 { bytes -> [String] in
      guard let base = bytes.baseAddress else { return [""] }
      var lines: [String] = []
      var start = 0
      while let found = memchr(base + start, 0x0A, bytes.count - start) {
        let end = UnsafeRawPointer(found) - UnsafeRawPointer(base)
        lines.append(
          String(decoding: UnsafeBufferPointer(start: base + start, count: end - start), as: UTF8.self))
        start = end + 1
      }
      lines.append(
        String(decoding: UnsafeBufferPointer(start: base + start, count: bytes.count - start), as: UTF8.self))
      return lines
    }
  }
}
