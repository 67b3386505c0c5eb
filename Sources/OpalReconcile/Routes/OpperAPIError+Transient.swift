import OpperAPI

extension OpperAPIError {
  /// Whether the failure came from the server or the network rather than the request (a 5XX,
  /// a 429, a dropped connection), so that doing the same work again, after the client's own
  /// retries gave up, may succeed. The route reads and the route applier use it. A timeout is
  /// not: `--timeout` bounds a request's whole wait, and a repeat would wait as long again.
  var isTransient: Bool {
    switch kind {
    case .http(let status, _, _): return status == 429 || status >= 500
    case .transport: return true
    default: return false
    }
  }
}
