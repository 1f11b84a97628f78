import Foundation

/// A gift of money to the organisation, in exact cents.
///
/// ```swift
/// let gift = Donation(donationID: "S-0001", donorID: "K-0042", amountCents: 2_500,
///                     date: CivicDate(year: 2025, month: 12, day: 1)!, purpose: "Tafel")
/// gift.euros   // 25.00, as a Decimal
/// ```
public struct Donation: CivilSocietyRecord, Hashable, Codable {
    /// Donation number.
    public var donationID: String
    /// The donor's person number, or `nil` for an anonymous gift (a collection box).
    public var donorID: String?
    /// The amount in euro cents: money is counted exactly, never in floating point.
    public var amountCents: Int
    /// The day the money arrived.
    public var date: CivicDate
    /// The campaign or purpose the donor named, if any.
    public var purpose: String?
    /// The day a donation receipt (Zuwendungsbestätigung) was issued, if one was.
    public var receiptIssued: CivicDate?

    /// Creates a donation.
    public init(donationID: String, donorID: String?, amountCents: Int, date: CivicDate, purpose: String? = nil,
                receiptIssued: CivicDate? = nil) {
        self.donationID = donationID
        self.donorID = donorID
        self.amountCents = amountCents
        self.date = date
        self.purpose = purpose
        self.receiptIssued = receiptIssued
    }

    /// The amount in euros, exactly.
    public var euros: Decimal { Decimal(amountCents) / 100 }

    public static let tableName = "donations"
    public static let schema = Schema(fields: [
        Field.pseudonym("donation_id", title: "Spendennummer"),
        Field("donor_id", type: .string, role: .pseudonym, title: "Personennummer der Spender:in"),
        Field("amount_cents", type: .integer, role: .sensitive, title: "Betrag (Cent)",
              constraints: FieldConstraints(required: true, minimum: .integer(1))),
        Field("date", type: .date, role: .quasiIdentifier, title: "Eingang", constraints: FieldConstraints(required: true)),
        Field("purpose", type: .string, role: .insensitive, title: "Zweck"),
        Field("receipt_issued", type: .date, role: .insensitive, title: "Zuwendungsbestätigung ausgestellt am"),
    ], primaryKey: ["donation_id"])

    public var values: [Value] {
        [.text(donationID), .text(donorID), .integer(amountCents), .date(date), .text(purpose), .date(receiptIssued)]
    }
}
