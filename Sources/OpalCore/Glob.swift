/// A shell-style name pattern for alias names: `*` matches any run of characters (including `/`),
/// `?` one character, `[abc]` / `[a-z]` / `[!x]` a set; `\` escapes. Everything else is literal.
public struct Glob: Hashable, Sendable, CustomStringConvertible {
  /// Why a pattern does not compile.
  public struct SyntaxError: Error, Hashable, Sendable {
    public var message: String
  }

  private enum Token: Hashable, Sendable {
    case literal(Character)
    case any  // ?
    case star  // *
    case set([ClosedRange<Character>], negated: Bool)
  }

  public let pattern: String
  private let tokens: [Token]

  public init(_ pattern: String) throws(SyntaxError) {
    self.pattern = pattern
    var tokens: [Token] = []
    var chars = Array(pattern)[...]
    while let c = chars.popFirst() {
      switch c {
      case "*":
        if tokens.last != .star { tokens.append(.star) }
      case "?": tokens.append(.any)
      case "\\":
        guard let next = chars.popFirst() else {
          throw SyntaxError(message: "pattern ends with a lone backslash")
        }
        tokens.append(.literal(next))
      case "[":
        var negated = false
        if chars.first == "!" || chars.first == "^" {
          negated = true
          chars.removeFirst()
        }
        var ranges: [ClosedRange<Character>] = []
        var closed = false
        var first = true
        while let d = chars.popFirst() {
          if d == "]" && !first {
            closed = true
            break
          }
          first = false
          if chars.count >= 2, chars.first == "-", chars.dropFirst().first != "]" {
            chars.removeFirst()
            let upper = chars.removeFirst()
            guard d <= upper else {
              throw SyntaxError(message: "range \(d)-\(upper) is out of order")
            }
            ranges.append(d...upper)
          } else {
            ranges.append(d...d)
          }
        }
        guard closed else { throw SyntaxError(message: "unclosed '[' in pattern") }
        tokens.append(.set(ranges, negated: negated))
      default: tokens.append(.literal(c))
      }
    }
    self.tokens = tokens
  }

  /// True when the pattern has no wildcard, so it names exactly one thing.
  public var isLiteral: Bool {
    tokens.allSatisfy { if case .literal = $0 { return true } else { return false } }
  }

  public var description: String { pattern }

  /// Whether `name` matches the whole pattern.
  public func matches(_ name: String) -> Bool {
    let text = Array(name)
    var ti = 0
    var pi = 0
    var starPi = -1
    var starTi = 0
    while ti < text.count {
      if pi < tokens.count, Self.matchOne(tokens[pi], text[ti]) {
        ti += 1
        pi += 1
      } else if pi < tokens.count, tokens[pi] == .star {
        starPi = pi
        starTi = ti
        pi += 1
      } else if starPi >= 0 {
        pi = starPi + 1
        starTi += 1
        ti = starTi
      } else {
        return false
      }
    }
    while pi < tokens.count, tokens[pi] == .star { pi += 1 }
    return pi == tokens.count
  }

  private static func matchOne(_ token: Token, _ c: Character) -> Bool {
    switch token {
    case .literal(let l): return l == c
    case .any: return true
    case .star: return false
    case .set(let ranges, let negated):
      let hit = ranges.contains { $0.contains(c) }
      return hit != negated
    }
  }
}

/// A list of globs; matches when any of them does.
public struct GlobSet: Hashable, Sendable {
  public let globs: [Glob]
  public init(_ globs: [Glob]) { self.globs = globs }
  public init(patterns: [String]) throws(Glob.SyntaxError) {
    var out: [Glob] = []
    for p in patterns { out.append(try Glob(p)) }
    self.globs = out
  }
  public var isEmpty: Bool { globs.isEmpty }
  public func matches(_ name: String) -> Bool { globs.contains { $0.matches(name) } }
}
