// The wire format between a running chapter program (FolioRuntime) and the engine.
//
// The program's stdout and stderr are regular files the engine created. The runtime writes
// one JSON object per line to the control file named by the environment variable
// `FOLIO_CONTROL`, each with one write(2) call, after flushing stdout. Every record carries the
// byte offsets of stdout and stderr at that moment, so the engine can cut the two streams
// into cells exactly, and rich values never travel inside printed text:
//
//   {"event":"begin","cell":0,"stdout":0,"stderr":0}
//   {"event":"display","cell":0,"stdout":120,"stderr":0,"kind":"svg","data":"<svg …","summary":"…"}
//   {"event":"value","cell":0,"stdout":120,"stderr":0,"kind":"text","data":"42","summary":"42"}
//   {"event":"lineValue","cell":0,"line":14,"stdout":…,"stderr":…,"kind":"text","data":"3.0","summary":"3.0"}
//   {"event":"end","cell":0,"stdout":120,"stderr":0}
//   {"event":"shouldFail","cell":3,"stdout":…,"stderr":…,"outcome":"failed","status":…}
//   {"event":"finish","cell":-1,"stdout":…,"stderr":…}
//
// `shouldFail` is written by the parent after the forked child that ran a `should-fail`
// cell ended: `outcome` is `failed` (trapped or exited non-zero) or `survived`.
import Foundation

/// One line of the control file.
public struct RuntimeRecord: Sendable, Hashable, Codable {
  /// `begin`, `end`, `display`, `value`, `lineValue`, `shouldFail` or `finish`.
  public var event: String
  /// The 0-based cell index (-1 for `finish`).
  public var cell: Int
  /// Byte offset of stdout when the record was written.
  public var stdout: Int
  /// Byte offset of stderr when the record was written.
  public var stderr: Int
  /// For rich values: `text`, `svg` or `html`.
  public var kind: String?
  /// For rich values: the payload.
  public var data: String?
  /// For rich values: a text alternative.
  public var summary: String?
  /// For `lineValue`: the Markdown line the value belongs to.
  public var line: Int?
  /// For `shouldFail`: `failed` or `survived`.
  public var outcome: String?
  /// For `shouldFail`: the child's exit status or signal, as text.
  public var status: String?
}
