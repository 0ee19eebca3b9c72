// Chapter results handed from the execute stage to the render stage while both run.
import Foundation
import Synchronization

/// A queue of finished chapters: execute adds each chapter's results as its program ends, render
/// takes them to render that page at once; closed when execute is done (or has failed).
final class ResultFeed: Sendable {
  private struct State {
    var queue: [(Int, ChapterResults)] = []
    var closed = false
  }

  private let state = Mutex(State())
  private let available = DispatchSemaphore(value: 0)

  /// Hands over chapter `index`'s results.
  func add(_ index: Int, _ results: ChapterResults) {
    state.withLock { $0.queue.append((index, results)) }
    available.signal()
  }

  /// No more chapters will come.
  func close() {
    state.withLock { $0.closed = true }
    available.signal()
  }

  /// The next finished chapter, waiting for one; nil once closed and drained.
  func next() -> (Int, ChapterResults)? {
    while true {
      let taken: (Int, ChapterResults)?? = state.withLock { state in
        if !state.queue.isEmpty { return .some(state.queue.removeFirst()) }
        return state.closed ? .some(nil) : nil
      }
      if let taken {
        if taken == nil { available.signal() }  // let any other waiter see the close too
        return taken
      }
      available.wait()
    }
  }
}
