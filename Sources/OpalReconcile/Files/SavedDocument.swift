import Foundation
import OpalCore

/// An error a saved document's decoder throws when the JSON is well formed but is not a
/// document this opal reads (another kind, another `format_version`): said as it is.
protocol UnsupportedDocumentError: Error, CustomStringConvertible {}

/// Why a saved plan or snapshot cannot be read: the path and what is wrong with it.
public struct SavedDocumentError: Error, Hashable, Sendable, CustomStringConvertible {
  public var path: String
  public var message: String
  public var description: String { "\(path): \(message)" }

  public init(path: String, message: String) {
    self.path = path
    self.message = message
  }
}

/// A JSON document opal wrote and reads back as untrusted input (a saved plan, a snapshot):
/// only a regular file of at most `limit` bytes (`RegularFile`), decoded as `Document`, with
/// one clear message for each way it can be wrong.
struct SavedDocument<Document: Decodable> {
  /// What the document is called in messages ("plan", "snapshot").
  var noun: String
  /// The most bytes read.
  var limit: Int

  /// Reads and decodes the file at `path`.
  func read(from path: String) throws(SavedDocumentError) -> Document {
    let data: Data
    do {
      data = try RegularFile.read(path, limit: limit)
    } catch {
      let message =
        switch error {
        case .missing: "cannot read it (no such file)"
        case .notRegular(let what): "\(what); a \(noun) is a JSON file written by opal"
        case .tooLarge(let size, _): "\(size) bytes, more than a \(noun) may hold (\(limit))"
        case .unreadable(let why): "cannot read it (\(why))"
        }
      throw SavedDocumentError(path: path, message: message)
    }
    return try decode(data, path: path)
  }

  /// Decodes JSON bytes; `path` only names the source in errors.
  func decode(_ data: Data, path: String) throws(SavedDocumentError) -> Document {
    do {
      return try JSONDecoder().decode(Document.self, from: data)
    } catch let error as any UnsupportedDocumentError {
      throw SavedDocumentError(path: path, message: error.description)
    } catch let error as DecodingError {
      if case .dataCorrupted = error {
        throw SavedDocumentError(path: path, message: "not a JSON \(noun) file")
      }
      throw SavedDocumentError(path: path, message: "not an opal \(noun): \(error.readableDescription)")
    } catch {
      throw SavedDocumentError(path: path, message: "not a JSON \(noun) file")
    }
  }
}
