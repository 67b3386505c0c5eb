import ArgumentParser

// Placeholders while the libraries behind these commands land (removed as each arrives).
struct ValidateCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "validate", abstract: "Check config files.")
}
struct PlanCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "plan", abstract: "Show what would change.")
}
struct ApplyCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "apply", abstract: "Make the remote match.")
}
struct ExportCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "export", abstract: "Write the remote as config.")
}
struct SmokeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "smoke", abstract: "Call every alias.")
}
struct EmulatorCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "emulator", abstract: "Run a local Opper API.")
}
