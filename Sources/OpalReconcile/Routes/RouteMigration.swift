import Foundation
import OpalConfig
import OpalCore

/// `opal migrate` (SPEC §13): declared aliases turned into equivalent routes, a chain of the
/// same models in the same order. The aliases stay; callers change their `model` from the alias
/// name to `dynamic/<route>`. A route name keeps the alias name when Opper's route-name rule
/// allows it, else the disallowed characters become `-` (and the mapping says so).
public struct RouteMigration: Sendable {
  /// One alias moved to a route.
  public struct Entry: Hashable, Sendable {
    public var alias: String
    public var route: String
    public var models: [String]
    public var description: String?
  }

  public var entries: [Entry]

  public init(aliases: [AliasSpec], existingRoutes: Set<String> = []) {
    var taken = existingRoutes
    entries = aliases.map { alias in
      var name = String(
        alias.name.unicodeScalars.map { s -> Character in
          let ok = s.isASCII && (CharacterSet.alphanumerics.contains(s) || "-_.".unicodeScalars.contains(s))
          return ok ? Character(s) : "-"
        })
      if name.isEmpty || !(name.first?.isLetter ?? false || name.first?.isNumber ?? false) {
        name = "r" + name
      }
      name = String(name.prefix(128))
      var candidate = name
      var n = 2
      while taken.contains(candidate) && n < 10_000 {
        candidate = "\(name.prefix(120))-\(n)"
        n += 1
      }
      taken.insert(candidate)
      return Entry(alias: alias.name, route: candidate, models: alias.models, description: alias.description)
    }
  }

  /// The `routes:` section to paste into the config.
  public var yaml: String {
    var out = "routes:\n"
    for entry in entries {
      out += "  \(YAMLScalarQuoting.scalar(entry.route, context: .key)):\n"
      if let description = entry.description, !description.isEmpty {
        out += "    description: \(YAMLScalarQuoting.scalar(description, context: .blockValue))\n"
      }
      out += "    models: \(Exporter.flowList(entry.models))\n"
    }
    return out
  }

  /// One line per alias: what callers change.
  public var callerChanges: [String] {
    entries.map { entry in
      let renamed =
        entry.route == entry.alias
        ? "" : " (route name '\(entry.route)': route names allow only letters, digits, '-', '_' and '.')"
      return "\"model\": \"\(entry.alias)\" → \"model\": \"dynamic/\(entry.route)\"\(renamed)"
    }
  }
}
