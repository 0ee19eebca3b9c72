// Unit tests for numeric-aware comparison of expected and actual output.
import Testing

@testable import FolioCore

@Suite struct OutputComparisonTests {
  let tolerance = Tolerance.default

  @Test func numbersWithinToleranceMatch() {
    #expect(
      OutputComparison.compare(expected: "0.3\n", actual: "0.30000000000000004\n", tolerance: tolerance)
        == nil)
    #expect(OutputComparison.compare(expected: "x = 1e-13", actual: "x = 0.0", tolerance: tolerance) == nil)
    #expect(
      OutputComparison.compare(expected: "[inf, -inf, nan]", actual: "[inf, -inf, nan]", tolerance: tolerance)
        == nil)
  }

  @Test func numbersOutsideToleranceAreReportedAsNumbers() throws {
    let difference = try #require(
      OutputComparison.compare(
        expected: "a\nloss 0.3333\n", actual: "a\nloss 0.3333333333333333\n", tolerance: tolerance))
    #expect(difference.line == 1)
    #expect(difference.message.contains("expected 0.3333, got 0.3333333333333333"))
    #expect(difference.message.contains("difference 3.33e-05"))
  }

  @Test func textMustMatchExactlyButTrailingWhitespaceIsIgnored() {
    #expect(
      OutputComparison.compare(expected: "norm 5.0  \n\n", actual: "norm 5.0\n", tolerance: tolerance) == nil)
    #expect(OutputComparison.compare(expected: "L1 5.0", actual: "L2 5.0", tolerance: tolerance) != nil)
    #expect(OutputComparison.compare(expected: "a\r\nb\r\n", actual: "a\nb\n", tolerance: tolerance) == nil)
  }

  @Test func missingAndExtraLinesAreReported() {
    #expect(
      OutputComparison.compare(expected: "a\nb", actual: "a", tolerance: tolerance)?.message.contains(
        "ends early")
        == true)
    #expect(
      OutputComparison.compare(expected: "a", actual: "a\nb", tolerance: tolerance)?.message.contains(
        "goes on") == true)
  }

  @Test func numbersInsideWordsAreText() {
    #expect(OutputComparison.tokens("x1 = 2") == [.text("x1 = "), .number(2, "2")])
    #expect(OutputComparison.tokens("3-1") == [.number(3, "3"), .text("-"), .number(1, "1")])
    #expect(OutputComparison.tokens("information") == [.text("information")])
  }

  @Test func toleranceIsSettable() {
    let loose = Tolerance(relative: 1e-3, absolute: 0)
    #expect(
      OutputComparison.compare(expected: "0.3333", actual: "0.3333333333333333", tolerance: loose) == nil)
  }
}
