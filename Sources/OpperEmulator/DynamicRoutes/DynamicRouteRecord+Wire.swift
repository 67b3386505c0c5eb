import OpalCore
import OpperAPI

extension DynamicRouteRecord {
  var invocationModel: String { "dynamic/\(name)" }

  /// The `RouteDetail` the management API answers with.
  var detail: RouteDetail {
    var object = RouteObject(
      uuid: RouteUUID(id), name: name, description: description, invocationModel: invocationModel,
      draftRevision: draftRevision)
    object.createdAt = createdAt
    object.updatedAt = updatedAt
    return RouteDetail(
      route: object,
      draft: RouteDraft(
        graph: draftGraph, layout: draftLayout, revision: draftRevision, validation: draftValidation),
      versionCount: versions.count, activeVersion: activeVersion?.summary,
      latestVersionNumber: versions.last?.number)
  }

  /// The list item.
  var summary: RouteSummary {
    RouteSummary(
      uuid: RouteUUID(id), name: name, description: description, invocationModel: invocationModel,
      draftDirty: draftDirty, createdAt: createdAt, updatedAt: updatedAt,
      activeVersionNumber: activeVersionNumber, activeVersionUUID: activeVersion.map { RouteUUID($0.uuid) },
      latestVersionNumber: versions.last?.number)
  }

  func versionDetail(_ version: StoredRouteVersion) -> RouteVersionDetail {
    RouteVersionDetail(
      uuid: RouteUUID(version.uuid), versionNumber: version.number, routeName: name,
      description: version.description, note: version.note, draftRevision: version.draftRevision,
      createdAt: version.createdAt, graph: version.graph, layout: version.layout)
  }
}
