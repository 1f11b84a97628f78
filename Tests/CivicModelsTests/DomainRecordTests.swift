import CivicModels
import Foundation
import Testing

@Suite struct DomainRecordTests {
    @Test(arguments: allCivilSocietyRecordTypes.map { ObjectIdentifierBox($0) })
    func schemasAreWellFormed(_ box: ObjectIdentifierBox) {
        let schema = box.type.schema
        #expect(!schema.fields.isEmpty)
        #expect(Set(schema.fieldNames).count == schema.fields.count, "duplicate field names")
        for key in schema.primaryKey { #expect(schema.index(of: key) != nil, "primary key \(key)") }
        #expect(!box.type.tableName.isEmpty)
    }

    @Test func tableNamesAreDistinct() {
        let names = allCivilSocietyRecordTypes.map { $0.tableName }
        #expect(Set(names).count == names.count)
    }

    @Test func namesAreIdentifiersAndBirthDatesQuasiIdentifiers() {
        let schema = CounsellingCase.schema
        #expect(schema.field(named: "name")?.role == .identifier)
        #expect(schema.field(named: "client_id")?.role == .pseudonym)
        #expect(schema.field(named: "case_id")?.role == .pseudonym)
        #expect(schema.field(named: "notes")?.role == .freeText)
        #expect(schema.field(named: "start_date")?.role == .quasiIdentifier)
        #expect(schema.field(named: "birth_date")?.role == .quasiIdentifier)
        #expect(schema.field(named: "zip")?.role == .quasiIdentifier)
        #expect(schema.fields(withRole: .sensitive).map(\.name) == ["service", "income_eur", "outcome"])
        #expect(Person.schema.field(named: "name")?.role == .identifier)
        #expect(Donation.schema.field(named: "amount_cents")?.role == .sensitive)
        #expect(CaseFile.schema.field(named: "notes")?.role == .freeText)
    }

    @Test func recordsBecomeTables() throws {
        let day = CivicDate(year: 2025, month: 4, day: 1)!
        let donations = [
            Donation(donationID: "S-1", donorID: "K-1", amountCents: 5_000, date: day, receiptIssued: day + 20),
            Donation(donationID: "S-2", donorID: nil, amountCents: 1_250, date: day + 3, purpose: "Tafel"),
        ]
        let table = try Table(records: donations)
        #expect(table.rowCount == 2)
        #expect(table[1, "amount_cents"] == .integer(1_250))
        #expect(donations[1].euros == Decimal(string: "12.5"))
        #expect(table[0, "purpose"] == .missing)
        #expect(table[1, "donor_id"] == .missing)
        let person = Person(personID: "K-1", name: "A. Beispiel", roles: [.volunteer, .client])
        #expect(try Table(records: [person])[0, "roles"] == .text("client,volunteer"))
        let consents = [Consent(consentID: "E-1", personID: "K-1", purpose: "statistik", legalBasis: .consent,
                                given: day, withdrawn: day + 10)]
        #expect(try Table(records: consents)[0, "legal_basis"] == .text("consent"))
    }

    @Test func consentAndRetentionRules() {
        let given = CivicDate(year: 2024, month: 1, day: 1)!
        let consent = Consent(consentID: "E-1", personID: "K-1", purpose: "forschung", legalBasis: .consent,
                              given: given, withdrawn: given + 100)
        #expect(!consent.isValid(on: given + -1))
        #expect(consent.isValid(on: given + 99))
        #expect(!consent.isValid(on: given + 100))
        let rule = RetentionRule(records: .cases, years: 1)
        #expect(!rule.isExpired(anchor: given, today: CivicDate(year: 2025, month: 1, day: 1)!))
        #expect(rule.isExpired(anchor: given, today: CivicDate(year: 2025, month: 1, day: 2)!))
        // A leap day's anniversary in a common year is 28 February.
        let leap = CivicDate(year: 2024, month: 2, day: 29)!
        #expect(leap.adding(years: 1) == CivicDate(year: 2025, month: 2, day: 28))
        #expect(RetentionRule.donationAnchor(leap) == CivicDate(year: 2024, month: 12, day: 31))
    }
}

/// Wraps a record type so that it can be a test argument.
struct ObjectIdentifierBox: CustomTestStringConvertible, Sendable {
    let type: any CivilSocietyRecord.Type
    init(_ type: any CivilSocietyRecord.Type) { self.type = type }
    var testDescription: String { type.tableName }
}
