// The control channel in-process: records carry the stream offsets of the moment they are written.
import FolioProtocol
import Foundation
import Testing

@testable import FolioRuntime

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@Suite("Control channel")
struct ControlChannelTests {
  /// Temporary files standing in for the program's stdout, stderr and control file.
  final class Streams {
    let folder: URL
    let out: Int32
    let err: Int32
    let control: Int32

    init() {
      folder = FileManager.default.temporaryDirectory.appendingPathComponent("folio-channel-\(UUID())")
      try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      let folder = folder
      func create(_ name: String) -> Int32 {
        open(folder.appendingPathComponent(name).path, O_RDWR | O_CREAT | O_TRUNC, 0o644)
      }
      out = create("stdout")
      err = create("stderr")
      control = create("control")
    }

    func write(_ fd: Int32, _ text: String) {
      _ = text.withCString { Foundation.write(fd, $0, strlen($0)) }
    }

    func records() throws -> [[String: Any]] {
      let data = try Data(contentsOf: folder.appendingPathComponent("control"))
      return try data.split(separator: UInt8(ascii: "\n")).map {
        try #require(JSONSerialization.jsonObject(with: Data($0)) as? [String: Any])
      }
    }

    deinit {
      close(out)
      close(err)
      close(control)
      try? FileManager.default.removeItem(at: folder)
    }
  }

  @Test("records carry the offsets of stdout and stderr when written")
  func offsets() throws {
    let streams = Streams()
    let channel = ControlChannel(controlFD: streams.control, stdoutFD: streams.out, stderrFD: streams.err)
    channel.record(.begin, cell: 0)
    streams.write(streams.out, "hello\n")
    streams.write(streams.err, "warn\n")
    channel.record(.display, value: .text("rich"))
    streams.write(streams.out, "more\n")
    channel.record(.end, cell: 0)
    let records = try streams.records()
    #expect(records.map { $0["event"] as? String } == ["begin", "display", "end"])
    #expect(records.map { $0["stdout"] as? Int } == [0, 6, 11])
    #expect(records.map { $0["stderr"] as? Int } == [0, 5, 5])
    #expect(records.map { $0["cell"] as? Int } == [0, 0, 0])
    #expect(records[1]["kind"] as? String == "text")
    #expect(records[1]["data"] as? String == "rich")
  }

  @Test("records after a begin belong to its cell until the next begin")
  func currentCell() throws {
    let streams = Streams()
    let channel = ControlChannel(controlFD: streams.control, stdoutFD: streams.out, stderrFD: streams.err)
    channel.record(.begin, cell: 4)
    channel.record(.lineValue, line: 12, value: .text("3.0"))
    channel.record(.end, cell: 4)
    channel.record(.finish, cell: -1)
    let records = try streams.records()
    #expect(records.map { $0["cell"] as? Int } == [4, 4, 4, -1])
    #expect(records[1]["line"] as? Int == 12)
  }

  @Test("an inert channel writes nothing")
  func inert() throws {
    let streams = Streams()
    let channel = ControlChannel(controlFD: -1, stdoutFD: streams.out, stderrFD: streams.err)
    #expect(channel.isActive == false)
    streams.write(streams.out, "printed\n")
    channel.record(.begin, cell: 0)
    channel.record(.display, value: .text("rich"))
    channel.record(.end, cell: 0)
    // Nothing went to either stream, nor to the control file a live channel would use.
    #expect(lseek(streams.out, 0, SEEK_CUR) == 8)
    #expect(lseek(streams.err, 0, SEEK_CUR) == 0)
    #expect(try streams.records().isEmpty)
    #expect(channel.currentCell == -1)
  }
}
