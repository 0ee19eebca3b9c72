// Work spread over threads of its own: chapter jobs, library compiles, preparation on the side.
import Foundation
import Synchronization

/// Runs blocking work (mostly waiting for compilers and chapter programs) on dedicated threads.
///
/// Each job gets a thread of its own rather than a place in Dispatch's shared pool, which is only
/// as wide as the machine has cores: work on the side (KaTeX) would hold one of its threads and
/// leave a job waiting.
enum Parallel {
  /// Maps `items` through `transform` on up to `jobs` threads, taking items in order; results
  /// keep the input order. The first error (in input order) is thrown once all jobs are done.
  ///
  /// With a `weight` (a guess at each item's cost), the heaviest items are started first, so
  /// that one large item does not start last and keep the others waiting for it.
  static func map<T: Sendable, R: Sendable>(
    _ items: [T], jobs: Int, weight: ((T) -> Int)? = nil,
    _ transform: @escaping @Sendable (T) throws(FolioError) -> R
  ) throws(FolioError) -> [R] {
    let box = ResultBox<R>(count: items.count)
    let order = weight.map { weight in
      items.indices.map { ($0, weight(items[$0])) }.sorted { $0.1 > $1.1 }.map(\.0)
    }
    let workers = (0..<min(max(1, jobs), items.count)).map { _ in
      startThread {
        while let claimed = box.claim() {
          let i = order?[claimed] ?? claimed
          do throws(FolioError) {
            box.set(i, .success(try transform(items[i])))
          } catch {
            box.set(i, .failure(error))
          }
        }
      }
    }
    workers.forEach { $0.wait() }
    return try box.values()
  }

  /// Lets at most `permits` jobs work at once, however many threads run them: a job that waits
  /// for something else (a compiler on another thread) steps aside, and a job of another thread
  /// works meanwhile. Give ``map(_:jobs:weight:_:)`` more threads than permits.
  final class Gate: Sendable {
    private let permits: DispatchSemaphore

    init(permits: Int) { self.permits = DispatchSemaphore(value: max(1, permits)) }

    /// Runs `work` holding a permit.
    func hold<R>(_ work: () throws(FolioError) -> R) throws(FolioError) -> R {
      permits.wait()
      defer { permits.signal() }
      return try work()
    }

    /// Runs `wait`, which blocks without working, with the permit of the job that calls it given
    /// up; takes one back before returning.
    func stepAside<R>(_ wait: () -> R) -> R {
      permits.signal()
      defer { permits.wait() }
      return wait()
    }
  }

  /// Lowers the calling thread's scheduling priority to nice value `level` unless it is lower
  /// already, and so that of every process it starts from now on: for work that should leave
  /// the cores to work on other threads first. Linux keeps the nice value per thread (`who` 0 is
  /// the calling thread) and does not let it be raised again: give such work a thread of its own.
  static func lowerPriority(to level: Int32) {
    let which = __priority_which_t(PRIO_PROCESS.rawValue)
    errno = 0
    let current = getpriority(which, 0)
    guard errno == 0, current < level else { return }
    _ = setpriority(which, 0, level)
  }

  /// Runs `work` on a thread of its own; wait on the semaphore for it to finish.
  static func startThread(_ work: @escaping @Sendable () -> Void) -> DispatchSemaphore {
    let finished = DispatchSemaphore(value: 0)
    let thread = Thread {
      work()
      finished.signal()
    }
    thread.stackSize = 8 << 20
    thread.start()
    return finished
  }

  /// Runs `work` on a thread of its own and keeps what it returns or throws.
  static func spawn<T: Sendable>(_ work: @escaping @Sendable () throws(FolioError) -> T) -> Spawned<T> {
    Spawned(work)
  }

  /// A thread started by ``Parallel/spawn(_:)``.
  final class Spawned<T: Sendable>: Sendable {
    private let outcome = Mutex<Result<T, FolioError>?>(nil)
    private let finished = DispatchSemaphore(value: 0)
    private let joined = Mutex(false)

    fileprivate init(_ work: @escaping @Sendable () throws(FolioError) -> T) {
      let thread = Thread { [self] in
        let result: Result<T, FolioError>
        do throws(FolioError) {
          result = .success(try work())
        } catch {
          result = .failure(error)
        }
        outcome.withLock { $0 = result }
        finished.signal()
      }
      thread.stackSize = 8 << 20
      thread.start()
    }

    /// Waits for the thread (at once if it was waited for before) and returns its outcome.
    func wait() -> Result<T, FolioError> {
      joined.withLock { joined in
        if !joined {
          finished.wait()
          joined = true
        }
      }
      return outcome.withLock { $0! }
    }
  }
}

/// Collects results from worker threads.
private final class ResultBox<R: Sendable>: Sendable {
  private struct Slots {
    var results: [Result<R, FolioError>?]
    var next = 0
  }

  private let slots: Mutex<Slots>

  init(count: Int) { slots = Mutex(Slots(results: Array(repeating: nil, count: count))) }

  /// The next index no worker has taken yet, in order.
  func claim() -> Int? {
    slots.withLock { slots in
      guard slots.next < slots.results.count else { return nil }
      slots.next += 1
      return slots.next - 1
    }
  }

  func set(_ index: Int, _ value: Result<R, FolioError>) {
    slots.withLock { $0.results[index] = value }
  }

  func values() throws(FolioError) -> [R] {
    let results = slots.withLock { $0.results }
    var out: [R] = []
    for slot in results {
      switch slot {
      case .success(let value)?: out.append(value)
      case .failure(let error)?: throw error
      case nil: throw FolioError(.internal, "a build job did not finish")
      }
    }
    return out
  }
}
