import OpalCore

/// How one route is put back to its snapshot state, with the server's own operations: a
/// rollback to the recorded active version (a new version with that graph, so the rollback
/// is in the history), an undeploy when nothing was live, a delete when it did not exist, and
/// a create-and-deploy of the recorded graph when the apply deleted it.
public struct RouteRestore: Hashable, Sendable {
  /// The server operation.
  public enum Step: Hashable, Sendable {
    case rollback(toVersion: Int)
    case undeploy
    case delete
    case recreate(graph: JSONValue, description: String?)
  }

  public var name: String
  public var step: Step

  public init(name: String, step: Step) {
    self.name = name
    self.step = step
  }

  /// The step in words, for plan notes and reports.
  public var summary: String {
    switch step {
    case .rollback(let version): "the server's rollback to v\(version)"
    case .undeploy: "undeploy (nothing was live before)"
    case .delete: "delete (it did not exist before)"
    case .recreate: "create it again with its recorded graph and deploy it"
    }
  }
}
