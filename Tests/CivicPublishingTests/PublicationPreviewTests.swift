import CivicModels
import CivicPrivacy
import CivicPublishing
import CivicStorage
import CivicTestSupport
import Foundation
import Testing

/// `Publication.preview`: the consequences of settings before anything is written,
/// in column names, level names and counts.
@Suite("the consequences of privacy settings, previewed")
struct PublicationPreviewTests {
    /// The first 300 cases of the bundled example (enough people for k = 10, short in a debug build).
    static let cases: Table? = try? CSVTableReader.read(
        packageRoot().appendingPathComponent("Examples/counselling-cases.csv")).table.filtering { $0 < 300 }
    /// Three quasi-identifiers (age, gender, district) instead of the check's eight: a small
    /// lattice, so each publication takes seconds in a debug build.
    static let roles: [String: AttributeRole] = ["birth_date": .identifier, "zip": .identifier, "nationality": .insensitive,
                                                 "household_size": .insensitive, "start_date": .insensitive]

    @Test("the preview says what the publication does: the same cases and people left out, the same levels")
    func matchesThePublication() throws {
        let table = try #require(Self.cases)
        let check = FileCheck(table, fileName: "cases.csv")
        let settings = check.settings(for: table, roles: Self.roles, k: 10, l: 3)
        let publication = Publication(settings: settings, language: .english)
        let preview = try publication.preview(table, inputName: "cases.csv")
        let result = try publication.run(table, inputName: "cases.csv")

        #expect(preview.k == 10)
        #expect(preview.lDiversity?.l == 3)
        #expect(preview.lDiversity?.column == result.roles.names(.sensitive).first)
        #expect(preview.privacyUnit == "client_id")
        #expect(preview.inputRows == 300)
        #expect(preview.publishedRows == result.published.rowCount)
        #expect(preview.leftOutRows == result.suppressedRows)
        #expect(preview.inputPersons == result.inputPersons)
        // People with a case left out, counted from the rows left out.
        let persons = try texts(of: "client_id", in: table)
        let leftOut = Set(result.isSuppressed.indices.filter { result.isSuppressed[$0] }.map { persons[$0] })
        #expect(preview.personsWithCasesLeftOut == leftOut.count)
        #expect(preview.removed.contains("name"))
        #expect(preview.removed.contains("client_id"), "the person column is not published")
        #expect(!preview.pseudonymised.contains("client_id"), "nor published as a pseudonym")
        #expect(preview.generalisations.map(\.column) == result.quasiIdentifiers)
        for (q, generalisation) in preview.generalisations.enumerated() {
            #expect(generalisation.levels.map(\.level) == result.anonymization.levelShares(of: q).map(\.level))
            #expect(generalisation.levels.reduce(0) { $0 + $1.rows } == preview.publishedRows, "\(generalisation.column)")
        }
        // Age is generalised in the bands the check proposes (5, 10, 20 years).
        let age = try #require(preview.generalisations.first { $0.column == "age" })
        let allowed: [PublicationPreview.Step] = [.unchanged, .bands(width: 5), .bands(width: 10), .bands(width: 20), .hidden]
        #expect(age.levels.allSatisfy { allowed.contains($0.step) })
        #expect(age.levels.contains { $0.step != .unchanged }, "k = 10 generalises age")
    }

    @Test("a larger k leaves out more people or generalises further, and the sentences say which k")
    func largerK() throws {
        let table = try #require(Self.cases)
        let check = FileCheck(table, fileName: "cases.csv")
        let small = try Publication(settings: check.settings(for: table, roles: Self.roles, k: 2)).preview(table, inputName: "cases.csv")
        let large = try Publication(settings: check.settings(for: table, roles: Self.roles, k: 25)).preview(table, inputName: "cases.csv")
        func coarseness(_ preview: PublicationPreview) -> Int {
            preview.generalisations.reduce(0) { sum, g in sum + g.levels.reduce(0) { $0 + $1.level * $1.rows } }
        }
        #expect(large.leftOutRows > small.leftOutRows || coarseness(large) > coarseness(small))
        #expect(small.sentences(in: .english)[0].hasPrefix("With k = 2, counted in people (column client_id), and l = 2 for "))
        #expect(large.sentences(in: .german)[0].hasPrefix("Mit k = 25, gezählt in Personen (Spalte client_id), und l = 2 für "))
        #expect(large.sentences(in: .english).contains { $0.hasPrefix("age: ") })
    }

    @Test("the sentences hold column names, level names and counts, never a value of the data, in German and English")
    func noValues() throws {
        let table = try #require(Self.cases)
        let check = FileCheck(table, fileName: "cases.csv")
        let preview = try Publication(settings: check.settings(for: table, roles: Self.roles, k: 5)).preview(table, inputName: "cases.csv")
        let text = Language.allCases.flatMap { preview.sentences(in: $0) }.joined(separator: "\n")
        let names = Set(table.schema.fields.map(\.name))
        for field in table.schema.fields where field.type == .string || field.type == .date {
            let values = Set(try texts(of: field.name, in: table)).filter { $0.count >= 4 && !names.contains($0) }
            for value in values { #expect(!text.contains(value), "a value of \(field.name)") }
        }
    }

    @Test("with every row a person, no people are counted; settings that cannot be published fail as the run does")
    func rowUnitAndRefusal() throws {
        let table = try #require(Self.cases)
        let check = FileCheck(table, fileName: "cases.csv")
        let rows = try Publication(settings: check.settings(for: table, roles: Self.roles, privacyUnit: "row")).preview(table, inputName: "c.csv")
        #expect(rows.privacyUnit == nil)
        #expect(rows.inputPersons == nil && rows.personsWithCasesLeftOut == nil)
        #expect(rows.sentences(in: .english)[0].contains("every row counted as a person"))
        #expect(throws: PublicationError.self) {
            try Publication(settings: check.settings(for: table, roles: Self.roles, k: 1)).preview(table, inputName: "c.csv")
        }
    }

    @Test("levels are named by the hierarchy's settings: band widths, date units, hidden")
    func stepNames() {
        let steps = (0...4).map { PublicationPreview.Step.of($0, specification: .intervals([5, 10, 20]), height: 5) }
        #expect(steps == [.unchanged, .bands(width: 5), .bands(width: 10), .bands(width: 20), .hidden])
        #expect(steps.map { $0.name(in: .english) } == ["unchanged", "bands of 5", "bands of 10", "bands of 20", "hidden (*)"])
        #expect(PublicationPreview.Step.of(2, specification: .dates([.month, .year]), height: 4).name(in: .german) == "Jahr")
        #expect(PublicationPreview.Step.of(3, specification: .file("age.csv"), height: 4) == .level(3))
    }
}

/// The values of a column as text.
private func texts(of column: String, in table: Table) throws -> [String] {
    let data = try #require(table.column(named: column))
    return (0..<data.count).map { data.value(at: $0).description }
}
