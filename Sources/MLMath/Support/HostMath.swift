// The C maths functions a WebAssembly build of MLMath takes from its host (the page's `Math`).

#if hasFeature(Embedded)
  // Embedded Swift for `wasm32-unknown-none` has no libm: a live cell's module imports these,
  // and the page (or node, for the parity check) supplies JavaScript's `Math` functions.
  @_extern(c, "exp") func exp(_ x: Double) -> Double
  @_extern(c, "log") func log(_ x: Double) -> Double
  @_extern(c, "log1p") func log1p(_ x: Double) -> Double
  @_extern(c, "pow") func pow(_ x: Double, _ y: Double) -> Double
#endif
