import Hummingbird
import NIOCore
import Synchronization

/// The request context of the emulator: Hummingbird's core storage, the connection (so a fault
/// can close it without answering) and a note for the `-v` log line.
struct EmulatorRequestContext: RequestContext {
  var coreContext: CoreRequestContextStorage
  let channel: any Channel
  let logNote: RequestLogNote

  init(source: ApplicationRequestContextSource) {
    coreContext = .init(source: source)
    channel = source.channel
    logNote = RequestLogNote()
  }

  var maxUploadSize: Int { 32 * 1024 * 1024 }
}

/// What middleware noted about one request (the fault that fired), shared by every copy of its
/// context, read by `RequestLogMiddleware`.
final class RequestLogNote: Sendable {
  private let text = Mutex<String?>(nil)

  var value: String? {
    get { text.withLock { $0 } }
    set { text.withLock { $0 = newValue } }
  }
}
