// The byte stream of one server-sent-events response, fed by the reload hub.
import FlyingFox
import FlyingSocks

/// Adapts an `AsyncStream` of event frames to the buffered byte sequence FlyingFox streams as a
/// chunked response body.
struct EventStreamBody: AsyncBufferedSequence, Sendable {
  typealias Element = UInt8

  let frames: AsyncStream<[UInt8]>

  func makeAsyncIterator() -> Iterator { Iterator(base: frames.makeAsyncIterator()) }

  /// Hands out each frame's bytes, suspending until the hub sends the next frame.
  struct Iterator: AsyncBufferedIteratorProtocol {
    var base: AsyncStream<[UInt8]>.Iterator
    var pending: ArraySlice<UInt8> = []

    mutating func next() async throws -> UInt8? {
      guard let buffer = try await nextBuffer(suggested: 1) else { return nil }
      return buffer.first
    }

    mutating func nextBuffer(suggested count: Int) async throws -> [UInt8]? {
      while pending.isEmpty {
        guard let frame = await base.next() else { return nil }
        pending = frame[...]
      }
      let n = Swift.max(1, Swift.min(count, pending.count))
      let out = Array(pending.prefix(n))
      pending = pending.dropFirst(n)
      return out
    }
  }
}
