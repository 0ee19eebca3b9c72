// Building chapter programs without the drivers: the remembered command lines, the autolink
// entries read from the object, and the fall-back to `swiftc` when the plan does not work.
import Foundation
import Testing

@testable import FolioCore

@Suite struct CompilerPlanTests {
  @Test func shellWordsSplitsQuotedArguments() {
    #expect(ShellWords.split("a  b\tc") == ["a", "b", "c"])
    #expect(ShellWords.split(#"'/a b/c' "x \"y\" \\z" 'it'\''s'"#) == ["/a b/c", #"x "y" \z"#, "it's"])
    #expect(ShellWords.split(#" "/opt/swift/ld.lld" "-o" "" "#) == ["/opt/swift/ld.lld", "-o", ""])
    #expect(ShellWords.split("") == [])
  }

  @Test func autolinkEntriesMatchSwiftAutolinkExtract() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("folio-autolink-\(UUID())")
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let source = folder.appendingPathComponent("main.swift")
    try "import Foundation\nprint(Date.distantPast)\n".write(to: source, atomically: true, encoding: .utf8)
    let object = folder.appendingPathComponent("main.o")
    let swiftc = try #require(ProcessRunner.which("swiftc"))
    let log = folder.appendingPathComponent("log")
    #expect(
      try ProcessRunner.run(swiftc, ["-c", source.path, "-o", object.path], stdout: log, stderr: log)
        .succeeded)
    let extract = URL(fileURLWithPath: swiftc).resolvingSymlinksInPath().deletingLastPathComponent()
      .appendingPathComponent("swift-autolink-extract")
    let expected = folder.appendingPathComponent("expected")
    #expect(
      try ProcessRunner.run(extract.path, [object.path, "-o", expected.path], stdout: log, stderr: log)
        .succeeded)

    let entries = try #require(AutolinkEntries.read(Data(contentsOf: object)))
    let tool = try String(contentsOf: expected, encoding: .utf8).split(separator: "\n").map(String.init)
    // The same flags (the tool orders them its own way; the linker does not mind the order of
    // shared libraries), each once.
    #expect(Set(entries) == Set(tool))
    #expect(entries.count == Set(entries).count)
    #expect(entries.contains("-lFoundation"))
    #expect(AutolinkEntries.read(Data("not an object".utf8)) == nil)
    #expect(AutolinkEntries.read(try Data(contentsOf: object).prefix(100)) == nil)
  }

  @Test func planIsDerivedFromTheDriversAndRemembered() throws {
    let state = FileManager.default.temporaryDirectory.appendingPathComponent("folio-plan-\(UUID())")
    defer { try? FileManager.default.removeItem(at: state) }
    let toolchain = try Toolchain.locate(stateDirectory: state)
    let plan = try #require(ChapterExecutor.plan(toolchain: toolchain, stateDirectory: state))
    #expect(plan.frontend.first?.hasSuffix("swift-frontend") == true)
    #expect(plan.frontend.contains(CompilerPlan.Placeholder.source))
    #expect(plan.frontend.contains(CompilerPlan.Placeholder.object))
    #expect(plan.frontend.contains { $0.hasPrefix(CompilerPlan.Placeholder.libraries) })
    #expect(plan.linker.contains(CompilerPlan.Placeholder.autolink))
    #expect(plan.linker.contains(CompilerPlan.Placeholder.output))
    #expect(plan.linker.contains(CompilerPlan.Placeholder.object))
    let files = try FileManager.default.contentsOfDirectory(atPath: state.path).filter {
      $0.hasPrefix("compile-plan-")
    }
    #expect(files.count == 1)

    let paths = CompilerPlan.Files(
      source: URL(fileURLWithPath: "/w/main.swift"), object: URL(fileURLWithPath: "/w/main.o"),
      output: URL(fileURLWithPath: "/w/chapter"), libraries: URL(fileURLWithPath: "/lib s"))
    let commands = (
      compile: plan.compileCommand(paths), link: plan.linkCommand(paths, autolink: ["-lswiftCore", "-lm"])
    )
    #expect(commands.compile.contains("/w/main.swift"))
    #expect(commands.compile.contains("/lib s/Modules"))
    #expect(!(commands.compile + commands.link).contains { $0.contains("{FOLIO_") })
    let at = try #require(commands.link.firstIndex(of: "-lswiftCore"))
    #expect(commands.link[at + 1] == "-lm")
  }

  @Test func aPlanThatCannotLinkFallsBackToTheDriver() throws {
    let book = try FixtureBook("notebook")
    defer { book.remove() }
    let first = try book.build()
    #expect(first.succeeded, "\(first.diagnostics)")
    let state = book.options().stateDirectory
    let name = try #require(
      FileManager.default.contentsOfDirectory(atPath: state.path).first { $0.hasPrefix("compile-plan-") })
    let file = state.appendingPathComponent(name)
    var plan = try JSONDecoder().decode(CompilerPlan.self, from: Data(contentsOf: file))
    plan.linker[0] = "/bin/false"
    try JSONEncoder().encode(plan).write(to: file)

    var options = book.options()
    options.useCache = false
    let second = try Pipeline.run(options)
    #expect(second.succeeded, "\(second.diagnostics)")
    #expect(second.built?.results == first.built?.results)
  }
}
