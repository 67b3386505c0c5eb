/// Writes a plan's JSON document (`format_version` 1) with `PrettyJSONWriter`: the same bytes as
/// `PrettyJSON.data(plan)` (the `Encodable` conformance stays the reference; PlanDocumentWriterTests
/// compare the two), in one pass and without `JSONEncoder`'s tree of every alias. The parts that
/// are small or rare (options, refusal, prices, the route and custom-model halves) are written
/// through `PrettyJSON` itself. Every object's keys are written in sorted order by hand.
enum PlanDocumentWriter {
  /// The document, ending with a newline.
  static func bytes(_ plan: Plan) -> [UInt8] {
    let aliases = plan.remoteSnapshot.count + (plan.desired?.aliases.count ?? 0)
    var w = PrettyJSONWriter(capacity: 4096 + 300 * aliases + 1200 * plan.changes.count)
    w.beginObject()
    w.key("base")
    w.optionalString(plan.baseRevision)
    w.key("changes")
    w.beginArray()
    for change in plan.changes {
      w.element()
      write(change, into: &w)
    }
    w.endArray()
    w.key("config_paths")
    w.strings(plan.configPaths)
    if let customModels = plan.customModels {
      w.key("custom_models")
      w.encoded(customModels)
    }
    w.key("delete_limit")
    w.int(plan.deleteLimit)
    w.key("desired")
    if let desired = plan.desired { write(desired, into: &w) } else { w.null() }
    w.key("fingerprint")
    w.beginObject()
    w.key("combined")
    w.string(plan.fingerprint.combined)
    w.key("desired")
    w.string(plan.fingerprint.desired)
    w.key("remote")
    w.string(plan.fingerprint.remote)
    w.key("short")
    w.string(plan.fingerprint.short)
    w.endObject()
    w.key("format_version")
    w.int(Plan.formatVersion)
    w.key("kind")
    w.string("opal-plan")
    w.key("notes")
    w.strings(plan.notes)
    w.key("options")
    w.encoded(plan.options)
    w.key("refusal")
    if let refusal = plan.refusal { w.encoded(refusal) } else { w.null() }
    w.key("remote_snapshot")
    w.beginArray()
    for alias in plan.remoteSnapshot {
      w.element()
      w.beginObject()
      w.key("description")
      w.optionalString(alias.description)
      w.key("fallback_models")
      w.strings(alias.fallbackModels)
      w.key("id")
      w.string(alias.id)
      w.key("name")
      w.string(alias.name)
      w.endObject()
    }
    w.endArray()
    if let routes = plan.routes {
      w.key("routes")
      w.encoded(routes)
    }
    writeSummary(plan, into: &w)
    w.key("unchanged")
    w.strings(plan.unchanged)
    w.key("undeclared_in_scope")
    w.strings(plan.undeclaredInScope)
    w.endObject()
    var bytes = w.bytes
    bytes.append(0x0A)
    return bytes
  }

  private static func writeSummary(_ plan: Plan, into w: inout PrettyJSONWriter) {
    let n = plan.counts
    w.key("summary")
    w.beginObject()
    w.key("create")
    w.int(n.create)
    w.key("delete")
    w.int(n.delete)
    w.key("has_changes")
    w.bool(plan.hasChanges)
    w.key("refused")
    w.bool(plan.isRefused)
    w.key("rename")
    w.int(n.rename)
    w.key("unchanged")
    w.int(n.unchanged)
    w.key("update")
    w.int(n.update)
    w.endObject()
  }

  /// One change, as `AliasChange.encode(to:)` writes it.
  private static func write(_ change: AliasChange, into w: inout PrettyJSONWriter) {
    w.beginObject()
    w.key("action")
    w.string(change.action.rawValue)
    w.key("after")
    w.aliasContent(change.after)
    w.key("before")
    w.aliasContent(change.before)
    w.key("chain")
    if change.chainChanged {
      w.beginArray()
      for hop in change.chainDiff {
        w.element()
        w.beginObject()
        w.key("mark")
        w.string(hop.mark.rawValue)
        w.key("model")
        w.string(hop.model)
        w.key("new_index")
        if let index = hop.newIndex { w.int(index) } else { w.null() }
        w.key("old_index")
        if let index = hop.oldIndex { w.int(index) } else { w.null() }
        w.key("position_changed")
        w.bool(hop.positionChanged)
        w.endObject()
      }
      w.endArray()
    } else {
      w.null()
    }
    w.key("description")
    if change.descriptionChanged {
      writePair(old: change.before?.description, new: change.after?.description, into: &w)
    } else {
      w.null()
    }
    w.key("drift")
    w.bool(change.isDrift)
    w.key("id")
    w.optionalString(change.id)
    w.key("name")
    w.string(change.name)
    w.key("notes")
    w.strings(change.notes)
    w.key("old_name")
    w.optionalString(change.oldName)
    if let pricing = change.pricing {
      w.key("pricing")
      w.encoded(pricing)
    }
    w.key("primary")
    if let primary = change.primaryChange {
      writePair(old: primary.old, new: primary.new, into: &w)
    } else {
      w.null()
    }
    w.endObject()
  }

  /// `{"new": …, "old": …}` of two optional strings.
  private static func writePair(old: String?, new: String?, into w: inout PrettyJSONWriter) {
    w.beginObject()
    w.key("new")
    w.optionalString(new)
    w.key("old")
    w.optionalString(old)
    w.endObject()
  }

  /// The desired content, as `PlanDesiredContent.encode(to:)` writes it.
  private static func write(_ desired: PlanDesiredContent, into w: inout PrettyJSONWriter) {
    w.beginObject()
    w.key("aliases")
    w.beginArray()
    for alias in desired.aliases {
      w.element()
      w.beginObject()
      w.key("description")
      w.optionalString(alias.description)
      w.key("models")
      w.strings(alias.models)
      w.key("name")
      w.string(alias.name)
      w.key("renamed_from")
      w.strings(alias.renamedFrom)
      w.endObject()
    }
    w.endArray()
    if let customModels = desired.customModels {
      w.key("custom_models")
      w.encoded(customModels)
    }
    w.key("prune")
    w.bool(desired.prune)
    if !desired.routes.isEmpty {
      w.key("routes")
      w.encoded(desired.routes)
    }
    w.key("scope")
    w.beginObject()
    w.key("exclude")
    w.strings(desired.scope.exclude)
    w.key("include")
    if let include = desired.scope.include { w.strings(include) } else { w.null() }
    w.key("protect")
    w.strings(desired.scope.protect)
    w.endObject()
    w.endObject()
  }
}
