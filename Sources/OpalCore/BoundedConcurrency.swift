/// Runs one async operation per item with at most `width` of them in flight at once (a sliding
/// window: the next starts as soon as one ends), and gives the results in the items' order,
/// whatever order they finished in. The one loop the applier of routes, the route reads and
/// `--verify`'s alias reads share.
public enum BoundedConcurrency {
  /// Each item's result in input order; nil for an item never started because the task was
  /// cancelled (no new operation starts after that; those in flight run on).
  public static func mapUnlessCancelled<Item: Sendable, Value: Sendable>(
    _ items: [Item], width: Int, _ operation: @escaping @Sendable (Item) async -> Value
  ) async -> [Value?] {
    var results = [Value?](repeating: nil, count: items.count)
    await withTaskGroup(of: (Int, Value).self) { group in
      var next = 0
      func startNext() {
        guard next < items.count, !Task.isCancelled else { return }
        let index = next
        let item = items[index]
        next += 1
        group.addTask {
          let value = await operation(item)
          return (index, value)
        }
      }
      for _ in 0..<max(1, width) { startNext() }
      while let (index, value) = await group.next() {
        results[index] = value
        startNext()
      }
    }
    return results
  }

  /// Every item's result in input order, or the first failure: then nothing new starts and
  /// the operations in flight are cancelled (and awaited) before it is thrown.
  public static func map<Item: Sendable, Value: Sendable, Failure: Error>(
    _ items: [Item], width: Int, _ operation: @escaping @Sendable (Item) async throws(Failure) -> Value
  ) async throws(Failure) -> [Value] {
    var results = [Value?](repeating: nil, count: items.count)
    let failure: Failure? = await withTaskGroup(of: (Int, Result<Value, Failure>).self) { group in
      var next = 0
      func startNext() {
        guard next < items.count else { return }
        let index = next
        let item = items[index]
        next += 1
        group.addTask {
          do throws(Failure) {
            let value = try await operation(item)
            return (index, .success(value))
          } catch {
            return (index, .failure(error))
          }
        }
      }
      for _ in 0..<max(1, width) { startNext() }
      while let (index, outcome) = await group.next() {
        switch outcome {
        case .success(let value):
          results[index] = value
          startNext()
        case .failure(let error):
          group.cancelAll()
          return error
        }
      }
      return nil
    }
    if let failure { throw failure }
    return results.map { $0! }
  }
}
