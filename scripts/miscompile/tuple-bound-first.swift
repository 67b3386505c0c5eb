@inline(never) func f() async throws -> Int { await Task.yield(); return 2 }
@main struct Main {
  static func main() async {
    let (a, b) = await Task.detached { () async -> (Int, Int) in
      do { let v = try await f(); return (4242, v) } catch { return (-1, -1) }
    }.value
    print(a, b)
  }
}
