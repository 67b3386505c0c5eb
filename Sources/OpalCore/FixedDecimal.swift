import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A number written with a fixed count of decimals, exactly as C's `printf("%.Nf")` writes it
/// (the same digits and the same rounding of the binary value, `nan` and `inf` included), by
/// `vsnprintf` into a stack buffer. Foundation's `String(format:)` gives the same text but builds
/// a CoreFoundation formatter for every call: for the plan's hop prices that was 15 % of the CPU
/// of a 1,000-alias text plan.
///
/// A plan says the same few prices thousands of times (one per hop of every change), so the
/// texts already written are kept, up to `rememberedLimit` of them: `withVaList` boxes its
/// argument and looks up its conformances on every call.
public enum FixedDecimal {
  /// `value` with `places` decimals (0 to 9; clamped), as `String(format: "%.<places>f", value)`.
  public static func text(_ value: Double, places: Int) -> String {
    let places = max(0, min(places, formats.count - 1))
    let key = Key(bits: value.bitPattern, places: places)
    if let known = remembered.withLock({ $0[key] }) { return known }
    let text = printed(value, places: places)
    remembered.withLock { texts in
      if texts.count < rememberedLimit { texts[key] = text }
    }
    return text
  }

  /// How many texts are kept at most; past it, new values are printed each time.
  static let rememberedLimit = 4096

  private struct Key: Hashable {
    var bits: UInt64
    var places: Int
  }

  private static let remembered = Mutex<[Key: String]>([:])

  /// `value` printed by `vsnprintf` (`places` already clamped).
  static func printed(_ value: Double, places: Int) -> String {
    let format = formats[places]
    // A double's `%.9f` is at most 309 integer digits + sign, point and 9 decimals.
    return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 400) { buffer in
      guard let base = buffer.baseAddress else { return "" }
      let written = format.withUnsafeBufferPointer { format in
        withVaList([value]) { vsnprintf(base, buffer.count, format.baseAddress, $0) }
      }
      guard written > 0, Int(written) < buffer.count else { return "" }
      return String(decoding: UnsafeRawBufferPointer(start: base, count: Int(written)), as: UTF8.self)
    }
  }

  private static let formats: [[CChar]] = (0...9).map { Array("%.\($0)f".utf8CString) }
}
