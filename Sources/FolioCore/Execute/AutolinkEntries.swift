// The libraries a Swift object asks to be linked with, read from the object itself.
import Foundation

/// Reads the `.swift1_autolink_entries` section of an ELF object: the linker flags
/// (`-lswiftCore`, `-lFoundation`, …) the compiler recorded for every module the file imports,
/// NUL-separated. These are the flags `swift-autolink-extract` prints (in the section's order
/// rather than the tool's; they name shared libraries, whose order does not matter to the linker);
/// reading the section here saves starting that tool once per chapter (about 25 ms).
///
/// Written by hand rather than with a package: no ELF reader is among the packages this project
/// can use, and the format needed here is four fields of the ELF header and section table.
enum AutolinkEntries {
  static let sectionName = ".swift1_autolink_entries"

  /// The entries, in order with repeats removed; nil if `data` is not a little-endian 64-bit
  /// ELF file or is cut short. An object without the section has no entries.
  static func read(_ data: Data) -> [String]? {
    let bytes = [UInt8](data)
    // e_ident: magic, ELFCLASS64, ELFDATA2LSB.
    guard bytes.count >= 64, bytes[0] == 0x7F, bytes[1] == 0x45, bytes[2] == 0x4C, bytes[3] == 0x46,
      bytes[4] == 2, bytes[5] == 1
    else { return nil }
    func integer(_ offset: Int, _ size: Int) -> Int? {
      guard offset >= 0, size <= 8, offset + size <= bytes.count else { return nil }
      var value: UInt64 = 0
      for index in (0..<size).reversed() { value = value << 8 | UInt64(bytes[offset + index]) }
      return value > UInt64(Int.max) ? nil : Int(value)
    }
    guard let tableOffset = integer(0x28, 8), let entrySize = integer(0x3A, 2), let count = integer(0x3C, 2),
      let namesIndex = integer(0x3E, 2), entrySize >= 0x28, namesIndex < count
    else { return nil }

    struct Section {
      var name: Int
      var offset: Int
      var size: Int
    }
    var sections: [Section] = []
    for index in 0..<count {
      let header = tableOffset + index * entrySize
      guard let name = integer(header, 4), let offset = integer(header + 0x18, 8),
        let size = integer(header + 0x20, 8)
      else { return nil }
      sections.append(Section(name: name, offset: offset, size: size))
    }
    let names = sections[namesIndex]
    func name(of section: Section) -> String? {
      let start = names.offset + section.name
      guard start >= 0, start < bytes.count, names.offset + names.size <= bytes.count else { return nil }
      guard let end = bytes[start..<(names.offset + names.size)].firstIndex(of: 0) else { return nil }
      return String(decoding: bytes[start..<end], as: UTF8.self)
    }
    guard let section = sections.first(where: { name(of: $0) == sectionName }) else { return [] }
    guard section.offset + section.size <= bytes.count else { return nil }
    var seen: Set<String> = []
    var entries: [String] = []
    for entry in bytes[section.offset..<(section.offset + section.size)].split(separator: 0) {
      let flag = String(decoding: entry, as: UTF8.self)
      if seen.insert(flag).inserted { entries.append(flag) }
    }
    return entries
  }
}
