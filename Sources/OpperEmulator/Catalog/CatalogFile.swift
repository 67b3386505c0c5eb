import Foundation
import OpalCore
import OpperAPI

/// A `--catalog FILE`: a JSON or YAML list of models, or a page of either API (`{"models": […]}`
/// of `/v3/models`, `{"data": […]}` of `/v2/models`). Each row is a v3 row (`id`, `capabilities`,
/// `context_window`, `pricing: {input, output}` in USD per million tokens, `region`, `country`,
/// `retired_at`, `successor`, …) or a v2 item (`hosting_provider`, `name`, `location`,
/// `input_cost_per_token`, `output_cost_per_token`). A row may say `retires_in_days: N`
/// (negative: already retired) instead of `retired_at`, counted from the emulator's start, so a
/// fixture stays true on any day.
enum CatalogFile {
  static func load(path: String, now: Date) throws -> [CatalogModel] {
    let value = try EmulatorFile.loadDocument(path: path)
    let list: JSONValue = value["models"] ?? value["data"] ?? value
    guard let rows = list.arrayValue else {
      throw EmulatorFileError(path: path, message: "a catalog is a list of models")
    }
    var models: [CatalogModel] = []
    for (i, row) in rows.enumerated() {
      do {
        models.append(try model(row, now: now))
      } catch let error as EmulatorFileError {
        throw error
      } catch {
        throw EmulatorFileError(path: path, message: "model [\(i)]: \(EmulatorFile.describe(error))")
      }
    }
    return models
  }

  private static func model(_ row: JSONValue, now: Date) throws -> CatalogModel {
    guard case .object(var fields) = row else {
      throw EmulatorFileError(path: "", message: "a model is a mapping")
    }
    if fields["id"] == nil, fields["hosting_provider"] != nil {
      return try EmulatorFile.decode(LanguageModel.self, from: row).catalogRow
    }
    if let days = fields.removeValue(forKey: "retires_in_days")?.doubleValue {
      fields["retired_at"] = .string(CatalogDate.format(now.addingTimeInterval(days * 86_400)))
    }
    return try EmulatorFile.decode(CatalogModel.self, from: .object(fields))
  }
}

extension LanguageModel {
  /// A v3 row for a v2 catalog item: its name as id, its location as region, its prices per
  /// million tokens; no capabilities, context window or retirement known.
  var catalogRow: CatalogModel {
    CatalogModel(
      id: name, provider: hostingProvider,
      pricing: CatalogPricing(
        inputPerMillion: inputCostPerToken.map { $0 * 1_000_000 },
        outputPerMillion: outputCostPerToken.map { $0 * 1_000_000 }),
      region: location)
  }
}
