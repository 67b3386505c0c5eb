import Foundation
import OpalCore

/// The smoke report as JUnit XML, the format GitHub and GitLab test tabs read: one `<testsuite>`
/// per alias, one `<testcase>` per case and per hop, `<failure>` for a finding about the alias,
/// `<error>` for a problem of the run, `<skipped/>` for a budget skip.
public struct SmokeJUnitRenderer: DocumentRenderer {
  /// The `name` of the `<testsuites>` root.
  public var suiteName: String

  public init(suiteName: String = "opal smoke") {
    self.suiteName = suiteName
  }

  public func render(_ report: SmokeReport) -> String {
    let t = report.totals
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    out += "<testsuites name=\(attr(suiteName)) tests=\"\(t.cases + t.hops)\" failures=\"\(t.failed)\""
    out += " errors=\"\(t.errors)\" skipped=\"\(t.skipped)\" time=\"\(seconds(t.durationMs))\">\n"
    for alias in report.aliases {
      out += suite(alias)
    }
    if !report.errors.isEmpty && report.aliases.isEmpty {
      // A run that failed before any alias (nothing matched --alias) still shows up as a failure.
      out += "  <testsuite name=\"opal smoke\" tests=\"1\" failures=\"0\" errors=\"1\""
      out += " skipped=\"0\" time=\"0.000\">\n"
      out += "    <testcase classname=\"opal smoke\" name=\"run\" time=\"0.000\">\n"
      let text = report.errors.joined(separator: "\n")
      out += "      <error message=\(attr(report.errors[0]))>\(escape(text))</error>\n"
      out += "    </testcase>\n  </testsuite>\n"
    }
    out += "</testsuites>\n"
    return out
  }

  private func suite(_ alias: SmokeAliasResult) -> String {
    let verdicts = alias.cases.map(\.verdict) + alias.hops.map(\.verdict)
    let ms =
      alias.cases.compactMap(\.latencyMs).reduce(0, +) + alias.hops.compactMap(\.latencyMs).reduce(0, +)
    var out = "  <testsuite name=\(attr(alias.alias)) tests=\"\(verdicts.count)\""
    out += " failures=\"\(verdicts.filter { $0 == .fail }.count)\""
    out += " errors=\"\(verdicts.filter { $0 == .error }.count)\""
    out += " skipped=\"\(verdicts.filter { $0 == .skipped }.count)\" time=\"\(seconds(ms))\">\n"
    out += "    <properties>\n"
    out += "      <property name=\"chain\" value=\(attr(alias.chain.joined(separator: " → ")))/>\n"
    out += "    </properties>\n"
    for c in alias.cases {
      var detail: [String] = ["call: \(c.callName)"]
      if let served = c.servedBy { detail.append("served by: \(served)\(c.fallback ? " (fallback)" : "")") }
      for a in c.attempts {
        let retries =
          a.parseRetries > 0 ? ", \(a.parseRetries) parse \(a.parseRetries == 1 ? "retry" : "retries")" : ""
        detail.append("attempt: \(a.model): \(a.error ?? "answered")\(retries)")
      }
      if let note = c.note { detail.append("note: \(note)") }
      if let trace = c.traceId { detail.append("trace: \(trace)") }
      out += testcase(
        classname: alias.alias, name: c.name, ms: c.latencyMs, verdict: c.verdict, reasons: c.reasons,
        output: detail.joined(separator: "\n"))
    }
    for hop in alias.hops {
      let name = "hop \(hop.position + 1): \(hop.model)"
      out += testcase(
        classname: alias.alias, name: name, ms: hop.latencyMs, verdict: hop.verdict,
        reasons: hop.reason.map { [$0] } ?? [], output: "\(hop.role) of \(alias.alias), called alone")
    }
    out += "  </testsuite>\n"
    return out
  }

  private func testcase(
    classname: String, name: String, ms: Int?, verdict: SmokeVerdict, reasons: [String], output: String
  ) -> String {
    var out = "    <testcase classname=\(attr(classname)) name=\(attr(name)) time=\"\(seconds(ms ?? 0))\">\n"
    let message = reasons.first ?? verdict.rawValue
    let body = reasons.joined(separator: "\n")
    switch verdict {
    case .pass: break
    case .fail: out += "      <failure message=\(attr(message)) type=\"smoke\">\(escape(body))</failure>\n"
    case .error: out += "      <error message=\(attr(message)) type=\"run\">\(escape(body))</error>\n"
    case .skipped: out += "      <skipped message=\(attr(message))/>\n"
    }
    out += "      <system-out>\(escape(output))</system-out>\n"
    out += "    </testcase>\n"
    return out
  }

  private func seconds(_ ms: Int) -> String { String(format: "%.3f", Double(ms) / 1000) }

  /// A quoted attribute value.
  private func attr(_ s: String) -> String { "\"" + escape(s, attribute: true) + "\"" }

  /// XML 1.0 text: markup characters escaped, characters XML cannot hold replaced by U+FFFD.
  func escape(_ s: String, attribute: Bool = false) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for scalar in s.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      case "\n": out += attribute ? "&#10;" : "\n"
      case "\r": out += "&#13;"
      case "\t": out += attribute ? "&#9;" : "\t"
      default:
        let v = scalar.value
        let allowed = v >= 0x20 && !(0xD800...0xDFFF).contains(v) && v != 0xFFFE && v != 0xFFFF
        out.unicodeScalars.append(allowed ? scalar : "\u{FFFD}")
      }
    }
    return out
  }
}
