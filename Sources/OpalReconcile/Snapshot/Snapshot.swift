import Foundation
import OpalCore

/// What an apply was about to change, as it was before (SPEC §15), written to disk before the
/// first write to the remote so `opal rollback SNAPSHOT` (and `apply --verify`) can put it back:
/// per alias its content (or that it did not exist), per route its active version, and per
/// custom model its id and content, never its key.
///
/// It records where it came from (the API's host, never a key or the rest of the URL), when,
/// and which opal wrote it. The document is versioned (`format_version`, `kind`), see
/// docs/cli.md.
public struct Snapshot: Hashable, Sendable {
  /// The version of the document (`format_version`).
  public static let formatVersion = 1
  /// The document's `kind`.
  public static let kind = "opal-snapshot"

  /// The opal that wrote it (`opal --version`).
  public var opalVersion: String
  /// When it was taken (UTC, ISO 8601, seconds).
  public var createdAt: String
  /// The API's host (`api.opper.ai`, `127.0.0.1:8080`): no scheme, no path, never credentials.
  public var host: String
  /// The combined fingerprint of the plan the apply carried out.
  public var planFingerprint: String
  /// `scope.protect` of the config applied: a rollback never deletes these names either.
  public var protect: [String]
  public var aliases: [SnapshotAlias]
  public var routes: [SnapshotRoute]
  /// The custom models the apply changes (SPEC §15); nil when its plan had no custom-model half.
  public var customModels: [SnapshotCustomModel]?

  public init(
    opalVersion: String, createdAt: String, host: String, planFingerprint: String, protect: [String] = [],
    aliases: [SnapshotAlias], routes: [SnapshotRoute] = [], customModels: [SnapshotCustomModel]? = nil
  ) {
    self.opalVersion = opalVersion
    self.createdAt = createdAt
    self.host = host
    self.planFingerprint = planFingerprint
    self.protect = protect
    self.aliases = aliases
    self.routes = routes
    self.customModels = customModels
  }

  /// The snapshot of what `plan` changes: each alias it creates, updates, renames or deletes
  /// (a rename as its old name, renamed to the new one, and the new name, absent before), and
  /// each route and custom model it changes, with the remote state the plan was made against.
  public init(plan: Plan, host baseURL: String, opalVersion: String, at date: Date = Date()) {
    var aliases: [SnapshotAlias] = []
    for change in plan.changes {
      switch change.action {
      case .create:
        aliases.append(SnapshotAlias(name: change.name, before: nil, after: change.after))
      case .update, .delete:
        aliases.append(
          SnapshotAlias(name: change.name, id: change.id, before: change.before, after: change.after))
      case .rename:
        let old = change.oldName ?? change.name
        aliases.append(
          SnapshotAlias(name: old, id: change.id, before: change.before, after: nil, renamedTo: change.name))
        aliases.append(SnapshotAlias(name: change.name, before: nil, after: change.after))
      }
    }
    var routes: [SnapshotRoute] = []
    for change in plan.routes?.changes ?? [] {
      routes.append(SnapshotRoute(name: change.name, before: change.before.map(SnapshotRoute.State.init)))
    }
    self.init(
      opalVersion: opalVersion, createdAt: Self.timestamp(date), host: Self.host(of: baseURL),
      planFingerprint: plan.fingerprint.combined, protect: plan.desired?.scope.protect ?? [],
      aliases: aliases.sorted { $0.name < $1.name }, routes: routes.sorted { $0.name < $1.name },
      customModels: plan.customModels.map {
        $0.changes.map(SnapshotCustomModel.init).sorted { $0.name < $1.name }
      })
  }

  /// True when the snapshot holds nothing to roll back.
  public var isEmpty: Bool { aliases.isEmpty && routes.isEmpty && (customModels ?? []).isEmpty }

  /// `host[:port]` of a base URL; userinfo, scheme, path and query are never kept.
  public static func host(of baseURL: String) -> String {
    guard let components = URLComponents(string: baseURL.trimmingCharacters(in: .whitespaces)),
      let host = components.host, !host.isEmpty
    else { return "unknown" }
    return components.port.map { "\(host):\($0)" } ?? host
  }

  /// `2026-12-02T00:31:07Z`.
  public static func timestamp(_ date: Date) -> String { InternetTimestamp.string(date) }
}

extension Snapshot: Codable {
  enum CodingKeys: String, CodingKey {
    case formatVersion = "format_version"
    case kind, host, protect, aliases, routes
    case opalVersion = "opal_version"
    case createdAt = "created_at"
    case planFingerprint = "plan_fingerprint"
    case customModels = "custom_models"
  }

  /// Why a document is not a snapshot this opal reads.
  public struct UnsupportedDocument: Error, CustomStringConvertible {
    public var description: String
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let kind = try c.decodeIfPresent(String.self, forKey: .kind)
    guard kind == Self.kind else {
      throw UnsupportedDocument(
        description:
          "not an opal snapshot (kind is \(kind.map { "'\($0)'" } ?? "missing"), not '\(Self.kind)')")
    }
    let version = try c.decode(Int.self, forKey: .formatVersion)
    guard version == Self.formatVersion else {
      throw UnsupportedDocument(
        description: "snapshot has format_version \(version); this opal reads version \(Self.formatVersion)")
    }
    opalVersion = try c.decode(String.self, forKey: .opalVersion)
    createdAt = try c.decode(String.self, forKey: .createdAt)
    host = try c.decode(String.self, forKey: .host)
    planFingerprint = try c.decodeIfPresent(String.self, forKey: .planFingerprint) ?? ""
    protect = try c.decodeIfPresent([String].self, forKey: .protect) ?? []
    aliases = try c.decode([SnapshotAlias].self, forKey: .aliases)
    routes = try c.decodeIfPresent([SnapshotRoute].self, forKey: .routes) ?? []
    customModels = try c.decodeIfPresent([SnapshotCustomModel].self, forKey: .customModels)
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(Self.formatVersion, forKey: .formatVersion)
    try c.encode(Self.kind, forKey: .kind)
    try c.encode(opalVersion, forKey: .opalVersion)
    try c.encode(createdAt, forKey: .createdAt)
    try c.encode(host, forKey: .host)
    try c.encode(planFingerprint, forKey: .planFingerprint)
    try c.encode(protect, forKey: .protect)
    try c.encode(aliases, forKey: .aliases)
    try c.encode(routes, forKey: .routes)
    try c.encodeIfPresent(customModels, forKey: .customModels)
  }
}
