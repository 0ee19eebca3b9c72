// The engine's side of the wire format between a running chapter program and the engine: one
// control record, decoded. The format itself (events, kinds, outcomes) is defined once, in
// FolioProtocol's `RuntimeWire.swift`, which the runtime imports too.
import FolioProtocol
import Foundation

/// One line of the control file.
public struct RuntimeRecord: Sendable, Hashable, Codable {
  /// What happened.
  public var event: RecordEvent
  /// The 0-based cell index (-1 for `finish`).
  public var cell: Int
  /// Byte offset of stdout when the record was written.
  public var stdout: Int
  /// Byte offset of stderr when the record was written.
  public var stderr: Int
  /// For rich values: how the page renders it.
  public var kind: DisplayKind?
  /// For rich values: the payload.
  public var data: String?
  /// For rich values: a text alternative.
  public var summary: String?
  /// For `lineValue`: the Markdown line the value belongs to.
  public var line: Int?
  /// For `shouldFail`: how the child ended.
  public var outcome: ShouldFailOutcome?
  /// For `shouldFail`: the child's exit status or signal, as text.
  public var status: String?
  /// For `input`: the slider's label.
  public var label: String?
  /// For `input`: its default value.
  public var value: Double?
  /// For `input`: the least value it reaches.
  public var min: Double?
  /// For `input`: the greatest value it reaches.
  public var max: Double?
  /// For `input`: the distance between neighbouring positions.
  public var step: Double?
}
