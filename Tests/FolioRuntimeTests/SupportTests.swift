// Number formatting, HTML escaping and child status decoding.
import Testing

@testable import FolioRuntime

@Suite("Support")
struct SupportTests {
  @Test("fixed and significant formatting, no negative zero")
  func numbers() {
    #expect(NumberText.fixed(1.25, digits: 1) == "1.2")
    #expect(NumberText.fixed(-0.001, digits: 2) == "0.00")
    #expect(NumberText.trimmed(2.50, digits: 2) == "2.5")
    #expect(NumberText.trimmed(-3, digits: 2) == "-3")
    #expect(NumberText.significant(1.0 / 3.0) == "0.333333")
    #expect(NumberText.significant(1e-7) == "1e-07")
    #expect(NumberText.significant(.nan) == "nan")
    #expect(NumberText.significant(-.infinity) == "-inf")
  }

  @Test("HTML escaping keeps text text")
  func escaping() {
    #expect(HTMLText.escape("<a href='x'>&\"</a>") == "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;")
    #expect(HTMLText.escape("bell\u{07}\tok\n") == "bell\tok\n")
  }

  @Test("wait statuses decode to outcomes and words")
  func childStatus() {
    let trapped = ChildStatus(waitStatus: 4)  // killed by SIGILL
    #expect(trapped == .signal(4))
    #expect(trapped.outcome == .failed)
    #expect(trapped.text == "signal 4 (SIGILL)")
    let exited = ChildStatus(waitStatus: 3 << 8)
    #expect(exited == .exit(3))
    #expect(exited.outcome == .failed)
    #expect(exited.text == "exit 3")
    let survived = ChildStatus(waitStatus: 86 << 8)
    #expect(survived.outcome == .survived)
    #expect(survived.text == "completed")
    #expect(ChildStatus(waitStatus: 0).outcome == .survived)
  }
}
