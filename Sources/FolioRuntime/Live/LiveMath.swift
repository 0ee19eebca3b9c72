// The C maths functions in a live cell's WebAssembly module: JavaScript's `Math`, from the page.

#if hasFeature(Embedded)
  // Embedded Swift for `wasm32-unknown-none` has no libm. A chapter program gets `sin`, `exp`,
  // `pow` … from Foundation or Glibc; a live cell's module gets these, with the same names, from
  // the page (FolioProtocol's `LiveWire.mathImports`). Results can differ from glibc's in the
  // last bit: the parity check compares numbers within the book's tolerance.

  /// `exp(x)`, from the page's `Math`.
  @_extern(c, "exp") public func exp(_ x: Double) -> Double
  /// `expm1(x)`, from the page's `Math`.
  @_extern(c, "expm1") public func expm1(_ x: Double) -> Double
  /// `log(x)`, from the page's `Math`.
  @_extern(c, "log") public func log(_ x: Double) -> Double
  /// `log1p(x)`, from the page's `Math`.
  @_extern(c, "log1p") public func log1p(_ x: Double) -> Double
  /// `log2(x)`, from the page's `Math`.
  @_extern(c, "log2") public func log2(_ x: Double) -> Double
  /// `log10(x)`, from the page's `Math`.
  @_extern(c, "log10") public func log10(_ x: Double) -> Double
  /// `sqrt(x)`, from the page's `Math`.
  @_extern(c, "sqrt") public func sqrt(_ x: Double) -> Double
  /// `sin(x)`, from the page's `Math`.
  @_extern(c, "sin") public func sin(_ x: Double) -> Double
  /// `cos(x)`, from the page's `Math`.
  @_extern(c, "cos") public func cos(_ x: Double) -> Double
  /// `tan(x)`, from the page's `Math`.
  @_extern(c, "tan") public func tan(_ x: Double) -> Double
  /// `asin(x)`, from the page's `Math`.
  @_extern(c, "asin") public func asin(_ x: Double) -> Double
  /// `acos(x)`, from the page's `Math`.
  @_extern(c, "acos") public func acos(_ x: Double) -> Double
  /// `atan(x)`, from the page's `Math`.
  @_extern(c, "atan") public func atan(_ x: Double) -> Double
  /// `sinh(x)`, from the page's `Math`.
  @_extern(c, "sinh") public func sinh(_ x: Double) -> Double
  /// `cosh(x)`, from the page's `Math`.
  @_extern(c, "cosh") public func cosh(_ x: Double) -> Double
  /// `tanh(x)`, from the page's `Math`.
  @_extern(c, "tanh") public func tanh(_ x: Double) -> Double
  /// `floor(x)`, from the page's `Math`.
  @_extern(c, "floor") public func floor(_ x: Double) -> Double
  /// `ceil(x)`, from the page's `Math`.
  @_extern(c, "ceil") public func ceil(_ x: Double) -> Double
  /// `round(x)`, from the page's `Math`.
  @_extern(c, "round") public func round(_ x: Double) -> Double
  /// `cbrt(x)`, from the page's `Math`.
  @_extern(c, "cbrt") public func cbrt(_ x: Double) -> Double
  /// `pow(x, y)`, from the page's `Math`.
  @_extern(c, "pow") public func pow(_ x: Double, _ y: Double) -> Double
  /// `atan2(x, y)`, from the page's `Math`.
  @_extern(c, "atan2") public func atan2(_ x: Double, _ y: Double) -> Double
  /// `hypot(x, y)`, from the page's `Math`.
  @_extern(c, "hypot") public func hypot(_ x: Double, _ y: Double) -> Double
#endif
