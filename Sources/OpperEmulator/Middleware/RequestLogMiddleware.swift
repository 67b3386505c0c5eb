import Foundation
import Hummingbird

/// `-v`: one line per request on stderr (method, path, status or "no response", time, and the
/// fault that fired); never a header, so never the key.
struct RequestLogMiddleware: RouterMiddleware {
  typealias Context = EmulatorRequestContext

  func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    let started = ContinuousClock.now
    let method = request.method.rawValue
    let path = request.uri.path
    do {
      let response = try await next(request, context)
      log(method, path, "\(response.status.code)", context.logNote.value, since: started)
      return response
    } catch let error as ConnectionDropped {
      log(method, path, "no response", "connection closed by fault", since: started)
      throw error
    }
  }

  private func log(
    _ method: String, _ path: String, _ outcome: String, _ note: String?, since: ContinuousClock.Instant
  ) {
    let elapsed = ContinuousClock.now - since
    let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    let extra = note.map { " (\($0))" } ?? ""
    let line = "emulator: \(method) \(path) → \(outcome) in \(String(format: "%.1f", ms)) ms\(extra)\n"
    FileHandle.standardError.write(Data(line.utf8))
  }
}
