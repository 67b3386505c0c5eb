import OpperAPI

/// The emulator's built-in `/models` catalog: a few dozen realistic models, including every
/// name used in Opper's examples and in the spec. Prices are USD per token.
public enum DefaultCatalog {
  public static let models: [LanguageModel] = entries.map { entry in
    LanguageModel(
      hostingProvider: entry.provider, name: entry.name, location: entry.location,
      inputCostPerToken: entry.input / 1_000_000, outputCostPerToken: entry.output / 1_000_000)
  }

  /// provider, name, location, USD per million input tokens, per million output tokens.
  private static let entries:
    [(provider: String, name: String, location: String, input: Double, output: Double)] = [
      ("openai", "openai/gpt-4o", "us", 2.5, 10),
      ("openai", "openai/gpt-4o-mini", "us", 0.15, 0.6),
      ("openai", "openai/gpt-4.1", "us", 2, 8),
      ("openai", "openai/gpt-4.1-mini", "us", 0.4, 1.6),
      ("openai", "openai/gpt-4.1-nano", "us", 0.1, 0.4),
      ("openai", "openai/o3", "us", 2, 8),
      ("openai", "openai/o4-mini", "us", 1.1, 4.4),
      ("openai", "openai/gpt-5", "us", 1.25, 10),
      ("openai", "openai/gpt-5-mini", "us", 0.25, 2),
      ("azure", "azure/gpt-4o-eu", "eu", 2.5, 10),
      ("azure", "azure/gpt-4o-mini-eu", "eu", 0.15, 0.6),
      ("azure", "azure/gpt-4.1-eu", "eu", 2, 8),
      ("anthropic", "anthropic/claude-3-5-sonnet", "us", 3, 15),
      ("anthropic", "anthropic/claude-3-5-haiku", "us", 0.8, 4),
      ("anthropic", "anthropic/claude-3-7-sonnet", "us", 3, 15),
      ("anthropic", "anthropic/claude-sonnet-4", "us", 3, 15),
      ("anthropic", "anthropic/claude-opus-4", "us", 15, 75),
      ("aws", "aws/claude-sonnet-4-eu", "eu", 3, 15),
      ("aws", "aws/claude-3-5-sonnet-eu", "eu", 3, 15),
      ("aws", "aws/claude-3-7-sonnet-eu", "eu", 3, 15),
      ("aws", "aws/claude-3-5-haiku-eu", "eu", 0.8, 4),
      ("aws", "aws/llama-3.3-70b-instruct", "us", 0.72, 0.72),
      ("gcp", "gcp/claude-sonnet-4", "eu", 3, 15),
      ("gcp", "gcp/claude-3-5-sonnet-eu", "eu", 3, 15),
      ("gcp", "gcp/gemini-2.5-flash", "us", 0.3, 2.5),
      ("gcp", "gcp/gemini-2.5-flash-eu", "eu", 0.3, 2.5),
      ("gcp", "gcp/gemini-2.5-flash-lite", "us", 0.1, 0.4),
      ("gcp", "gcp/gemini-2.5-pro", "us", 1.25, 10),
      ("gcp", "gcp/gemini-2.0-flash", "us", 0.1, 0.4),
      ("groq", "groq/deepseek-r1-distill-llama-70b", "us", 0.75, 0.99),
      ("groq", "groq/llama-3.3-70b-versatile", "us", 0.59, 0.79),
      ("groq", "groq/llama-3.1-8b-instant", "us", 0.05, 0.08),
      ("groq", "groq/gemma2-9b-it", "us", 0.2, 0.2),
      ("mistral", "mistral/mistral-large-eu", "eu", 2, 6),
      ("mistral", "mistral/mistral-small-eu", "eu", 0.1, 0.3),
      ("mistral", "mistral/codestral-eu", "eu", 0.3, 0.9),
      ("xai", "xai/grok-3", "us", 3, 15),
      ("xai", "xai/grok-3-mini", "us", 0.3, 0.5),
      ("cerebras", "cerebras/llama-3.3-70b", "us", 0.85, 1.2),
      ("fireworks", "fireworks/deepseek-v3", "us", 0.9, 0.9),
    ]
}
