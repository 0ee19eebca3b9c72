// The C maths functions a WebAssembly build of FolioPlot takes from its host (the page's `Math`).

#if hasFeature(Embedded)
  // Embedded Swift for `wasm32-unknown-none` has no libm: see MLMath's `HostMath.swift`.
  @_extern(c, "log10") func log10(_ x: Double) -> Double
  @_extern(c, "pow") func pow(_ x: Double, _ y: Double) -> Double
#endif
