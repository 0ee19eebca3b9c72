// Answers HTTP requests: the event stream, and site files with the reload script injected into pages.
import FlyingFox
import Foundation

/// The preview's one HTTP handler.
struct SiteHandler: HTTPHandler {
  let site: SitePath
  let hub: ReloadHub

  func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
    guard request.method == .GET else {
      return HTTPResponse(statusCode: .methodNotAllowed, headers: [HTTPHeader("Allow"): "GET"])
    }
    if request.path == PageInjector.eventsPath {
      return HTTPResponse(
        statusCode: .ok,
        headers: [.contentType: "text/event-stream", .cacheControl: "no-store"],
        body: HTTPBodySequence(from: EventStreamBody(frames: await hub.subscribe())))
    }
    switch site.resolve(request.path) {
    case .refused:
      return Self.text(.forbidden, "forbidden: \(request.path) is outside the site\n")
    case .missing:
      let outcome = await hub.outcome
      if let outcome, !outcome.succeeded, request.path.hasSuffix("/") || request.path.hasSuffix(".html") {
        let page = Data("<!doctype html><html><head><title>folio</title></head><body></body></html>".utf8)
        let html = PageInjector.inject(into: page, generation: await hub.generation, outcome: outcome)
        return HTTPResponse(
          statusCode: .notFound, headers: Self.headers("text/html; charset=utf-8"), body: html)
      }
      return Self.text(.notFound, "not found: \(request.path)\n")
    case .file(let url):
      guard let data = FileManager.default.contents(atPath: url.path) else {
        return Self.text(.notFound, "not found: \(request.path)\n")
      }
      let type = ContentType.forFile(named: url.lastPathComponent)
      guard type.hasPrefix("text/html") else {
        return HTTPResponse(statusCode: .ok, headers: Self.headers(type), body: data)
      }
      let html = PageInjector.inject(into: data, generation: await hub.generation, outcome: await hub.outcome)
      return HTTPResponse(statusCode: .ok, headers: Self.headers(type), body: html)
    }
  }

  static func headers(_ type: String) -> HTTPHeaders {
    [.contentType: type, .cacheControl: "no-store"]
  }

  static func text(_ status: HTTPStatusCode, _ body: String) -> HTTPResponse {
    HTTPResponse(statusCode: status, headers: headers("text/plain; charset=utf-8"), body: Data(body.utf8))
  }
}
