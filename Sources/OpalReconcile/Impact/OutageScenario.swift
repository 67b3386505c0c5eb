import Foundation
import OpalCore

/// What `opal impact --down` takes down: providers (`anthropic`) and models (`openai/gpt-4o`,
/// or a glob such as `aws/claude-*`). An item with a `/` names models; one without names a
/// provider, which takes down every hop it hosts.
public struct OutageScenario: Hashable, Sendable {
  public var providers: [String]
  public var models: [Glob]

  /// Why an item of `--down` cannot be read.
  public struct ParseError: Error, CustomStringConvertible {
    public var description: String
  }

  public init(providers: [String] = [], models: [Glob] = []) {
    self.providers = providers
    self.models = models
  }

  /// `anthropic,openai/gpt-4o`: comma-separated, blanks ignored; repeated flags add up.
  public init(parsing lists: [String]) throws(ParseError) {
    var providers: [String] = []
    var models: [Glob] = []
    for list in lists {
      for raw in list.split(separator: ",") {
        let item = raw.trimmingCharacters(in: .whitespaces)
        guard !item.isEmpty else { continue }
        if item.contains("/") {
          do {
            models.append(try Glob(item))
          } catch {
            throw ParseError(description: "--down \(item): \(error.message)")
          }
        } else {
          providers.append(item)
        }
      }
    }
    guard !providers.isEmpty || !models.isEmpty else {
      throw ParseError(description: "--down needs at least one provider or model")
    }
    self.providers = providers
    self.models = models
  }

  /// Every item, as the user wrote it.
  public var items: [String] { providers + models.map(\.pattern) }

  /// True when a hop on `model`, hosted by `provider`, is down in this scenario.
  public func isDown(model: String, provider: String) -> Bool {
    providers.contains(provider) || models.contains { $0.matches(model) }
  }
}
