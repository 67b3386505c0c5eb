import CYAML

/// What libyaml said when it stopped on an error, copied out of the parser so the message can
/// be made on another thread than the one that parsed (or after the parser is gone).
struct YAMLParserFailure {
  let error: yaml_error_type_t
  let problem: String?
  let problemValue: Int32
  let problemOffset: Int
  let problemMark: yaml_mark_t
  let context: String?
  let contextMark: yaml_mark_t

  init(_ p: yaml_parser_t) {
    error = p.error
    problem = p.problem.map { String(cString: $0) }
    problemValue = p.problem_value
    problemOffset = p.problem_offset
    problemMark = p.problem_mark
    context = p.context.map { String(cString: $0) }
    contextMark = p.context_mark
  }
}
