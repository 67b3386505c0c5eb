import Foundation
import OpalCore

/// What a chain costs per hop, in USD per million tokens, as a plan shows it (SPEC §14): every
/// hop's input and output price before and after the change, and for an update the change of
/// the primary's price and of the worst case (the dearest hop: the highest input + output price,
/// that is the hop a call costs most on when every model before it fails; the first of equally
/// dear hops).
public struct ChainPricing: Hashable, Sendable, Codable {
  /// The price of one hop; nil fields when the catalog does not know it (a custom model).
  public struct HopPrice: Hashable, Sendable, Codable {
    public var model: String
    public var input: Double?
    public var output: Double?

    public init(model: String, input: Double?, output: Double?) {
      self.model = model
      self.input = input
      self.output = output
    }

    /// `$3.00 in / $15.00 out`, or `price unknown`.
    public var text: String {
      guard input != nil || output != nil else { return "price unknown" }
      return "\(Self.dollars(input)) in / \(Self.dollars(output)) out"
    }

    /// `$3.00`, `$0.15`, `$0.075`; `$?` when unknown.
    public static func dollars(_ value: Double?) -> String {
      guard let value else { return "$?" }
      let cents = (value * 100).rounded() / 100
      return "$" + FixedDecimal.text(value, places: abs(cents - value) < 1e-9 ? 2 : 3)
    }

    var total: Double { (input ?? 0) + (output ?? 0) }

    enum CodingKeys: String, CodingKey { case model, input, output }

    public func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(model, forKey: .model)
      try c.encode(input, forKey: .input)
      try c.encode(output, forKey: .output)
    }
  }

  /// A price that moves: the hop it was on before and after (nil on the side that has no chain).
  public typealias PriceMove = ValueChange<HopPrice>

  /// Always "USD per million tokens", so a reader of the JSON need not guess.
  public var unit: String
  /// The remote chain's prices (empty for a create).
  public var before: [HopPrice]
  /// The desired chain's prices (empty for a delete).
  public var after: [HopPrice]
  /// The primary's price, old and new.
  public var primary: PriceMove
  /// The dearest hop, old and new.
  public var worstCase: PriceMove

  public init(before: [HopPrice], after: [HopPrice]) {
    unit = "USD per million tokens"
    self.before = before
    self.after = after
    primary = PriceMove(old: before.first, new: after.first)
    worstCase = PriceMove(old: Self.dearest(before), new: Self.dearest(after))
  }

  /// The prices of `models` from `catalog`.
  public static func hops(_ models: [String], in catalog: ModelCatalog) -> [HopPrice] {
    models.map { model in
      let pricing = catalog.row(model)?.pricing
      return HopPrice(model: model, input: pricing?.inputPerMillion, output: pricing?.outputPerMillion)
    }
  }

  /// The price of a hop named `model`, from either side.
  public func price(of model: String) -> HopPrice? {
    after.first { $0.model == model } ?? before.first { $0.model == model }
  }

  static func dearest(_ hops: [HopPrice]) -> HopPrice? {
    var dearest: HopPrice?
    for hop in hops where hop.input != nil || hop.output != nil {
      if dearest.map({ hop.total > $0.total }) ?? true { dearest = hop }
    }
    return dearest
  }

  enum CodingKeys: String, CodingKey {
    case unit, before, after, primary
    case worstCase = "worst_case"
  }
}
