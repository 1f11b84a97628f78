import CivicModels
import Foundation

/// Makes realistic, entirely synthetic counselling-case records, deterministically.
///
/// The same seed and row count always give the same records, on every platform: the
/// bundled example data, the test fixtures and the benchmark inputs are all made
/// by it. Record `i` depends only on the seed, the row count and `i`, so records can
/// be produced one at a time (a 2-million-row file needs no memory) or in any order.
///
/// What makes the data realistic enough to teach and test with:
/// - clients return: about half of all cases belong to a client with several cases,
///   and a client's name, birth date, gender, nationality and address stay the same;
/// - Berlin districts and their real postcodes, nationalities and names of the
///   communities counselling services work with;
/// - some incomes are unknown (an empty `income_eur`);
/// - recent cases are more often still open (`laufend`);
/// - about a third of the notes carry a phone number, an e-mail address, an IBAN
///   (with a valid check sum) or a family name: the personal data that redaction
///   has to find.
///
/// ```swift
/// let generator = CounsellingCaseGenerator(seed: 42, rowCount: 3_000)
/// for index in 0..<generator.rowCount { let record = generator.record(at: index) }
/// ```
public struct CounsellingCaseGenerator: Sendable {
    /// The seed.
    public let seed: UInt64
    /// How many cases the data set has.
    public let rowCount: Int
    /// How many distinct client numbers cases are drawn from.
    public let clientPoolSize: Int

    /// The first and last possible start date.
    public static let firstStartDate = CivicDate(year: 2019, month: 1, day: 1)!
    /// The day the export is made: cases started in the last half year are often open.
    public static let exportDate = CivicDate(year: 2025, month: 12, day: 31)!

    /// A generator for `rowCount` cases.
    public init(seed: UInt64, rowCount: Int) {
        self.seed = seed
        self.rowCount = rowCount
        self.clientPoolSize = max(1, rowCount * 7 / 10)
    }

    /// The CSV column names, in order.
    public static var columnNames: [String] { CounsellingCase.schema.fieldNames }

    /// Case number `index` (from 0).
    public func record(at index: Int) -> CounsellingCase {
        var random = SeededGenerator(seed: seed, index: UInt64(index))
        let clientIndex = random.uniform(clientPoolSize)
        let client = self.client(at: clientIndex)

        let span = Int(Self.exportDate.daysSinceEpoch - Self.firstStartDate.daysSinceEpoch)
        let startDate = Self.firstStartDate + random.uniform(span + 1)
        let age = client.birthDate.wholeYears(until: startDate)
        var service = random.pick(weighted: GermanVocabulary.services)
        if service == "Schwangerschaftsberatung" && client.gender == .male { service = "Familienberatung" }
        let contacts = random.pick(weighted: [(1, 20), (2, 18), (3, 15), (4, 12), (5, 9), (6, 7), (8, 6),
                                              (10, 5), (12, 4), (15, 3), (20, 1)])
        let minutesPerContact = random.pick([30, 45, 60, 75, 90])
        let duration: Int? = random.chance(percent: 2) ? nil : contacts * minutesPerContact
        let income: Int? = random.chance(percent: 18) ? nil : incomeEUR(householdSize: client.householdSize, &random)
        let recent = Self.exportDate.daysSinceEpoch - startDate.daysSinceEpoch < 180
        let outcome: CounsellingCase.Outcome = recent
            ? random.pick(weighted: [(.ongoing, 60), (.closed, 25), (.referred, 10), (.abandoned, 5)])
            : random.pick(weighted: [(.closed, 55), (.referred, 22), (.abandoned, 15), (.ongoing, 8)])
        return CounsellingCase(
            caseID: "F-\(startDate.year)-\(SyntheticPII.digits(index + 1, 7))",
            clientID: "K-\(SyntheticPII.digits(clientIndex + 1, 7))",
            name: client.name, birthDate: client.birthDate, age: age, gender: client.gender,
            zip: client.zip, district: client.district, nationality: client.nationality,
            householdSize: client.householdSize, service: service, startDate: startDate,
            durationMinutes: duration, contacts: contacts, incomeEUR: income, outcome: outcome,
            notes: note(client: client, &random))
    }

    /// A lazily generated sequence of all records.
    public var records: LazyMapSequence<Range<Int>, CounsellingCase> {
        (0..<rowCount).lazy.map { record(at: $0) }
    }

    // MARK: Clients

    struct Client {
        var givenName: String
        var familyName: String
        var name: String { "\(givenName) \(familyName)" }
        var birthDate: CivicDate
        var gender: Gender
        var zip: String
        var district: String
        var nationality: String
        var householdSize: Int
    }

    /// Client `index`: the same person every time, whichever case asks.
    func client(at index: Int) -> Client {
        var random = SeededGenerator(seed: seed ^ 0xC11E_7000_0000_0000, index: UInt64(index))
        let gender: Gender = random.pick(weighted: [(.female, 52), (.male, 46), (.diverse, 2)])
        let origin = random.pick(weighted: GermanVocabulary.nationalities.map { (($0.name, $0.pool), $0.weight) })
        let pool = origin.1
        let givenNames: [String]
        switch gender {
        case .female: givenNames = pool.female
        case .male: givenNames = pool.male
        case .diverse: givenNames = random.chance(percent: 50) ? pool.female : pool.male
        }
        let district = random.pick(weighted: GermanVocabulary.districts.map { ($0, $0.weight) })
        // Ages at the start of counselling from 16 to about 85, most between 25 and 55.
        let birthYear = random.pick(weighted: [(1936...1950, 6), (1951...1965, 18), (1966...1980, 30),
                                               (1981...1995, 32), (1996...2002, 14)])
        let year = random.uniform(in: birthYear)
        let birthDate = CivicDate(year: year, month: 1, day: 1)! + random.uniform(CivicDate.isLeapYear(year) ? 366 : 365)
        let householdSize = random.pick(weighted: [(1, 35), (2, 25), (3, 15), (4, 12), (5, 7), (6, 4), (7, 1), (8, 1)])
        return Client(givenName: random.pick(givenNames), familyName: random.pick(pool.family),
                      birthDate: birthDate, gender: gender, zip: random.pick(district.zips), district: district.name,
                      nationality: origin.0, householdSize: householdSize)
    }

    // MARK: Values

    private func incomeEUR(householdSize: Int, _ random: inout SeededGenerator) -> Int {
        let bracket = random.pick(weighted: [(0...300, 8), (301...700, 18), (701...1200, 30), (1201...1800, 24),
                                             (1801...2600, 13), (2601...4000, 6), (4001...6500, 1)])
        let base = random.uniform(in: bracket)
        return (base + (householdSize - 1) * random.uniform(in: 0...250)) / 10 * 10
    }

    private func note(client: Client, _ random: inout SeededGenerator) -> String {
        var sentences = [random.pick(GermanVocabulary.plainNotes)]
        if random.chance(percent: 40) {
            let second = random.pick(GermanVocabulary.plainNotes)
            if second != sentences[0] { sentences.append(second) }
        }
        switch random.uniform(100) {
        case 0..<14: sentences.append("Rückruf erbeten unter \(SyntheticPII.phoneNumber(&random)).")
        case 14..<22: sentences.append("Kontakt per E-Mail: \(SyntheticPII.email(given: client.givenName, family: client.familyName, &random))")
        case 22..<28: sentences.append("Ratenzahlung vereinbart, Konto \(SyntheticPII.germanIBAN(&random)).")
        case 28..<36:
            let title = client.gender == .male ? "Herr" : (client.gender == .female ? "Frau" : "Person")
            sentences.append("\(title) \(client.familyName) bringt die fehlenden Unterlagen nächste Woche.")
        default: break
        }
        return sentences.joined(separator: " ")
    }
}
