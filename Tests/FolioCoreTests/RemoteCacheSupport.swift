// Real servers for the remote-cache tests: Debian's nginx with WebDAV PUT on a free loopback
// port, and a listener that takes connections and never answers (a hung cache).
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// An nginx serving a temporary folder as a Bazel HTTP cache (GET, HEAD, PUT), run as a child
/// process in the foreground and killed by `stop()`.
final class NginxCache: @unchecked Sendable {
  /// The folder nginx runs in (configuration, logs).
  let folder: URL
  /// The cache's files: `ac/…` and `cas/…` land here.
  let root: URL
  /// The port on 127.0.0.1.
  let port: UInt16
  private let process: Process

  /// The cache's base URL; `/broken` answers every request with 500.
  var url: String { "http://127.0.0.1:\(port)/folio" }
  /// A base URL under which every request gets HTTP 500.
  var brokenURL: String { "http://127.0.0.1:\(port)/broken" }
  /// Where entries are stored for `url`.
  var store: URL { root.appendingPathComponent("folio") }

  /// Starts nginx; fails the test with a clear message when Debian's nginx is not installed.
  init() throws {
    let candidates = ["/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx"]
    guard let binary = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
      throw RemoteCacheTestError(
        "nginx is not installed: the remote-cache tests need Debian's nginx (make test-deps, or apt-get install nginx)"
      )
    }
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("folio-nginx-\(UUID().uuidString)")
    root = folder.appendingPathComponent("root")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    port = try freePort()
    let path = folder.path
    let config = """
      daemon off;
      master_process off;
      worker_processes 1;
      error_log \(path)/error.log;
      pid \(path)/nginx.pid;
      events { worker_connections 512; }
      http {
        access_log \(path)/access.log;
        client_body_temp_path \(path)/body;
        proxy_temp_path \(path)/proxy;
        fastcgi_temp_path \(path)/fastcgi;
        uwsgi_temp_path \(path)/uwsgi;
        scgi_temp_path \(path)/scgi;
        server {
          listen 127.0.0.1:\(port);
          root \(root.path);
          client_max_body_size 64m;
          location /broken/ { return 500; }
          location / {
            dav_methods PUT;
            create_full_put_path on;
            dav_access user:rw group:r all:r;
          }
        }
      }

      """
    let configFile = folder.appendingPathComponent("nginx.conf")
    try Data(config.utf8).write(to: configFile)
    process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = ["-p", path, "-c", configFile.path, "-e", "\(path)/error.log"]
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(10)
    while !connects(to: port) {
      guard process.isRunning, Date() < deadline else {
        let log = (try? String(contentsOf: folder.appendingPathComponent("error.log"), encoding: .utf8)) ?? ""
        stop()
        throw RemoteCacheTestError("nginx did not start on port \(port): \(log)")
      }
      usleep(20_000)
    }
  }

  /// Kills nginx at once, from any thread, without waiting for it.
  func kill() {
    if process.isRunning { _ = Glibc.kill(process.processIdentifier, SIGKILL) }
  }

  /// Kills nginx and waits for it (idempotent).
  func stop() {
    kill()
    process.waitUntilExit()
  }

  /// Stops nginx and removes its folder.
  func remove() {
    stop()
    try? FileManager.default.removeItem(at: folder)
  }

  /// Every file stored under the cache root, by path relative to it (`folio/ac/…`).
  var files: [String] {
    guard
      let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
    else { return [] }
    var found: [String] = []
    for case let url as URL in walker
    where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
      found.append(String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1)))
    }
    return found.sorted()
  }

  /// The request lines nginx logged (`"GET /folio/ac/… HTTP/1.1"`), in order.
  var requests: [String] {
    let log = (try? String(contentsOf: folder.appendingPathComponent("access.log"), encoding: .utf8)) ?? ""
    return log.split(separator: "\n").compactMap { line in
      line.split(separator: "\"", omittingEmptySubsequences: false).dropFirst().first.map(String.init)
    }
  }
}

/// A TCP listener on 127.0.0.1 that never accepts: connections open (the kernel completes
/// them) and requests are never answered, as with a hung server.
final class SilentListener {
  /// The port.
  let port: UInt16
  private let descriptor: Int32

  /// Opens the listener.
  init() throws {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw RemoteCacheTestError("socket() failed") }
    var address = loopback(port: 0)
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard bound == 0, listen(fd, 128) == 0 else {
      Glibc.close(fd)
      throw RemoteCacheTestError("cannot listen on 127.0.0.1")
    }
    descriptor = fd
    port = try boundPort(fd)
  }

  /// The URL of a cache on this listener.
  var url: String { "http://127.0.0.1:\(port)/folio" }

  /// Closes the listener.
  func close() { _ = Glibc.close(descriptor) }
}

/// Why a remote-cache test could not set up its server.
struct RemoteCacheTestError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

/// A port that was free a moment ago (bound to port 0, then closed).
func freePort() throws -> UInt16 {
  let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
  guard fd >= 0 else { throw RemoteCacheTestError("socket() failed") }
  defer { close(fd) }
  var address = loopback(port: 0)
  let bound = withUnsafePointer(to: &address) {
    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
      bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
    }
  }
  guard bound == 0 else { throw RemoteCacheTestError("cannot bind 127.0.0.1:0") }
  return try boundPort(fd)
}

private func boundPort(_ fd: Int32) throws -> UInt16 {
  var address = sockaddr_in()
  var length = socklen_t(MemoryLayout<sockaddr_in>.size)
  let named = withUnsafeMutablePointer(to: &address) {
    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
  }
  guard named == 0 else { throw RemoteCacheTestError("getsockname() failed") }
  return UInt16(bigEndian: address.sin_port)
}

private func loopback(port: UInt16) -> sockaddr_in {
  var address = sockaddr_in()
  address.sin_family = sa_family_t(AF_INET)
  address.sin_port = port.bigEndian
  address.sin_addr.s_addr = inet_addr("127.0.0.1")
  return address
}

/// Whether a TCP connection to 127.0.0.1:`port` is accepted.
private func connects(to port: UInt16) -> Bool {
  let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
  guard fd >= 0 else { return false }
  defer { close(fd) }
  var address = loopback(port: port)
  return withUnsafePointer(to: &address) {
    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
      connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
    }
  }
}
