import AsyncHTTPClient
import Foundation
import NIOCore

/// Sorts the errors AsyncHTTPClient and NIO throw into what retrying cares about: a connection
/// that was never made (nothing sent: safe to repeat any request), a timeout or a dropped
/// connection (the request may have landed), or cancellation.
enum TransportErrorClassifier {
  static func classify(_ error: any Error, taskCancelled: Bool) -> OpperClient.AttemptOutcome {
    if error is CancellationError { return .cancelled(sent: true) }
    if let e = error as? HTTPClientError {
      switch e {
      case .cancelled:
        return taskCancelled ? .cancelled(sent: true) : .failed(.transport, .transport("request cancelled"))
      case .deadlineExceeded, .readTimeout, .writeTimeout:
        return .failed(.timeout, .timeout)
      case .connectTimeout, .tlsHandshakeTimeout, .getConnectionFromPoolTimeout:
        return .failed(.notSent, .timeout)
      case .remoteConnectionClosed:
        return .failed(.transport, .transport("the server closed the connection without answering"))
      case .invalidURL, .emptyHost, .emptyScheme, .alreadyShutdown:
        return .failed(.notSent, .invalidRequest(String(describing: e)))
      default:
        return .failed(.transport, .transport(String(describing: e)))
      }
    }
    if taskCancelled { return .cancelled(sent: true) }
    if let e = error as? ChannelError, case .connectTimeout = e {
      return .failed(.notSent, .timeout)
    }
    if let e = error as? IOError, notConnectedErrnos.contains(e.errnoCode) {
      return .failed(.notSent, .transport("could not connect: \(e.description)"))
    }
    // NIOPosix's happy-eyeballs connector (DNS failure or every address refused). Matched by
    // name: OpperAPI imports NIOCore only, and this error means nothing was sent.
    if String(describing: type(of: error)) == "NIOConnectionError" {
      return .failed(.notSent, .transport("could not connect: \(error)"))
    }
    return .failed(.transport, .transport(String(describing: error)))
  }

  /// errno values of a connect() that failed before anything was sent.
  static let notConnectedErrnos: Set<Int32> = [
    ECONNREFUSED, ENETUNREACH, EHOSTUNREACH, EADDRNOTAVAIL, ENETDOWN,
  ]
}
