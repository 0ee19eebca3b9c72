// The control records' JSON: any payload survives the trip, and a record stays one line.
import Foundation
import Testing

@testable import FolioRuntime

@Suite("JSON records")
struct JSONTextTests {
  /// Strings a cell might display or print that could break a naive writer.
  static let hostile = [
    "plain",
    "quote \" and backslash \\ and slash /",
    "new\nline, carriage\rreturn, tab\t, form\u{0C}feed, bell\u{07}, nul\u{00}, escape\u{1B}[0m",
    "{\"event\":\"end\",\"cell\":0,\"stdout\":0,\"stderr\":0}\n",
    "non-ASCII: é ∑ ‖x‖₂ 😀, separators \u{2028}\u{2029}, delete \u{7F}",
    "",
  ]

  @Test("strings round-trip through a JSON parser", arguments: hostile)
  func roundTrip(text: String) throws {
    var json = JSONText()
    json.add("data", text)
    let line = json.line()
    let parsed = try JSONSerialization.jsonObject(with: Data(line)) as? [String: String]
    #expect(parsed?["data"] == text)
  }

  @Test("a record is exactly one line whatever the payload")
  func oneLine() {
    var json = JSONText()
    json.add("event", "display")
    json.add("cell", 3)
    for text in Self.hostile { json.add("data", text) }
    let line = json.line()
    #expect(line.last == UInt8(ascii: "\n"))
    #expect(line.dropLast().contains(UInt8(ascii: "\n")) == false)
    #expect(line.dropLast().contains(UInt8(ascii: "\r")) == false)
  }

  @Test("fields keep their order and numbers are bare")
  func fieldOrder() {
    var json = JSONText()
    json.add("event", "begin")
    json.add("cell", -1)
    json.add("stdout", 120)
    #expect(
      String(decoding: json.line(), as: UTF8.self) == "{\"event\":\"begin\",\"cell\":-1,\"stdout\":120}\n")
  }

  @Test("control characters use \\u escapes, non-ASCII stays UTF-8")
  func escapes() {
    #expect(JSONText.quoted("a\u{01}b") == "\"a\\u0001b\"")
    #expect(JSONText.quoted("é\n") == "\"é\\n\"")
  }
}
