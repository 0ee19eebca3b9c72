// A minimal blocking HTTP/1.1 client over a loopback socket, for talking to the preview in tests.
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// One TCP connection to 127.0.0.1 with a receive timeout, so a broken server fails a test
/// instead of hanging it.
final class LoopbackClient {
  private let fd: Int32
  private var buffer = Data()

  /// Connects to 127.0.0.1:`port`.
  init(port: UInt16, timeout: Int = 30) throws {
    fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw ClientError("socket() failed") }
    var tv = timeval(tv_sec: timeout, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let status = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard status == 0 else {
      close(fd)
      throw ClientError("connect to 127.0.0.1:\(port) failed")
    }
  }

  deinit { close(fd) }

  /// Sends a GET for `path` exactly as written (no normalisation).
  func sendGet(_ path: String) throws {
    let request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    let bytes = Array(request.utf8)
    guard send(fd, bytes, bytes.count, Int32(MSG_NOSIGNAL)) == bytes.count else {
      throw ClientError("send failed")
    }
  }

  /// Reads until `marker` has arrived; returns everything read so far (and keeps it).
  func read(until marker: String) throws -> String {
    let needle = Data(marker.utf8)
    while buffer.range(of: needle) == nil {
      guard try fill() else {
        throw ClientError("connection closed before \(marker.debugDescription); got \(text)")
      }
    }
    return text
  }

  /// Reads until the server closes the connection.
  func readToEnd() throws -> String {
    while try fill() {}
    return text
  }

  /// Everything received so far.
  var text: String { String(decoding: buffer, as: UTF8.self) }

  private func fill() throws -> Bool {
    var chunk = [UInt8](repeating: 0, count: 65536)
    let n = recv(fd, &chunk, chunk.count, 0)
    if n < 0 { throw ClientError("recv failed or timed out (errno \(errno)); got \(text)") }
    buffer.append(contentsOf: chunk[0..<n])
    return n > 0
  }

  /// GET `path` on a new connection; returns the status code and the (de-chunked) response text.
  static func get(_ path: String, port: UInt16) throws -> (status: Int, headers: String, body: String) {
    let client = try LoopbackClient(port: port)
    try client.sendGet(path)
    let response = try client.readToEnd()
    guard let split = response.range(of: "\r\n\r\n") else {
      throw ClientError("no header end in \(response)")
    }
    let head = String(response[..<split.lowerBound])
    let status = Int(head.split(separator: " ").dropFirst().first ?? "") ?? 0
    return (status, head, String(response[split.upperBound...]))
  }
}

/// A client failure, with what was received.
struct ClientError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
