import Foundation
import OpperAPI

/// The emulator's built-in catalog: a few dozen realistic models, including every name used in
/// Opper's examples and in the spec, with capabilities, context windows, prices (USD per million
/// tokens), regions and countries. Some are retired with a successor and some retire within
/// weeks; those dates are relative to the emulator's clock (`rows(now:)`), so tests that rely
/// on "retired" or "retiring in 10 days" stay true on any day.
public enum DefaultCatalog {
  /// The v2 `/models` view of the default catalog (every row, retired ones included).
  public static let models: [LanguageModel] = rows(now: Date()).map(\.languageModel)

  /// The v3 rows, retirement dates counted from `now`.
  public static func rows(now: Date) -> [CatalogModel] {
    entries.map { e in
      CatalogModel(
        id: e.id, name: displayName(e.id), description: "\(displayName(e.id)) served by \(provider(e.id))",
        capabilities: e.caps.split(separator: " ").map(String.init),
        speed: e.input < 0.5 ? "fast" : "medium", quality: e.input >= 2 ? "high" : "medium",
        cost: e.input, contextWindow: e.context,
        pricing: CatalogPricing(inputPerMillion: e.input, outputPerMillion: e.output),
        region: e.region, country: e.country, apiType: "chat",
        retiredAt: e.retireInDays.map { CatalogDate.format(now.addingTimeInterval(Double($0) * 86_400)) },
        successor: e.successor)
    }
  }

  private static func provider(_ id: String) -> String { String(id.prefix { $0 != "/" }) }
  private static func displayName(_ id: String) -> String { String(id.split(separator: "/").last ?? "") }

  private typealias Entry = (
    id: String, region: String, country: String, input: Double, output: Double, context: Int,
    caps: String, retireInDays: Int?, successor: String?
  )

  private static let oa = "tools vision json streaming"
  private static let reason = "tools vision json streaming reasoning"
  private static let claude = "tools vision json streaming pdf reasoning"
  private static let claude35 = "tools vision json streaming pdf"
  private static let gemini = "tools vision json streaming pdf reasoning"
  private static let open = "tools json streaming"

  /// id, region, country, USD per million input and output tokens, context window,
  /// capabilities, days until retirement (negative: retired), successor.
  private static let entries: [Entry] = [
    ("openai/gpt-4o", "us", "US", 2.5, 10, 128_000, oa, nil, nil),
    ("openai/gpt-4o-mini", "us", "US", 0.15, 0.6, 128_000, oa, nil, nil),
    ("openai/gpt-4.1", "us", "US", 2, 8, 1_047_576, oa, nil, nil),
    ("openai/gpt-4.1-mini", "us", "US", 0.4, 1.6, 1_047_576, oa, nil, nil),
    ("openai/gpt-4.1-nano", "us", "US", 0.1, 0.4, 1_047_576, oa, nil, nil),
    ("openai/o3", "us", "US", 2, 8, 200_000, reason, 10, "openai/gpt-5"),
    ("openai/o4-mini", "us", "US", 1.1, 4.4, 200_000, reason, nil, nil),
    ("openai/gpt-5", "us", "US", 1.25, 10, 400_000, reason, nil, nil),
    ("openai/gpt-5-mini", "us", "US", 0.25, 2, 400_000, reason, nil, nil),
    ("openai/gpt-4-turbo", "us", "US", 10, 30, 128_000, oa, -60, "openai/gpt-4.1"),
    ("azure/gpt-4o-eu", "eu", "SE", 2.5, 10, 128_000, oa, nil, nil),
    ("azure/gpt-4o-mini-eu", "eu", "SE", 0.15, 0.6, 128_000, oa, nil, nil),
    ("azure/gpt-4.1-eu", "eu", "SE", 2, 8, 1_047_576, oa, nil, nil),
    ("anthropic/claude-3-5-sonnet", "us", "US", 3, 15, 200_000, claude35, nil, nil),
    ("anthropic/claude-3-5-haiku", "us", "US", 0.8, 4, 200_000, open, nil, nil),
    ("anthropic/claude-3-haiku", "us", "US", 0.25, 1.25, 200_000, open, -30, "anthropic/claude-3-5-haiku"),
    ("anthropic/claude-3-7-sonnet", "us", "US", 3, 15, 200_000, claude, 21, "anthropic/claude-sonnet-4"),
    ("anthropic/claude-sonnet-4", "us", "US", 3, 15, 200_000, claude, nil, nil),
    ("anthropic/claude-opus-4", "us", "US", 15, 75, 200_000, claude, nil, nil),
    ("aws/claude-sonnet-4-eu", "eu", "DE", 3, 15, 200_000, claude, nil, nil),
    ("aws/claude-3-5-sonnet-eu", "eu", "DE", 3, 15, 200_000, claude35, nil, nil),
    ("aws/claude-3-7-sonnet-eu", "eu", "DE", 3, 15, 200_000, claude, 21, "aws/claude-sonnet-4-eu"),
    ("aws/claude-3-sonnet-eu", "eu", "DE", 3, 15, 200_000, claude35, -90, "aws/claude-sonnet-4-eu"),
    ("aws/claude-3-5-haiku-eu", "eu", "DE", 0.8, 4, 200_000, open, nil, nil),
    ("aws/llama-3.3-70b-instruct", "us", "US", 0.72, 0.72, 128_000, open, nil, nil),
    ("gcp/claude-sonnet-4", "eu", "BE", 3, 15, 200_000, claude, nil, nil),
    ("gcp/claude-3-5-sonnet-eu", "eu", "BE", 3, 15, 200_000, claude35, nil, nil),
    ("gcp/gemini-2.5-flash", "us", "US", 0.3, 2.5, 1_048_576, gemini, nil, nil),
    ("gcp/gemini-2.5-flash-eu", "eu", "NL", 0.3, 2.5, 1_048_576, gemini, nil, nil),
    ("gcp/gemini-2.5-flash-lite", "us", "US", 0.1, 0.4, 1_048_576, gemini, nil, nil),
    ("gcp/gemini-2.5-pro", "us", "US", 1.25, 10, 1_048_576, gemini, nil, nil),
    ("gcp/gemini-2.0-flash", "us", "US", 0.1, 0.4, 1_048_576, claude35, nil, nil),
    ("gcp/gemini-1.5-pro", "us", "US", 1.25, 5, 2_097_152, claude35, -45, "gcp/gemini-2.5-pro"),
    (
      "groq/deepseek-r1-distill-llama-70b", "us", "US", 0.75, 0.99, 128_000, "json streaming reasoning", nil,
      nil
    ),
    ("groq/llama-3.3-70b-versatile", "us", "US", 0.59, 0.79, 131_072, open, nil, nil),
    ("groq/llama-3.1-8b-instant", "us", "US", 0.05, 0.08, 131_072, open, nil, nil),
    ("groq/gemma2-9b-it", "us", "US", 0.2, 0.2, 8_192, "json streaming", -14, "groq/llama-3.1-8b-instant"),
    ("mistral/mistral-large-eu", "eu", "FR", 2, 6, 128_000, open, nil, nil),
    ("mistral/mistral-small-eu", "eu", "FR", 0.1, 0.3, 32_000, open, nil, nil),
    ("mistral/codestral-eu", "eu", "FR", 0.3, 0.9, 256_000, open, 45, "mistral/mistral-large-eu"),
    ("xai/grok-3", "us", "US", 3, 15, 131_072, open, nil, nil),
    ("xai/grok-3-mini", "us", "US", 0.3, 0.5, 131_072, "tools json streaming reasoning", nil, nil),
    ("cerebras/llama-3.3-70b", "us", "US", 0.85, 1.2, 65_536, open, nil, nil),
    ("fireworks/deepseek-v3", "us", "US", 0.9, 0.9, 128_000, open, nil, nil),
  ]
}

extension CatalogModel {
  /// The v2 `/models` item for this row (prices per token, location from the region).
  public var languageModel: LanguageModel {
    LanguageModel(
      hostingProvider: provider, name: id, location: region.isEmpty ? "us" : region,
      inputCostPerToken: pricing?.inputPerMillion.map { $0 / 1_000_000 },
      outputCostPerToken: pricing?.outputPerMillion.map { $0 / 1_000_000 })
  }
}
