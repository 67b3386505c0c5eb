import AsyncHTTPClient
import Foundation
import NIOCore

/// Sorts the errors AsyncHTTPClient and NIO throw into what retrying cares about: a connection
/// that was never made (nothing sent: safe to repeat any request), a timeout or a dropped
/// connection (the request may have landed), or cancellation.
enum TransportErrorClassifier {
  /// Said of a TLS handshake answered by a plain-HTTP server (OpperAPIError.hint keys on it).
  static let tlsToPlainHTTP = "the server did not speak TLS"
  /// Said of a host name that does not resolve (OpperAPIError.hint keys on it).
  static let unknownHost = "the host name does not resolve"

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
    if let e = error as? ResponseAccumulator.ResponseTooBigError {
      // Said as when the body was collected from the async stream (`collect(upTo:)`).
      return .failed(
        .transport, .transport(String(describing: NIOTooManyBytesError(maxBytes: e.maxBodySize))))
    }
    if let e = error as? ChannelError, case .connectTimeout = e {
      return .failed(.notSent, .timeout)
    }
    if let e = error as? IOError, notConnectedErrnos.contains(e.errnoCode) {
      return .failed(.notSent, .transport("could not connect: \(words(errno: e.errnoCode))"))
    }
    let text = String(describing: error)
    // NIOPosix's happy-eyeballs connector (DNS failure or every address refused). Matched by
    // name: OpperAPI imports NIOCore only, and this error means nothing was sent.
    if String(describing: type(of: error)) == "NIOConnectionError" {
      if text.hasPrefix("DNS error") {
        return .failed(.notSent, .transport("could not connect: \(unknownHost)"))
      }
      if text.contains("Connection refused") || text.contains("errno: \(ECONNREFUSED)") {
        return .failed(.notSent, .transport("could not connect: \(words(errno: ECONNREFUSED))"))
      }
      return .failed(.notSent, .transport("could not connect"))
    }
    // A TLS handshake with a server that answered in plain HTTP (BoringSSL's WRONG_VERSION_NUMBER);
    // matched by text, never shown raw: it carries build paths.
    if text.contains("WRONG_VERSION_NUMBER") || text.contains("wrong version number")
      || text.contains("handshakeFailed")
    {
      return .failed(.notSent, .transport("TLS handshake failed: \(tlsToPlainHTTP)"))
    }
    return .failed(.transport, .transport(text))
  }

  /// An errno of a failed connect, in words.
  static func words(errno code: Int32) -> String {
    switch code {
    case ECONNREFUSED: "connection refused (nothing is listening on that port)"
    case ENETUNREACH: "network unreachable"
    case EHOSTUNREACH: "host unreachable"
    case EADDRNOTAVAIL: "address not available"
    case ENETDOWN: "network down"
    default: "errno \(code)"
    }
  }

  /// errno values of a connect() that failed before anything was sent.
  static let notConnectedErrnos: Set<Int32> = [
    ECONNREFUSED, ENETUNREACH, EHOSTUNREACH, EADDRNOTAVAIL, ENETDOWN,
  ]
}
