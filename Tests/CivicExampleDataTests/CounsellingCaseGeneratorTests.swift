import CivicExampleData
import CivicModels
import Foundation
import Testing

@Suite struct CounsellingCaseGeneratorTests {
    let generator = CounsellingCaseGenerator(seed: 11, rowCount: 2_000)

    @Test func sameSeedSameRecordsOtherSeedOtherRecords() {
        let again = CounsellingCaseGenerator(seed: 11, rowCount: 2_000)
        let other = CounsellingCaseGenerator(seed: 12, rowCount: 2_000)
        #expect(Array(generator.records.prefix(50)) == Array(again.records.prefix(50)))
        #expect(Array(generator.records.prefix(50)) != Array(other.records.prefix(50)))
        #expect(generator.record(at: 1_234) == again.record(at: 1_234), "records can be made in any order")
    }

    @Test func columnsAreExactlyTheIssuesList() {
        #expect(CounsellingCaseGenerator.columnNames == [
            "case_id", "client_id", "name", "birth_date", "age", "gender", "zip", "district", "nationality",
            "household_size", "service", "start_date", "duration_minutes", "contacts", "income_eur", "outcome", "notes",
        ])
    }

    @Test func valuesAreConsistent() {
        var incomeMissing = 0
        for record in generator.records {
            #expect(record.age == record.birthDate?.wholeYears(until: record.startDate))
            #expect((16...90).contains(record.age ?? -1), "age \(record.age ?? -1)")
            #expect(record.zip?.count == 5)
            #expect(record.startDate >= CounsellingCaseGenerator.firstStartDate)
            #expect(record.startDate <= CounsellingCaseGenerator.exportDate)
            if record.incomeEUR == nil { incomeMissing += 1 }
            if record.gender == .male { #expect(record.service != "Schwangerschaftsberatung") }
        }
        #expect((200...520).contains(incomeMissing), "about 18 % unknown incomes, got \(incomeMissing)")
    }

    @Test func aReturningClientKeepsTheirDetails() {
        var byClient: [String: CounsellingCase] = [:]
        var returning = 0
        for record in generator.records {
            if let first = byClient[record.clientID] {
                returning += 1
                #expect(first.name == record.name && first.birthDate == record.birthDate && first.zip == record.zip
                        && first.gender == record.gender && first.nationality == record.nationality)
            } else {
                byClient[record.clientID] = record
            }
        }
        #expect(returning > 200)
    }

    @Test func notesCarryPersonalDataToFind() {
        let notes = generator.records.compactMap(\.notes)
        let ibans = notes.flatMap(Self.ibans(in:))
        #expect(notes.contains { $0.contains("@example.") })
        #expect(notes.contains { $0.contains("+49") || $0.contains("030/") })
        #expect(ibans.count > 50)
        for iban in ibans { #expect(Self.isValidIBAN(iban), "\(iban)") }
    }

    /// The IBANs in a note (the generator writes them after "Konto ").
    static func ibans(in note: String) -> [String] {
        guard let range = note.range(of: "Konto ") else { return [] }
        let rest = note[range.upperBound...].prefix { $0 != "." }
        return [rest.replacingOccurrences(of: " ", with: "")]
    }

    /// ISO 13616 check: rearrange, letters to numbers, mod 97 == 1.
    static func isValidIBAN(_ iban: String) -> Bool {
        let rearranged = iban.dropFirst(4) + iban.prefix(4)
        var remainder = 0
        for character in rearranged {
            if let digit = character.wholeNumberValue {
                remainder = (remainder * 10 + digit) % 97
            } else if let ascii = character.asciiValue, character.isLetter {
                remainder = (remainder * 100 + Int(ascii) - 55) % 97
            } else {
                return false
            }
        }
        return iban.count == 22 && remainder == 1
    }
}
