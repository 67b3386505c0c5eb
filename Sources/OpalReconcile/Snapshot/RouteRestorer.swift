import OpalCore
import OpperAPI

/// Carries out `RouteRestore`s one route at a time (a route's steps are single requests the
/// server guards itself); one failure does not stop the others, and a cancelled task starts
/// no new step. Reports in the apply report's route vocabulary.
public struct RouteRestorer: Sendable {
  let api: any DynamicRoutesAPI
  /// The release note of the versions the rollback makes.
  let note: String

  public init(api: any DynamicRoutesAPI, note: String) {
    self.api = api
    self.note = note
  }

  public func restore(_ restores: [RouteRestore]) async -> [RouteApplyResult] {
    var results: [RouteApplyResult] = []
    for restore in restores {
      if Task.isCancelled {
        results.append(RouteApplyResult(name: restore.name, action: action(restore), outcome: .notStarted))
        continue
      }
      let result = await run(restore)
      results.append(result)
    }
    return results
  }

  private func action(_ restore: RouteRestore) -> RouteChange.Action {
    switch restore.step {
    case .delete: .delete
    case .recreate: .create
    case .rollback, .undeploy: .update
    }
  }

  private func run(_ restore: RouteRestore) async -> RouteApplyResult {
    var result = RouteApplyResult(name: restore.name, action: action(restore), outcome: .failed)
    do throws(OpperAPIError) {
      switch restore.step {
      case .rollback(let version):
        let answer = try await api.rollback(name: restore.name, to: version, note: note)
        result.outcome = .deployed
        result.version = answer.meta.deployedVersion?.versionNumber ?? answer.detail.activeVersionNumber
        result.message = "rolled back to v\(version)"
      case .undeploy:
        _ = try await api.undeploy(name: restore.name, RouteUndeploy())
        result.outcome = .deployed
        result.version = 0
        result.message = "undeployed: nothing was live before"
      case .delete:
        do throws(OpperAPIError) {
          try await api.deleteRoute(name: restore.name)
        } catch  where error.status == 404 {}  // gone already
        result.outcome = .deleted
      case .recreate(let graph, let description):
        let answer = try await api.createRoute(
          RouteCreate(name: restore.name, graph: graph, description: description, deploy: true))
        result.outcome = .deployed
        result.version = answer.detail.activeVersionNumber
        result.message = "created again from the snapshot's graph"
      }
    } catch {
      result.outcome = .failed
      result.message = error.description
    }
    return result
  }
}
