import NIOCore
import NIOHTTP1
import NIOPosix
import OpperAPI
import Synchronization

/// Runs `body` with a client pointed at a `HostileServer` playing `script`; both always stop,
/// also when the body throws.
///
/// The client's timeout defaults to 30 s, so a test about what an answer says never fails for
/// when it came on a machine running the whole suite; a test about waits passes its own.
public func withHostileServer<T>(
  key: String = testKey, timeout: Duration = .seconds(30), retry: RetryPolicy = fastRetry,
  _ script: @escaping HostileServer.Script,
  _ body: (HostileServer, OpperClient) async throws -> T
) async throws -> T {
  let server = HostileServer(script)
  let port = try await server.start()
  let client = OpperClient(
    configuration: .init(baseURL: server.baseURL(port: port), apiKey: key, timeout: timeout, retry: retry))
  do {
    let result = try await body(server, client)
    await client.shutdown()
    await server.stop()
    return result
  } catch {
    await client.shutdown()
    await server.stop()
    throw error
  }
}

/// A scripted HTTP server for tests that must not trust the other side: each request is answered
/// by a script of raw steps (bytes, pauses, a closed connection, silence), so it can lie in every
/// way a real server might — a total that is wrong, an answer for another name, a body trickled a
/// byte at a time, a response cut off, a connection that hangs.
///
/// Only the request side is parsed (NIO's HTTP/1 decoder); what goes back is exactly the bytes the
/// script writes.
public final class HostileServer: Sendable {
  /// One request as the server saw it.
  public struct Request: Sendable {
    public var method: String
    public var uri: String
    public var headers: [(String, String)]
    public var body: [UInt8]
    /// 1 for the first request the server saw.
    public var number: Int

    /// The path without the query.
    public var path: String { String(uri.prefix { $0 != "?" }) }
    /// The query's value for `name`, when present.
    public func query(_ name: String) -> String? {
      guard let q = uri.split(separator: "?", maxSplits: 1).dropFirst().first else { return nil }
      for pair in q.split(separator: "&") {
        let kv = pair.split(separator: "=", maxSplits: 1)
        if kv.first.map(String.init) == name { return kv.count > 1 ? String(kv[1]) : "" }
      }
      return nil
    }
    public var bodyText: String { String(decoding: body, as: UTF8.self) }
  }

  /// One thing the server does in answer.
  public enum Step: Sendable {
    /// Writes these bytes as they are.
    case send([UInt8])
    /// Waits.
    case pause(Duration)
    /// Closes the connection.
    case close
    /// Never answers (until the client gives up and closes).
    case hang

    /// A whole HTTP/1.1 response with a JSON (or any) body and a right Content-Length.
    public static func respond(
      _ status: Int, _ body: String, headers: [(String, String)] = [("Content-Type", "application/json")]
    ) -> Step {
      var head = "HTTP/1.1 \(status) \(status < 400 ? "OK" : "Error")\r\n"
      for (name, value) in headers { head += "\(name): \(value)\r\n" }
      head += "Content-Length: \(body.utf8.count)\r\n\r\n"
      return .send(Array(head.utf8) + Array(body.utf8))
    }

    /// A response head announcing `body`, then the body one byte per `every`.
    public static func trickle(_ status: Int, _ body: String, every: Duration) -> [Step] {
      let head =
        "HTTP/1.1 \(status) OK\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n"
      var steps: [Step] = [.send(Array(head.utf8))]
      for byte in body.utf8 { steps += [.pause(every), .send([byte])] }
      return steps
    }
  }

  public typealias Script = @Sendable (Request) async -> [Step]

  private let script: Script
  private let state = Mutex(State())
  private struct State {
    var channel: (any Channel)?
    var requests: [Request] = []
  }

  public init(_ script: @escaping Script) { self.script = script }

  /// Binds to an ephemeral loopback port and returns it.
  public func start() async throws -> Int {
    let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
      .serverChannelOption(.backlog, value: 64)
      .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
      .childChannelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
          try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(HTTPRequestDecoder()))
          try channel.pipeline.syncOperations.addHandler(Connection(server: self))
        }
      }
    let channel = try await bootstrap.bind(host: "127.0.0.1", port: 0).get()
    state.withLock { $0.channel = channel }
    return channel.localAddress?.port ?? 0
  }

  /// `http://127.0.0.1:PORT/v2` for a started server.
  public func baseURL(port: Int, path: String = "/v2") -> String { "http://127.0.0.1:\(port)\(path)" }

  public func stop() async {
    let channel = state.withLock { $0.channel }
    try? await channel?.close()
  }

  /// The bound port, once started.
  public var port: Int? { state.withLock { $0.channel?.localAddress?.port } }

  /// Every request seen, in arrival order.
  public var requests: [Request] { state.withLock { $0.requests } }

  fileprivate func record(_ request: Request) -> Request {
    state.withLock { s in
      var numbered = request
      numbered.number = s.requests.count + 1
      s.requests.append(numbered)
      return numbered
    }
  }

  fileprivate func answer(_ request: Request) async -> [Step] { await script(request) }

  /// Reads requests off one connection and plays the script's steps for each, in order.
  private final class Connection: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPServerRequestPart
    let server: HostileServer
    var head: HTTPRequestHead?
    var body: [UInt8] = []
    var queue: [Request] = []
    var playing = false

    init(server: HostileServer) { self.server = server }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
      switch unwrapInboundIn(data) {
      case .head(let h):
        head = h
        body = []
      case .body(var buffer):
        body += buffer.readBytes(length: buffer.readableBytes) ?? []
      case .end:
        guard let head else { return }
        let request = Request(
          method: head.method.rawValue, uri: head.uri, headers: head.headers.map { ($0.name, $0.value) },
          body: body, number: 0)
        queue.append(server.record(request))
        playNext(context.channel)
      }
    }

    private func playNext(_ channel: any Channel) {
      guard !playing, !queue.isEmpty else { return }
      playing = true
      let request = queue.removeFirst()
      let server = self.server
      let loop = channel.eventLoop
      Task {
        let steps = await server.answer(request)
        for step in steps {
          switch step {
          case .send(let bytes):
            let buffer = channel.allocator.buffer(bytes: bytes)
            do { try await channel.writeAndFlush(buffer) } catch { return }
          case .pause(let d):
            try? await Task.sleep(for: d)
          case .close:
            try? await channel.close()
            return
          case .hang:
            try? await channel.closeFuture.get()
            return
          }
        }
        loop.execute {
          self.playing = false
          self.playNext(channel)
        }
      }
    }
  }
}
