import CivicModels
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
        #expect(Donation.schema.field(named: "amount_eur")?.role == .sensitive)
    }

    @Test func recordsBecomeTables() throws {
        let day = CivicDate(year: 2025, month: 4, day: 1)!
        let donations = [
            Donation(donationID: "S-1", donorName: "A. Beispiel", donorZip: "10115", amountEUR: 50, date: day,
                     purpose: nil, receiptRequested: true),
            Donation(donationID: "S-2", donorName: "B. Beispiel", donorZip: nil, amountEUR: 12.5, date: day + 3,
                     purpose: "Tafel", receiptRequested: false),
        ]
        let table = try Table(records: donations)
        #expect(table.rowCount == 2)
        #expect(table[1, "amount_eur"] == .number(12.5))
        #expect(table[0, "purpose"] == .missing)
        #expect(table[1, "donor_zip"] == .missing)
        let consents = [Consent(consentID: "E-1", clientID: "K-1", purpose: "statistik", legalBasis: .consent,
                                given: day, withdrawn: day + 10)]
        #expect(try Table(records: consents)[0, "legal_basis"] == .text("consent"))
    }

    @Test func consentAndRetentionRules() {
        let given = CivicDate(year: 2024, month: 1, day: 1)!
        let consent = Consent(consentID: "E-1", clientID: "K-1", purpose: "forschung", legalBasis: .consent,
                              given: given, withdrawn: given + 100)
        #expect(!consent.isValid(on: given + -1))
        #expect(consent.isValid(on: given + 99))
        #expect(!consent.isValid(on: given + 100))
        let rule = RetentionRule(recordTable: "counselling_cases", dateField: "start_date", retentionDays: 365)
        #expect(!rule.isExpired(recordDate: given, today: given + 365))
        #expect(rule.isExpired(recordDate: given, today: given + 366))
    }
}

/// Wraps a record type so that it can be a test argument.
struct ObjectIdentifierBox: CustomTestStringConvertible, Sendable {
    let type: any CivilSocietyRecord.Type
    init(_ type: any CivilSocietyRecord.Type) { self.type = type }
    var testDescription: String { type.tableName }
}
