import CivicModels
import CivicPrivacy
import CivicPublishing
import CivicStorage
import CivicTestSupport
import Foundation
import Testing

/// Publications count people: every published group holds k distinct clients,
/// recounted from the written file joined back to the input through the case
/// numbers' pseudonyms (made here with the publication's own key).
@Suite("privacy unit in publications")
struct PrivacyUnitPublicationTests {
    let example = packageRoot().appendingPathComponent("Examples/counselling-cases.csv")
    let key = try! PseudonymKey(bytes: Array(repeating: 7, count: 32) + Array(0..<32))

    /// The client of each published row, found through its case pseudonym.
    func clients(of written: Table, input: Table) throws -> [String] {
        let caseNumbers = Set(input.column(named: "case_id")!.texts)
        let pseudonymizer = try Pseudonymizer(key: key, length: Pseudonymizer.length(forDistinctValues: caseNumbers.count))
        var clientOfCase: [String: String] = [:]
        for row in 0..<input.rowCount {
            clientOfCase[pseudonymizer.token(for: input[row, "case_id"].description)] = input[row, "client_id"].description
        }
        return try (0..<written.rowCount).map { row in try #require(clientOfCase[written[row, "case_id"].description]) }
    }

    @Test("the bundled example: every published group holds at least 5 clients and 2 services, and no client key is published")
    func bundledExample() throws {
        let folder = try TemporaryDirectory()
        let input = try CSVTableReader.read(example).table
        let result = try Publication(key: key).run(input, inputName: "counselling-cases.csv")
        try result.write(to: folder.file("out"))
        let written = try CSVTableReader.read(folder.file("out/data/counselling-cases.csv")).table
        #expect(written.column(named: "client_id") == nil, "the person key is not published by default")
        // Case pseudonyms are long enough for 3,000 cases (11 digits) and never shared.
        let pseudonyms = written.column(named: "case_id")!.texts.compactMap { $0 }
        #expect(pseudonyms.allSatisfy { $0.count == 2 + Pseudonymizer.length(forDistinctValues: 3_000) })
        #expect(Set(pseudonyms).count == pseudonyms.count)
        let clients = try clients(of: written, input: input)
        var groups: [[String]: (clients: Set<String>, services: Set<String>)] = [:]
        for row in 0..<written.rowCount {
            let key = result.quasiIdentifiers.map { written[row, $0].description }
            groups[key, default: ([], [])].clients.insert(clients[row])
            groups[key, default: ([], [])].services.insert(written[row, "service"].description)
        }
        #expect(!groups.isEmpty)
        #expect(groups.values.allSatisfy { $0.clients.count >= 5 }, "smallest: \(groups.values.map(\.clients.count).min() ?? 0)")
        #expect(groups.values.allSatisfy { $0.services.count >= 2 })
        // The report opens with the people, the data package says what is counted.
        #expect(result.inputPersons == Set(input.column(named: "client_id")!.texts).count)
        #expect(result.publishedPersonCount == Set(clients).count)
        #expect(result.summaryLine.contains("of \(Language.english.integer(result.inputPersons!)) people"))
        #expect(result.dataPackage().description?.contains("client_id") == true)
        #expect(result.privacyReport.privacyUnit == "client_id")
        #expect(result.anonymization.riskAfter.highest <= 0.2 + 1e-12)
    }

    @Test("with the person key published, every person's whole set of rows is shared by k persons")
    func publishedPersonKey() throws {
        let folder = try TemporaryDirectory()
        let input = try CSVTableReader.read(example).table
        // Birth date and postcode kept as quasi-identifiers, as a service whose readers
        // need them would, and no column weighted: the coarser search leaves few rare
        // whole-person profiles (the search does not yet count whole persons itself).
        var settings = PublicationSettings(attributes: [
            "birth_date": .init(role: .quasiIdentifier, hierarchy: .dates([.month, .year])),
            "zip": .init(role: .quasiIdentifier, hierarchy: .mask(5)),
            "age": .init(role: .quasiIdentifier, hierarchy: .intervals([5, 10, 20])),
            "start_date": .init(role: .quasiIdentifier, hierarchy: .dates([.month, .quarter, .year])),
        ], privacy: .init(k: 3, suppressionLimit: 0.3))
        settings.publishPrivacyUnit = true
        let result = try Publication(settings: settings, key: key).run(input, inputName: "cases.csv")
        try result.write(to: folder.file("out"))
        let written = try CSVTableReader.read(folder.file("out/data/cases.csv")).table
        let persons = try #require(written.column(named: "client_id")).texts.map { $0! }
        var profiles: [String: Set<[String]>] = [:]
        for row in 0..<written.rowCount {
            profiles[persons[row], default: []].insert(result.quasiIdentifiers.map { written[row, $0].description })
        }
        var sharing: [Set<[String]>: Int] = [:]
        for profile in profiles.values { sharing[profile, default: 0] += 1 }
        #expect(!sharing.isEmpty && sharing.values.allSatisfy { $0 >= 3 })
        #expect(result.privacyUnitExplanation.contains("published"))
    }

    @Test("a client number spelled two canonically equivalent ways is one person")
    func canonicallyEquivalentClientNumbers() throws {
        // Every client number gains an "é": precomposed on odd lines, "e" and a combining
        // accent on even ones, so most clients' cases carry both spellings.
        let lines = try String(contentsOf: example, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let respelled = lines.enumerated().map { number, line in
            number == 0 ? String(line)
                : line.replacingOccurrences(of: ",K-", with: number.isMultiple(of: 2) ? ",Ke\u{301}-" : ",K\u{E9}-")
        }.joined(separator: "\n")
        let input = try CSVTableReader.read(bytes: Array(respelled.utf8), name: "respelled.csv").table
        let original = try CSVTableReader.read(example).table
        let distinctSpellings = Set(input.column(named: "client_id")!.texts.map { Array($0!.utf8) }).count
        #expect(distinctSpellings > Set(original.column(named: "client_id")!.texts).count)
        let result = try Publication(key: key).run(input, inputName: "respelled.csv")
        #expect(result.inputPersons == Set(original.column(named: "client_id")!.texts).count)
        // Recounted from the written file: the publication counted each client once.
        let folder = try TemporaryDirectory()
        try result.write(to: folder.file("out"))
        let written = try CSVTableReader.read(folder.file("out/data/respelled.csv")).table
        let clients = try clients(of: written, input: input)
        #expect(result.publishedPersonCount == Set(clients).count)
        var groups: [[String]: Set<String>] = [:]
        for row in 0..<written.rowCount {
            groups[result.quasiIdentifiers.map { written[row, $0].description }, default: []].insert(clients[row])
        }
        #expect(!groups.isEmpty && groups.values.allSatisfy { $0.count >= 5 })
    }

    @Test("'privacy-unit: row' counts rows and every output says so")
    func rowUnit() throws {
        let input = try CSVTableReader.read(example).table
        let result = try Publication(settings: PublicationSettings(privacyUnit: "row")).run(input, inputName: "cases.csv")
        #expect(result.personColumn == nil && result.inputPersons == nil)
        #expect(result.privacyReport.privacyUnit == "row")
        #expect(result.dataPackage().description?.contains("Privacy unit: the row") == true)
        #expect(result.summaryLine.contains("rows"))
    }

    @Test("a privacy unit the data lack is refused, named")
    func unknownUnit() throws {
        let input = try CSVTableReader.read(example).table
        #expect(throws: PublicationError.unknownColumn("klient")) {
            try Publication(settings: PublicationSettings(privacyUnit: "klient")).run(input, inputName: "cases.csv")
        }
    }
}
