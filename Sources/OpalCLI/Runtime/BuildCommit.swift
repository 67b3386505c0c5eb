/// The git commit `opal --version` names: recorded when the binary was built
/// (`Plugins/BuildCommitPlugin` runs `git describe --always --dirty --abbrev=12` in the checkout
/// before each build), so an installed copy far from any checkout still says what it is built
/// from. "unknown" when the build had no git or no checkout (a source tarball).
enum BuildCommit {
  /// The commit, e.g. `b755a8c04f1e` or `b755a8c04f1e-dirty`, or "unknown".
  static var describe: String { BuildCommitStamp.commit }
}
