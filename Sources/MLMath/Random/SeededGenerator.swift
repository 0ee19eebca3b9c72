// A reproducible random number generator, so every page shows the same numbers on every machine.

/// xoshiro256** seeded through SplitMix64: the same 64-bit sequence for a given seed on every
/// platform, compiler and run (it uses only integer arithmetic that Swift defines exactly).
///
/// `var rng = SeededGenerator(seed: 42)` then pass `&rng` wherever a generator is wanted.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
  private var state: (UInt64, UInt64, UInt64, UInt64)

  /// A generator whose sequence is fixed by `seed`; the four state words come from SplitMix64(seed).
  public init(seed: UInt64) {
    var z = seed
    func splitMix() -> UInt64 {
      z &+= 0x9E37_79B9_7F4A_7C15
      var r = z
      r = (r ^ (r >> 30)) &* 0xBF58_476D_1CE4_E5B9
      r = (r ^ (r >> 27)) &* 0x94D0_49BB_1331_11EB
      return r ^ (r >> 31)
    }
    state = (splitMix(), splitMix(), splitMix(), splitMix())
  }

  /// The next 64 random bits: `rotl(s₁·5, 7)·9`, then the xoshiro256 state update.
  public mutating func next() -> UInt64 {
    let result = rotateLeft(state.1 &* 5, 7) &* 9
    let t = state.1 << 17
    state.2 ^= state.0
    state.3 ^= state.1
    state.1 ^= state.2
    state.0 ^= state.3
    state.2 ^= t
    state.3 = rotateLeft(state.3, 45)
    return result
  }

  private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
