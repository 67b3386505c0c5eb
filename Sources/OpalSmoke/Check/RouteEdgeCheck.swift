import OpalConfig
import OpalCore
import OpperAPI

/// `smoke --each-hop` for routes (SPEC §13): every fallback edge of each route's **live**
/// version proven with the server's simulate. Each model or pool node is forced to `fallback`
/// in turn, with the walk steered to it (the answering nodes before it failing too, each branch
/// on the way taking the output that leads there); the walk must then be answered by the node
/// its fallback edge names (or, for an edge to END, by nothing). No model is called.
public struct RouteEdgeCheck: Sendable {
  /// One forced fallback and what the server's walk did.
  public struct Finding: Hashable, Sendable {
    public var route: String
    public var node: String
    /// The node the edge names (`END`: nothing answers).
    public var expected: String
    /// The node that answered, nil for none.
    public var answeredBy: String?
    /// Why the edge could not be checked (not deployed, a simulate error).
    public var problem: String?

    public var passed: Bool {
      problem == nil && (expected == "END" ? answeredBy == nil : answeredBy == expected)
    }

    public var message: String {
      if let problem { return "route '\(route)': \(problem)" }
      let got = answeredBy.map { "'\($0)'" } ?? "nothing"
      let want = expected == "END" ? "nothing (END)" : "'\(expected)'"
      return "route '\(route)': with '\(node)' failing, \(want) should answer; the server's walk got \(got)"
    }
  }

  let api: any DynamicRoutesAPI

  public init(api: any DynamicRoutesAPI) { self.api = api }

  /// The findings, route by route, node by node (at most 1,000 simulate calls).
  public func run(_ routes: [RouteSpec]) async -> [Finding] {
    var findings: [Finding] = []
    var budget = 1_000
    for route in routes {
      let live: RouteDetailAnswer?
      do {
        live = try await api.route(named: route.name)
      } catch {
        findings.append(
          Finding(route: route.name, node: "-", expected: "-", problem: "cannot read it: \(error)"))
        continue
      }
      guard let live, live.detail.activeVersionNumber > 0 else {
        findings.append(
          Finding(
            route: route.name, node: "-", expected: "-", problem: "not deployed: no live version to prove"))
        continue
      }
      let version = live.detail.activeVersionNumber
      let graph: JSONValue?
      do {
        graph = try await api.version(name: route.name, number: version)?.graph
      } catch {
        findings.append(
          Finding(route: route.name, node: "-", expected: "-", problem: "cannot read v\(version): \(error)"))
        continue
      }
      let elements = graph?["elements"]?.arrayValue ?? []
      // Who leads to each node, by which output: the walk to a node is forced along it.
      var parent: [String: (id: String, output: String, type: String)] = [:]
      for element in elements {
        guard let id = element["id"]?.stringValue, let type = element["type"]?.stringValue else { continue }
        for (output, edge) in element["outputs"]?.objectValue ?? [:] {
          if let target = edge["elementId"]?.stringValue, target != "END", parent[target] == nil {
            parent[target] = (id, output, type)
          }
        }
      }
      for element in elements {
        guard budget > 0 else { return findings }
        let type = element["type"]?.stringValue
        guard type == "model" || type == "pool", let id = element["id"]?.stringValue,
          let target = element["outputs"]?["fallback"]?["elementId"]?.stringValue
        else { continue }
        budget -= 1
        var outcomes: [String: JSONValue] = [id: .string("fallback")]
        var branches: [String: JSONValue] = [:]
        var current = id
        for _ in 0..<elements.count {
          guard let up = parent[current], up.type != "start" else { break }
          if up.type == "model" || up.type == "pool" {
            if up.output == "fallback" { outcomes[up.id] = .string("fallback") }
          } else {
            branches[up.id] = .string(up.output)
          }
          current = up.id
        }
        var overrides: [String: JSONValue] = ["model_outcomes": .object(outcomes)]
        if !branches.isEmpty {
          for key in ["classifier_cases", "conditional_cases", "percentage_buckets"] {
            overrides[key] = .object(branches)
          }
        }
        var finding = Finding(route: route.name, node: id, expected: target)
        do {
          let walk = try await api.simulate(
            name: route.name, RouteSimulationRequest(versionNumber: version, overrides: .object(overrides)))
          finding.answeredBy = walk.answeredBy
        } catch {
          finding.problem = "simulate failed: \(error)"
        }
        findings.append(finding)
      }
    }
    return findings
  }
}
