// Input checks that stay active in -O builds and say which function got what.

/// Stops the program with `MLMath: <function>: <message>` when `condition` is false.
///
/// Swift's `precondition` drops its message in optimised builds, and a chapter program is
/// built with `-O`; a reader must still see which call received which bad input.
@inline(__always)
func require(
  _ condition: @autoclosure () -> Bool, _ function: StaticString,
  _ message: @autoclosure () -> String
) {
  if _slowPath(!condition()) { requirementFailed(function, message()) }
}

/// The cold path of `require`, kept out of line so the check itself stays a compare and a branch.
@inline(never)
func requirementFailed(_ function: StaticString, _ message: String) -> Never {
  fatalError("MLMath: \(function): \(message)")
}
