import ArgumentParser

// Placeholders while the libraries behind these commands land (removed as each arrives).
struct ExportCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "export", abstract: "Write the remote as config.")
}
struct SmokeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "smoke", abstract: "Call every alias.")
}
