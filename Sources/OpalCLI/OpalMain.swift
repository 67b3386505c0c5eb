/// Entry point used by the `opal` executable.
public enum OpalMain {
  public static func run() async {
    await OpalCommand.main()
  }
}
