// Splitting text into lines by "\n" alone, so a CRLF line keeps its "\r" and nothing is lost.
import Foundation

extension String {
  /// The lines of the text split at each `\n` scalar (a CRLF line ends in `\r`); joining them
  /// with `"\n"` gives the text back byte for byte. Swift's `Character` treats `"\r\n"` as one
  /// character, so splitting on the Character `"\n"` would not split CRLF files at all.
  var rawLines: [String] {
    unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map {
      String(String.UnicodeScalarView($0))
    }
  }
}
