import CivicModels
import CivicPrivacy
import CivicPublishing
import CivicStorage
import CivicTestSupport
import Foundation
import Testing

/// What a running publication reports, and how a caller stops one from its progress callback.
@Suite("a publication's progress, and stopping it")
struct PublicationProgressTests {
    /// The first 300 cases of the bundled example (short in a debug build).
    func cases() throws -> Table {
        try CSVTableReader.read(packageRoot().appendingPathComponent("Examples/counselling-cases.csv")).table.filtering { $0 < 300 }
    }

    struct Stop: Error {}

    @Test("the stages are reported in order; with a short interval the search reports how far it has come")
    func stagesAndSearch() throws {
        var publication = Publication(language: .english)
        publication.searchProgressInterval = .zero
        var stages: [PublicationStage] = [], searches: [SearchProgress] = []
        _ = try publication.run(try cases(), inputName: "cases.csv") { progress in
            switch progress {
            case .finished(let stage, _, _): stages.append(stage)
            case .searching(let search): searches.append(search)
            }
        }
        #expect(stages == [.redact, .anonymise, .check, .statistics])
        #expect(!searches.isEmpty)
        #expect(searches.allSatisfy { $0.nodesChecked <= $0.latticeSize })
    }

    @Test("throwing from the progress callback ends the run with that error, after a stage or once the search ends")
    func stopping() throws {
        let table = try cases()
        var reported: [PublicationStage] = []
        #expect(throws: Stop.self) {
            _ = try Publication(language: .english).run(table, inputName: "cases.csv") { progress in
                guard case .finished(let stage, _, _) = progress else { return }
                reported.append(stage)
                if stage == .redact { throw Stop() }
            }
        }
        #expect(reported == [.redact])

        var publication = Publication(language: .english)
        publication.searchProgressInterval = .zero
        var searchReports = 0, finished: [PublicationStage] = []
        #expect(throws: Stop.self) {
            _ = try publication.run(table, inputName: "cases.csv") { progress in
                switch progress {
                case .finished(let stage, _, _): finished.append(stage)
                case .searching:
                    searchReports += 1
                    throw Stop()
                }
            }
        }
        #expect(searchReports == 1, "after the first throw the search reports no more")
        #expect(finished == [.redact], "the anonymisation does not finish")
    }
}
