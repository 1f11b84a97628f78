import CivicModels
import CivicPrivacy
import CivicPublishing
import CivicStorage
import CivicTestSupport
import Foundation
import Testing

/// Federated statistics: a member's report is protected per person before it is
/// signed, the umbrella refuses any changed byte and counts each report once, and
/// the published sums are the members' true sums where shown while no withheld
/// number can be solved for from everything published.
@Suite("Federation")
struct FederationTests {
    static let year = ReportingPeriod(year: 2025)
    static let day = CivicDate(year: 2026, month: 1, day: 15)!
    static let services = ["Migrationsberatung", "Schuldnerberatung", "Suchtberatung", "Wohnungslosenhilfe"]

    /// A member's cases: `persons` persons with one to four cases each, at random
    /// months and services (a fixed seed per member, so runs repeat).
    static func cases(member: String, persons: Int, seed: UInt64) -> StatisticsCases {
        var generator = MutationFuzzer(seed: seed)   // a seeded random source
        var cases = StatisticsCases()
        for person in 0..<persons {
            // Most persons stay in one service; some cases spread to small cells.
            let service = services[Int.random(in: 0..<services.count, using: &generator)]
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                cases.months.append(String(format: "2025-%02d", Int.random(in: 1...12, using: &generator)))
                cases.services.append(Bool.random(using: &generator) ? service : services.randomElement(using: &generator)!)
                cases.persons.append("\(member)-\(person)")
            }
        }
        return cases
    }

    /// The true cases and distinct persons of a member in a month and service (`nil`: all).
    static func truth(_ cases: StatisticsCases, month: String?, service: String?) -> (cases: Int, persons: Int) {
        let matching = cases.months.indices.filter {
            (month == nil || cases.months[$0] == month) && (service == nil || cases.services[$0] == service)
        }
        return (matching.count, Set(matching.map { cases.persons[$0] }).count)
    }

    /// A member, its key, its cases and its signed report.
    struct Member {
        var id: String
        var region: String
        var key: MemberSigningKey
        var cases: StatisticsCases
        var report: MemberReport

        init(_ id: String, region: String, persons: Int, seed: UInt64, threshold: Int = 5) throws {
            self.id = id
            self.region = region
            key = MemberSigningKey(member: id)
            cases = FederationTests.cases(member: id, persons: persons, seed: seed)
            report = try MemberReport(member: id, period: FederationTests.year, made: FederationTests.day, cases: cases,
                                      threshold: threshold)
        }

        func file() throws -> [UInt8] { try SignedMemberReport(signing: report, with: key).bytes() }
        var registered: FederationMembers.Member {
            FederationMembers.Member(id: id, name: "Beratungsstelle \(id)", region: region, publicKey: key.publicKeyText)
        }
    }

    static func register(_ members: [Member], minimum: Int = 5) -> FederationMembers {
        FederationMembers(federation: "Beispiel-Dachverband", minimumFrequency: minimum, members: members.map(\.registered))
    }

    // MARK: the member's report

    @Test("a member's report shows true counts where it shows any, and withholds every cell of fewer than k persons")
    func memberReportProtectsPersons() throws {
        let member = try Member("nord", region: "Nord", persons: 100, seed: 7)   // about 5 cases a cell
        let report = member.report
        #expect(report.withheldCount > 0)   // the data has small cells, or the test proves nothing
        for (r, month) in report.months.enumerated() {
            for (c, service) in report.services.enumerated() {
                let truth = Self.truth(member.cases, month: month, service: service)
                if let shown = report.cells[r][c] {
                    #expect(shown == truth.cases)
                    #expect(truth.persons == 0 || truth.persons >= report.threshold)
                } else {
                    #expect(truth.persons > 0)   // an empty cell is never withheld
                }
            }
            if let shown = report.monthTotals[r] { #expect(shown == Self.truth(member.cases, month: month, service: nil).cases) }
        }
        for (c, service) in report.services.enumerated() {
            if let shown = report.serviceTotals[c] { #expect(shown == Self.truth(member.cases, month: nil, service: service).cases) }
        }
        #expect(report.total == member.cases.count)

        // The withheld cells cannot be solved for from the report's totals.
        let table = StatisticalTable(counting: member.cases.months, by: member.cases.services, persons: member.cases.persons)
        var withheld: Set<CellPosition> = []
        for r in 0...report.months.count {
            for c in 0...report.services.count {
                let value = r == report.months.count ? (c == report.services.count ? report.total : report.serviceTotals[c])
                    : (c == report.services.count ? report.monthTotals[r] : report.cells[r][c])
                if value == nil {
                    withheld.insert(CellPosition(row: r == report.months.count ? nil : r, column: c == report.services.count ? nil : c))
                }
            }
        }
        #expect(DisclosureAudit.recomputableCells(in: ProtectedTable(table, primary: withheld)).isEmpty)
    }

    @Test("a report refuses a threshold below 2 and cases outside its period")
    func memberReportRefusesBadParameters() throws {
        let cases = Self.cases(member: "x", persons: 10, seed: 1)
        #expect(throws: FederationError.invalidThreshold(1)) {
            try MemberReport(member: "x", period: Self.year, made: Self.day, cases: cases, threshold: 1)
        }
        #expect(throws: FederationError.casesOutsidePeriod) {
            try MemberReport(member: "x", period: ReportingPeriod(from: "2025-01", to: "2025-06")!, made: Self.day,
                             cases: cases, threshold: 5)
        }
    }

    // MARK: signatures

    @Test("a signed report with any one byte changed is refused")
    func anyChangedByteIsRefused() async throws {
        let member = try Member("nord", region: "Nord", persons: 40, seed: 3)
        let register = Self.register([member])
        let folder = try TemporaryDirectory()
        let federation = try Federation(folder: folder.file("federation"), period: Self.year, members: register)
        let inbox = folder.file("inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        let original = try member.file()
        for index in original.indices {
            var changed = original
            changed[index] ^= 0x01
            try Foundation.Data(changed).write(to: inbox.appendingPathComponent("report.json"))
            await #expect(throws: FederationError.self, "byte \(index) changed") { try await federation.collect(from: inbox) }
        }
        #expect(!FileManager.default.fileExists(atPath: folder.file("federation").appendingPathComponent("reports").path))

        // Unchanged, it is collected.
        try Foundation.Data(original).write(to: inbox.appendingPathComponent("report.json"))
        #expect(try await federation.collect(from: inbox).collected == ["nord"])
    }

    @Test("a report signed with another key than the registered one is refused")
    func foreignKeyIsRefused() async throws {
        var member = try Member("nord", region: "Nord", persons: 40, seed: 3)
        let register = Self.register([member])
        member.key = MemberSigningKey(member: "nord")   // someone else's key in nord's name
        let folder = try TemporaryDirectory()
        try FileManager.default.createDirectory(at: folder.file("inbox"), withIntermediateDirectories: true)
        let path = try folder.write("inbox/nord.json", bytes: try member.file()).path
        let federation = try Federation(folder: folder.file("federation"), period: Self.year, members: register)
        await #expect(throws: FederationError.badSignature(file: path)) { try await federation.collect(from: folder.file("inbox")) }
    }

    // MARK: collecting

    @Test("the same report collected twice is counted once; a different one of the same member is refused")
    func reportsAreCountedOnce() async throws {
        let nord = try Member("nord", region: "Nord", persons: 120, seed: 11)
        let sued = try Member("sued", region: "Süd", persons: 90, seed: 12)
        let folder = try TemporaryDirectory()
        try FileManager.default.createDirectory(at: folder.file("inbox"), withIntermediateDirectories: true)
        try folder.write("inbox/nord.json", bytes: try nord.file())
        try folder.write("inbox/nord-again.json", bytes: try nord.file())   // sent twice
        try folder.write("inbox/sued.json", bytes: try sued.file())
        let federation = try Federation(folder: folder.file("federation"), period: Self.year, members: Self.register([nord, sued]))

        let first = try await federation.collect(from: folder.file("inbox"))
        #expect(first.collected == ["nord", "sued"])
        #expect(first.alreadyCollected == [])
        let second = try await federation.collect(from: folder.file("inbox"))
        #expect(second.collected == [])
        #expect(second.alreadyCollected == ["nord", "sued"])
        #expect(try await federation.collectedReports().map(\.member) == ["nord", "sued"])
        let total = try await federation.combinedTables().compactMap { $0.table.grandTotal.publishedValue }.reduce(0, +)
        #expect(Int(total) == nord.cases.count + sued.cases.count)

        // A new report of nord for the same year, e.g. made a day later.
        var again = nord
        again.report = try MemberReport(member: "nord", period: Self.year, made: Self.day + 1, cases: nord.cases, threshold: 5)
        let path = try folder.write("inbox/nord-new.json", bytes: try again.file()).path
        await #expect(throws: FederationError.conflictingReport(file: path, member: "nord")) {
            try await federation.collect(from: folder.file("inbox"))
        }
    }

    @Test("a collection with one bad file keeps none of the files")
    func collectionIsAllOrNothing() async throws {
        let nord = try Member("nord", region: "Nord", persons: 60, seed: 5)
        let sued = try Member("sued", region: "Süd", persons: 60, seed: 6)
        let folder = try TemporaryDirectory()
        try FileManager.default.createDirectory(at: folder.file("inbox"), withIntermediateDirectories: true)
        try folder.write("inbox/a-nord.json", bytes: try nord.file())
        var tampered = try sued.file()
        tampered[tampered.count / 2] ^= 0x04
        try folder.write("inbox/b-sued.json", bytes: tampered)
        let federation = try Federation(folder: folder.file("federation"), period: Self.year, members: Self.register([nord, sued]))
        await #expect(throws: FederationError.self) { try await federation.collect(from: folder.file("inbox")) }
        #expect(try await federation.collectedReports().isEmpty)
    }

    @Test("unknown members, other periods and lower thresholds than the umbrella's are refused")
    func collectionChecksTheReport() async throws {
        let nord = try Member("nord", region: "Nord", persons: 60, seed: 5)
        let lax = try Member("lax", region: "Nord", persons: 60, seed: 8, threshold: 3)
        let folder = try TemporaryDirectory()
        func collect(_ member: Member, register: FederationMembers, period: ReportingPeriod = Self.year) async throws {
            let inbox = folder.file("inbox-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
            try Foundation.Data(try member.file()).write(to: inbox.appendingPathComponent("r.json"))
            _ = try await Federation(folder: folder.file("f-\(UUID().uuidString)"), period: period, members: register).collect(from: inbox)
        }
        await #expect(throws: FederationError.self) { try await collect(nord, register: Self.register([lax])) }   // unknown member
        await #expect(throws: FederationError.self) {
            try await collect(nord, register: Self.register([nord]), period: ReportingPeriod(from: "2025-01", to: "2025-06")!)
        }
        await #expect(throws: FederationError.self) { try await collect(lax, register: Self.register([lax], minimum: 5)) }
        try await collect(lax, register: Self.register([lax], minimum: 3))   // accepted where 3 is enough
    }

    @Test("the register refuses unknown keys, repeated members, a key used twice and keys that are not Ed25519 keys")
    func registerIsReadStrictly() throws {
        let folder = try TemporaryDirectory()
        let key = MemberSigningKey(member: "a").publicKeyText, other = MemberSigningKey(member: "b").publicKeyText
        func load(_ members: String, extra: String = "") throws -> FederationMembers {
            try FederationMembers.load(from: try folder.write("members-\(UUID().uuidString).yaml", text: """
                federation: Beispiel-Dachverband
                \(extra)members:
                \(members)
                """))
        }
        let valid = try load("  - {id: a, name: A, region: Nord, public-key: \"\(key)\"}\n  - {id: b, name: B, region: Süd, public-key: \"\(other)\"}")
        #expect(valid.members.map(\.region) == ["Nord", "Süd"] && valid.minimumFrequency == 5)
        for (members, extra) in [
            ("  - {id: a, name: A, region: Nord, public-key: \"\(key)\", regoin: Süd}", ""),               // misspelt key
            ("  - {id: a, name: A, region: Nord, public-key: \"\(key)\"}\n  - {id: a, name: B, region: Süd, public-key: \"\(other)\"}", ""),
            ("  - {id: a, name: A, region: Nord, public-key: \"\(key)\"}\n  - {id: b, name: B, region: Süd, public-key: \"\(key)\"}", ""),
            ("  - {id: a, name: A, region: Nord, public-key: \"c2hvcnQ=\"}", ""),                            // 5 bytes
            ("  - {id: a, name: A, region: Nord, public-key: \"\(key)\"}", "minimum-frequency: 1\n"),
        ] {
            #expect(throws: PublicationError.self, "\(members)") { try load(members, extra: extra) }
        }
    }

    // MARK: the combined tables

    /// Three members in two regions, collected.
    static func collectedFederation(_ folder: TemporaryDirectory) async throws -> (Federation, [Member]) {
        let members = [
            try Member("nord-1", region: "Nord", persons: 150, seed: 21),
            try Member("nord-2", region: "Nord", persons: 70, seed: 22),
            try Member("sued-1", region: "Süd", persons: 110, seed: 23),
        ]
        try FileManager.default.createDirectory(at: folder.file("inbox"), withIntermediateDirectories: true)
        for member in members { try folder.write("inbox/\(member.id).json", bytes: try member.file()) }
        let federation = try Federation(folder: folder.file("federation"), period: Self.year, members: Self.register(members))
        _ = try await federation.collect(from: folder.file("inbox"))
        return (federation, members)
    }

    @Test("every number the federation shows is the members' true sum, and a number is withheld wherever a member withheld its part")
    func combinedNumbersAreTrueSums() async throws {
        let folder = try TemporaryDirectory()
        let (federation, members) = try await Self.collectedFederation(folder)
        let cells = FederationCell.all(of: try await federation.combinedTables())
        #expect(cells.contains { $0.cases == nil })
        for cell in cells {
            let included = members.filter { cell.region == nil || $0.region == cell.region }
            let truth = included.map { Self.truth($0.cases, month: cell.month, service: cell.service).cases }.reduce(0, +)
            if let shown = cell.cases { #expect(shown == truth, "\(cell)") }
            let withheldByAMember = included.contains { member in
                Self.memberValue(member.report, month: cell.month, service: cell.service) == .some(nil)
            }
            if withheldByAMember { #expect(cell.cases == nil && cell.status == .withheldByMember, "\(cell)") }
        }
    }

    /// What a member's report shows for a month and service (`nil` for totals):
    /// `.some(nil)` when withheld, `.some(0)` when the report has no such row or column.
    static func memberValue(_ report: MemberReport, month: String?, service: String?) -> Int?? {
        let r = month.map { report.months.firstIndex(of: $0) }, c = service.map { report.services.firstIndex(of: $0) }
        if r == .some(nil) || c == .some(nil) { return .some(0) }
        switch (r ?? nil, c ?? nil) {
        case let (row?, column?): return .some(report.cells[row][column])
        case let (row?, nil): return .some(report.monthTotals[row])
        case let (nil, column?): return .some(report.serviceTotals[column])
        case (nil, nil): return .some(report.total)
        }
    }

    @Test("no withheld number of a region or of the whole federation can be solved for from everything published together")
    func nothingWithheldIsDetermined() async throws {
        let folder = try TemporaryDirectory()
        let (federation, _) = try await Self.collectedFederation(folder)
        let cells = FederationCell.all(of: try await federation.combinedTables())
        #expect(LinkedTablesAudit(cells).determinedCells().isEmpty)
    }

    @Test("the umbrella withholds further cells when a member's pattern would give a cell away")
    func umbrellaRepairsAnUnsafePattern() throws {
        var member = try Member("nord", region: "Nord", persons: 200, seed: 31)
        // A member report (from other software, say) that withholds one cell alone:
        // the month's total minus the rest gives it away.
        var report = member.report
        let (r, c) = try #require(report.cells.indices.lazy.compactMap { r in
            report.cells[r].indices.first { report.cells[r][$0] ?? 0 > 0 }.map { (r, $0) }
        }.first)
        report.cells = report.cells.map { $0.map { $0 ?? 0 } }   // make every cell known (values do not matter here)
        report.monthTotals = report.cells.map { $0.reduce(0) { $0 + ($1 ?? 0) } }
        report.serviceTotals = report.services.indices.map { c in report.cells.reduce(0) { $0 + ($1[c] ?? 0) } }
        report.total = report.monthTotals.reduce(0) { $0 + ($1 ?? 0) }
        report.cells[r][c] = nil
        member.report = report
        let table = try RegionTable(region: "Nord", reports: [report])
        #expect(table.withheldByMembers == 1)
        #expect(table.withheldToProtect >= 3)   // a cycle needs at least three partners
        #expect(DisclosureAudit.recomputableCells(in: table.table).isEmpty)
    }

    // MARK: the package

    @Test("a data file that does not hold the cells meant for it is refused when read back")
    func writtenFileIsCheckedBeforeThePackageAppears() async throws {
        let folder = try TemporaryDirectory()
        let (federation, _) = try await Self.collectedFederation(folder)
        let table = try Federation.longTable(try await federation.combinedTables())
        let file = folder.file("cells.csv")
        try CSVTableWriter.write(table, to: file)
        try Federation.checkWritten(file, holds: table, named: "cells.csv")   // as written: accepted

        let withheld = try #require((0..<table.rowCount).first { table[$0, "status"].description != "published" })
        var lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var fields = lines[withheld + 1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        fields[3] = "7"   // a number where a cell is withheld
        lines[withheld + 1] = fields.joined(separator: ",")
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: FederationError.packageMismatch(file: "cells.csv", line: withheld + 2)) {
            try Federation.checkWritten(file, holds: table, named: "cells.csv")
        }
    }

    @Test("the package holds every number of the federation, a schema that describes them, and names who reported")
    func packageIsComplete() async throws {
        let folder = try TemporaryDirectory()
        let (federation, members) = try await Self.collectedFederation(folder)
        let tables = try await federation.writePackage(language: .english)
        let package = try DataPackage.read(from: federation.packageURL.appendingPathComponent("datapackage.json"))
        let resource = try #require(package.resources.first)
        let data = try CSVTableReader.read(federation.packageURL.appendingPathComponent(resource.path),
                                           options: .init(schema: resource.schema)).table
        let cells = FederationCell.all(of: tables)
        #expect(data.rowCount == cells.count)
        #expect(data.column(named: "cases")!.texts == cells.map { $0.cases.map(String.init) })
        #expect(data.column(named: "status")!.texts == cells.map { $0.status.rawValue })
        let readme = try String(contentsOf: federation.packageURL.appendingPathComponent("README.md"), encoding: .utf8)
        for member in members { #expect(readme.contains(member.registered.name)) }
    }
}

/// Solves the equations a reader of the whole publication has: each region's table
/// and the federation's add up along rows and columns, and the federation's cells
/// are the regions' sums. A withheld number is determined when every solution
/// gives it the same value. Written apart from the library's audit, as a check on it.
struct LinkedTablesAudit {
    let cells: [FederationCell]

    init(_ cells: [FederationCell]) { self.cells = cells }

    struct Key: Hashable { var region: String?; var month: String?; var service: String? }

    func determinedCells() -> [FederationCell] {
        let index = Dictionary(uniqueKeysWithValues: cells.map { (Key(region: $0.region, month: $0.month, service: $0.service), $0) })
        let unknown = cells.filter { $0.cases == nil }
        let column = Dictionary(uniqueKeysWithValues: unknown.enumerated().map { (Key(region: $1.region, month: $1.month, service: $1.service), $0) })
        var equations: [[Double]] = []
        func equation(total: Key, parts: [Key]) {
            var row = [Double](repeating: 0, count: unknown.count)
            var touches = false
            if let i = column[total] { row[i] -= 1; touches = true }
            for part in parts where index[part] != nil { if let i = column[part] { row[i] += 1; touches = true } }
            if touches { equations.append(row) }
        }
        let regions = Set(cells.map(\.region))
        let months = Set(cells.compactMap(\.month)).sorted().map(Optional.some) + [nil]
        let services = Set(cells.compactMap(\.service)).sorted().map(Optional.some) + [nil]
        for region in regions {
            for month in months {   // along a month's services
                equation(total: Key(region: region, month: month, service: nil),
                         parts: services.compactMap { $0 }.map { Key(region: region, month: month, service: $0) })
            }
            for service in services {   // along a service's months
                equation(total: Key(region: region, month: nil, service: service),
                         parts: months.compactMap { $0 }.map { Key(region: region, month: $0, service: service) })
            }
        }
        for month in months {   // the federation's cells are the regions' sums
            for service in services {
                equation(total: Key(region: nil, month: month, service: service),
                         parts: regions.compactMap { $0 }.map { Key(region: $0, month: month, service: service) })
            }
        }
        return zip(unknown, Self.determined(equations, unknowns: unknown.count)).filter(\.1).map(\.0)
    }

    /// Reduced row echelon form; an unknown is determined when it is a pivot whose
    /// row has no entry in a free column.
    static func determined(_ matrix: [[Double]], unknowns: Int) -> [Bool] {
        var m = matrix, pivotOf = [Int?](repeating: nil, count: unknowns), next = 0
        for j in 0..<unknowns where next < m.count {
            guard let p = (next..<m.count).max(by: { abs(m[$0][j]) < abs(m[$1][j]) }), abs(m[p][j]) > 1e-9 else { continue }
            m.swapAt(next, p)
            let pivot = m[next][j]
            m[next] = m[next].map { $0 / pivot }
            for i in m.indices where i != next && abs(m[i][j]) > 1e-9 {
                let factor = m[i][j]
                for k in 0..<unknowns { m[i][k] -= factor * m[next][k] }
            }
            pivotOf[j] = next
            next += 1
        }
        let free = (0..<unknowns).filter { pivotOf[$0] == nil }
        return (0..<unknowns).map { j in pivotOf[j].map { row in free.allSatisfy { abs(m[row][$0]) <= 1e-9 } } ?? false }
    }
}
