/// A gift of money to the organisation.
public struct Donation: CivilSocietyRecord, Hashable {
    /// Donation number.
    public var donationID: String
    /// The donor's name (a person or a company).
    public var donorName: String
    /// Postcode of the donor.
    public var donorZip: String?
    /// The amount in euros.
    public var amountEUR: Double
    /// The day the money arrived.
    public var date: CivicDate
    /// The campaign or purpose the donor named, if any.
    public var purpose: String?
    /// Whether the donor wants a donation receipt (Zuwendungsbestätigung).
    public var receiptRequested: Bool

    /// Creates a donation.
    public init(donationID: String, donorName: String, donorZip: String?, amountEUR: Double,
                date: CivicDate, purpose: String?, receiptRequested: Bool) {
        self.donationID = donationID
        self.donorName = donorName
        self.donorZip = donorZip
        self.amountEUR = amountEUR
        self.date = date
        self.purpose = purpose
        self.receiptRequested = receiptRequested
    }

    public static let tableName = "donations"
    public static let schema = Schema(fields: [
        Field.identifier("donation_id", title: "Spendennummer"),
        Field.identifier("donor_name", title: "Spender:in"),
        Field("donor_zip", type: .string, role: .quasiIdentifier, title: "Postleitzahl"),
        Field("amount_eur", type: .number, role: .sensitive, title: "Betrag (EUR)",
              constraints: FieldConstraints(required: true, minimum: .number(0))),
        Field("date", type: .date, title: "Eingang", constraints: FieldConstraints(required: true)),
        Field("purpose", type: .string, title: "Zweck"),
        Field("receipt_requested", type: .boolean, title: "Zuwendungsbestätigung"),
    ], primaryKey: ["donation_id"])

    public var values: [Value] {
        [.text(donationID), .text(donorName), .text(donorZip), .number(amountEUR), .date(date),
         .text(purpose), .boolean(receiptRequested)]
    }
}
