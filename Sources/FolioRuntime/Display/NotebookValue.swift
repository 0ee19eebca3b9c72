// How any Swift value becomes something a cell's output can show.

/// Turns values into `DisplayValue`s: the rich form when there is one, text otherwise.
enum NotebookValue {
  /// The value of a cell's last expression, as a notebook's `Out[ ]` shows it; `nil` for `Void`.
  ///
  /// Strings are quoted (their debug description), so `"42"` and `42` look different, as in a
  /// notebook; everything else uses its description (`P(x: 1.5)` for a plain struct).
  static func result<T>(_ value: T) -> DisplayValue? {
    if T.self == Void.self || T.self == Void?.self { return nil }
    if let rich = value as? any Displayable { return rich.displayValue }
    switch value {
    case let text as String: return .text(text.debugDescription)
    case let text as Substring: return .text(text.debugDescription)
    case let character as Character: return .text(character.debugDescription)
    default: return .text(String(describing: value))
    }
  }

  /// A value passed to `display(_:)`; `nil` for `()`. Strings are shown as they are.
  static func displayed(_ value: Any) -> DisplayValue? {
    if value is Void { return nil }
    if let rich = value as? any Displayable { return rich.displayValue }
    if let text = value as? String { return .text(text) }
    return .text(String(describing: value))
  }
}
