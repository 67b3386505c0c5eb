extension YAMLTreeBuilder {
  /// The bytes a document is built from.
  enum Input {
    /// Held by the caller for the whole build.
    case bytes(UnsafeBufferPointer<UInt8>)
    /// Read from a regular file a chunk at a time as libyaml asks.
    case file(YAMLFileStream)

    /// How many bytes there are (for a file, the size it had when opened).
    var byteCount: Int {
      switch self {
      case .bytes(let buffer): buffer.count
      case .file(let stream): stream.handle.sizeHint
      }
    }
  }

  /// The whole text, for the messages that look around a parser error (a file is read again).
  var buffer: UnsafeBufferPointer<UInt8> {
    switch input {
    case .bytes(let buffer): buffer
    case .file(let stream): stream.wholeText()
    }
  }
}
