import OpalCore
import OpalYAML

/// Reads a config file's aliases while libyaml is still parsing the file: the loader hands each
/// `aliases:` entry over as it completes and then drops its nodes, so the document never holds
/// every alias at once (at 100,000 aliases it held ~55 MB of nodes beside the aliases read from
/// them). Entries the loader keeps (an anchor inside, a value reached through an alias) are read
/// with the rest of the document by `finish`, in their place: the fragment is the one
/// `ConfigFileReader.read` gives for the whole document, diagnostics included.
final class ConfigEntryHandoff: YAMLEntryReader {
  private var reader: ConfigFileReader

  init(file: String) {
    reader = ConfigFileReader(doc: YAMLDocument(), file: file)
  }

  func readsEntries(under key: YAMLDocument.NodeID, in document: YAMLDocument) -> Bool {
    ConfigFileReader.topKeys.match(key, in: document) == "aliases"
  }

  func read(_ entry: YAMLHandedEntry, in document: inout YAMLDocument) {
    // The reader holds the document only for this call, so the loader's next append finds it
    // uniquely referenced (no copy of the whole document).
    swap(&reader.r.doc, &document)
    defer { swap(&reader.r.doc, &document) }
    let mark = reader.r.paths.count
    defer { reader.r.paths.rewind(to: mark) }
    let path = reader.r.child(.root, keyNode: entry.mappingKey)
    let alias = reader.readEntry(keyNode: entry.key, value: entry.value, path: path)
    if let alias { reader.fragment.append(alias) }
    reader.handedDeclared.append(alias != nil)
  }

  /// The fragment of the finished document: what was handed over, and the rest read now.
  func finish(_ document: YAMLDocument, into diagnostics: some DiagnosticCollector)
    -> ConfigFragment
  {
    reader.r.doc = document
    return reader.finish(into: diagnostics)
  }
}
