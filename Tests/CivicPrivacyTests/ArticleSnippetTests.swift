import CivicModels
import CivicPrivacy
import CivicStorage
import CivicTestSupport
import Foundation
import Testing

/// The code of the CivicPrivacy articles, run as tests so the documentation cannot
/// rot. Each test holds its article's lines with the paths pointed at the fixtures.
@Suite("CivicPrivacy articles")
struct ArticleSnippetTests {
    let adultFolder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("adult")

    @Test("'Anonymise with your own hierarchies' runs on UCI Adult and meets its criteria")
    func ownHierarchies() throws {
        let folder = adultFolder
        let adult = try CSVTableReader.read(adultFolder.appendingPathComponent("adult.csv")).table
        // --- the article's lines (file names of the fixtures) ---
        let age = try GeneralizationHierarchy(rows: ARXHierarchyFile.read(folder.appendingPathComponent("adult_hierarchy_age.csv")))
        let race = try GeneralizationHierarchy(rows: ARXHierarchyFile.read(folder.appendingPathComponent("adult_hierarchy_race.csv")))
        let sex = try GeneralizationHierarchy.suppressOnly(values: adult.column(named: "sex")!.texts.compactMap { $0 })
        let anonymizer = try Anonymizer(
            quasiIdentifiers: [QuasiIdentifier("sex", hierarchy: sex), QuasiIdentifier("age", hierarchy: age),
                               QuasiIdentifier("race", hierarchy: race)],
            criteria: [try KAnonymity(k: 5), try DistinctLDiversity(l: 2, attribute: "salary-class")],
            suppressionLimit: 0.02)
        let result = try anonymizer.anonymize(adult)
        let published = result.publishedTable

        let configuration = AnonymizationConfiguration(
            attributes: ["age": .init(role: .quasiIdentifier, hierarchy: .file("adult_hierarchy_age.csv")),
                         "sex": .init(role: .quasiIdentifier, hierarchy: .levels(1)),
                         "salary-class": .init(role: .sensitive)],
            privacy: .init(k: 5, suppressionLimit: 0.02))
        let plan = try configuration.plan(for: adult) { path in
            try ARXHierarchyFile.read(folder.appendingPathComponent(path))
        }
        let planned = try plan.anonymizer.anonymize(adult, removing: plan.identifiers)
        // --- checks against the definitions ---
        var groups: [[String]: (rows: Int, salaries: Set<String>)] = [:]
        for row in 0..<published.rowCount {
            let key = ["sex", "age", "race"].map { published[row, $0].description }
            groups[key, default: (0, [])].rows += 1
            groups[key, default: (0, [])].salaries.insert(published[row, "salary-class"].description)
        }
        #expect(!groups.isEmpty && groups.values.allSatisfy { $0.rows >= 5 && $0.salaries.count >= 2 })
        #expect(published.rowCount == adult.rowCount - result.best.suppressedRows)
        #expect(Double(result.best.suppressedRows) <= 0.02 * Double(adult.rowCount))
        let plannedClasses = try EquivalenceClasses(planned.publishedTable, quasiIdentifiers: ["sex", "age"])
        #expect(plannedClasses.smallestClassSize >= 5)
    }

    @Test("'Differential privacy with a budget': four releases of 0.5 fit a budget of 2, the fifth is refused")
    func budget() throws {
        let folder = try TemporaryDirectory()
        // 300 cases of 100 clients, three each.
        let cases = try Table(schema: Schema(fields: [Field("client_id", type: .string), Field("service", type: .string)]),
                              rows: (0..<300).map { [.text("K-\($0 % 100)"),
                                                     .text(["Schuldnerberatung", "Migrationsberatung", "Sozialberatung"][$0 % 3])] })
        var remainders: [Decimal] = []
        for _ in 0..<4 {
            // --- the article's lines ---
            var random = SecureRandom()
            let ledger = PrivacyBudgetLedger(store: LockedFile(url: folder.file("budget.json")))
            let services = ["Schuldnerberatung", "Migrationsberatung", "Sozialberatung"]
            let bound = try ContributionBound(privacyUnit: "client_id", maxRowsPerPerson: 2)

            let (counts, remaining) = try ledger.spend(epsilon: 0.5, query: "cases by service", creatingWithBudget: 2) {
                try NoisyCounts(cases, column: "service", categories: services, epsilon: Rational(1, 2), bound: bound, using: &random)
            }
            // --- checks ---
            #expect(counts.counts.count == 3 && counts.sensitivity == 2 && counts.scale == Rational(4, 1))
            remainders.append(remaining)
        }
        #expect(remainders == [1.5, 1, 0.5, 0])
        let ledger = PrivacyBudgetLedger(store: LockedFile(url: folder.file("budget.json")))
        #expect(throws: BudgetError.exceeded(requested: 0.5, remaining: 0)) {
            try ledger.spend(epsilon: 0.5, query: "one more", creatingWithBudget: 2) { 0 }
        }
    }
}
