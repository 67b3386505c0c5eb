import Hummingbird

/// Outermost but for the log: answers in the API's error shape what no route answered
/// (Hummingbird's 404 for a path outside every group becomes `NotFoundError`, "the API is
/// served under /v2") and any other `HTTPResponseError` thrown below. A dropped connection
/// stays dropped.
struct APIErrorMiddleware: RouterMiddleware {
  typealias Context = EmulatorRequestContext

  func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    do {
      return try await next(request, context)
    } catch let error as ConnectionDropped {
      throw error
    } catch let error as any HTTPResponseError {
      let status = Int(error.status.code)
      if status == 404 { return APIReply.notFound("Not Found: the API is served under /v2") }
      return APIReply.error(status, APIReply.typeName(forStatus: status), error.status.reasonPhrase)
    }
  }
}
