/// Writes a snapshot's JSON document with `PrettyJSONWriter`: the same bytes as
/// `PrettyJSON.data(snapshot)` (the `Encodable` conformance stays the reference;
/// SnapshotDocumentWriterTests compare the two), in one pass. The aliases, which are most of a
/// snapshot, are written by hand; routes and custom models, few and holding graphs, through
/// `encoded(_:)`. Every object's keys are written in sorted order.
///
/// The snapshot is written before an apply's first change, so its time is the apply's: through
/// `JSONEncoder`, the snapshot of 1,000 creates was most of the wait between the printed plan and
/// the first request.
enum SnapshotDocumentWriter {
  /// The document, without a trailing newline.
  static func bytes(_ snapshot: Snapshot) -> [UInt8] {
    var w = PrettyJSONWriter(capacity: 1024 + 200 * snapshot.aliases.count)
    w.beginObject()
    w.key("aliases")
    w.beginArray()
    for alias in snapshot.aliases {
      w.element()
      write(alias, into: &w)
    }
    w.endArray()
    w.key("created_at")
    w.string(snapshot.createdAt)
    if let customModels = snapshot.customModels {
      w.key("custom_models")
      w.encoded(customModels)
    }
    w.key("format_version")
    w.int(Snapshot.formatVersion)
    w.key("host")
    w.string(snapshot.host)
    w.key("kind")
    w.string(Snapshot.kind)
    w.key("opal_version")
    w.string(snapshot.opalVersion)
    w.key("plan_fingerprint")
    w.string(snapshot.planFingerprint)
    w.key("protect")
    w.strings(snapshot.protect)
    w.key("routes")
    w.encoded(snapshot.routes)
    w.endObject()
    return w.bytes
  }

  /// One alias, as `SnapshotAlias.encode(to:)` writes it.
  private static func write(_ alias: SnapshotAlias, into w: inout PrettyJSONWriter) {
    w.beginObject()
    w.key("after")
    w.aliasContent(alias.after)
    w.key("before")
    w.aliasContent(alias.before)
    w.key("id")
    w.optionalString(alias.id)
    w.key("name")
    w.string(alias.name)
    if let renamedTo = alias.renamedTo {
      w.key("renamed_to")
      w.string(renamedTo)
    }
    w.endObject()
  }
}
