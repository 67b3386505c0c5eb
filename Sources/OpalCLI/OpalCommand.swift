import ArgumentParser

/// The root `opal` command: Opper model aliases as code.
public struct OpalCommand: AsyncParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "opal",
    abstract: "Keep Opper model aliases in git and reconcile the live API to them."
  )
  public init() {}
}
