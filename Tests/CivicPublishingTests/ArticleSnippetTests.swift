import CivicDataKit
// Imported directly as well, so that incremental builds see changes behind the
// umbrella's re-exports (they track the modules a target imports by name).
import CivicModels
import CivicPrivacy
import CivicPublishing
import CivicStorage
import CivicTestSupport
import Foundation
import Testing

/// The code of the CivicPublishing articles, run as tests so the documentation
/// cannot rot. Each test holds its article's lines with the paths made absolute.
@Suite("CivicPublishing articles")
struct ArticleSnippetTests {
    let root = packageRoot()

    @Test("'Publish a data package in 20 lines' publishes the bundled example safely")
    func publishInTwentyLines() throws {
        let folder = try TemporaryDirectory()
        var stages: [PublicationStage] = []
        // --- the article's lines ---
        let settings = try PublicationSettings(contentsOf: root.appendingPathComponent("Examples/publish.yaml"))
        let publication = Publication(settings: settings, profile: CounsellingProfile(), language: .german)
        let result = try publication.run(contentsOf: root.appendingPathComponent("Examples/counselling-cases.csv")) { progress in
            if case let .finished(stage, _, _) = progress { stages.append(stage) }
        }
        try result.write(to: folder.file("civic-output"))
        // --- checks ---
        #expect(stages == [.load, .redact, .anonymise, .check, .statistics])
        #expect(result.published.rowCount + result.suppressedRows == result.inputRows)
        #expect(result.anonymization.isSuppressed.filter { $0 }.count == result.suppressedRows)

        // Recount from the written file: every group has at least k = 5 rows and 2 services.
        let written = try CSVTableReader.read(folder.file("civic-output/data/beratungsfaelle-2025.csv")).table
        #expect(written.rowCount == result.published.rowCount)
        var groups: [[String]: (rows: Int, services: Set<String>)] = [:]
        for row in 0..<written.rowCount {
            let key = result.quasiIdentifiers.map { written[row, $0].description }
            groups[key, default: (0, [])].rows += 1
            groups[key, default: (0, [])].services.insert(written[row, "service"].description)
        }
        #expect(!groups.isEmpty && groups.values.allSatisfy { $0.rows >= 5 && $0.services.count >= 2 })
        #expect(written.column(named: "name") == nil)

        // The package lists the data and every table, and the report is German.
        let manifest = try DataPackage.read(from: folder.file("civic-output/datapackage.json"))
        #expect(manifest.resources.count == 1 + result.statistics.count)
        let report = try String(contentsOf: folder.file("civic-output/report.html"), encoding: .utf8)
        #expect(report.contains("<html lang=\"de\">"))
    }

    /// The article's profile.
    struct DonationProfile: DomainProfile {
        let schema = Donation.schema

        func hierarchy(for column: String) -> AnonymizationConfiguration.HierarchySpecification? {
            column == "date" ? .dates([.month, .year]) : nil
        }

        func defaultPrivacy(sensitive: [String]) -> AnonymizationConfiguration.Privacy {
            .init(k: 10, suppressionLimit: 0.02)
        }

        func recordDescription(in language: Language) -> String {
            language.pick(de: "Spenden, eine Zeile je Spende.", en: "Donations, one row per donation.")
        }
    }

    @Test("'Add a domain profile': donations publish with k = 10 and a pseudonymous donor")
    func donationProfile() throws {
        let donations = (0..<400).map { i in
            Donation(donationID: "S-\(i)", donorID: "K-\(i % 150)", amountCents: 500 + (i * 1_300) % 50_000,
                     date: CivicDate(year: 2025, month: 1 + i % 12, day: 1 + i % 28)!)
        }
        let result = try Publication(profile: DonationProfile()).run(Table(records: donations), inputName: "donations.csv")
        #expect(result.published.column(named: "donor_id")?.value(at: 0) != .text("K-0"), "the donor is pseudonymised")
        let classes = try EquivalenceClasses(result.published, quasiIdentifiers: ["date"])
        #expect(classes.smallestClassSize >= 10)
        #expect(result.name == "donations")
    }
}
