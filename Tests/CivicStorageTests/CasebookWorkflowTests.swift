import CivicModels
import CivicStorage
import CivicTestSupport
import Foundation
import GRDB
import Testing

/// The bundled example, imported into a new casebook.
private func exampleCasebook(_ folder: TemporaryDirectory) throws -> (Casebook, CasebookImportSummary) {
    let book = try Casebook.create(path: folder.file("example.casebook").path,
                                   organisation: Organisation(organisationID: "bv", name: "Beispielverein e.V."),
                                   actor: "tester")
    let summary = try book.importCases(from: packageRoot().appendingPathComponent("Examples/counselling-cases.csv"))
    return (book, summary)
}

private let today = CivicDate(year: 2026, month: 11, day: 30)!

@Suite struct CasebookImportTests {
    @Test func theExampleImportsIntoPersonsAndCasesAndAgainChangesNothing() throws {
        let folder = try TemporaryDirectory()
        let (book, first) = try exampleCasebook(folder)
        let example = try CSVTableReader.read(packageRoot().appendingPathComponent("Examples/counselling-cases.csv")).table
        let clients = Set((0..<example.rowCount).map { example[$0, "client_id"] })
        #expect(first.rows == example.rowCount && first.newCases == example.rowCount)
        #expect(first.newPersons == clients.count && first.knownPersons == 0)
        let counts = try book.counts()
        #expect(counts["cases"] == example.rowCount && counts["persons"] == clients.count)

        // The second import finds everything there already.
        let second = try book.importCases(from: packageRoot().appendingPathComponent("Examples/counselling-cases.csv"))
        #expect(second.newCases == 0 && second.knownCases == example.rowCount)
        #expect(second.newPersons == 0 && second.knownPersons == clients.count)
        #expect(try book.counts()["cases"] == example.rowCount)
        #expect(try book.counts()["case_status_history"] == example.rowCount)
        #expect(try book.verifyAudit().isIntact)

        // One case as it was in the file.
        let row = 17
        let file = try #require(try book.caseFile(example[row, "case_id"].description))
        #expect(file.personID == example[row, "client_id"].description)
        #expect(file.service == example[row, "service"].description)
        #expect(Value.date(file.opened) == example[row, "start_date"])
        #expect(file.status.rawValue == example[row, "outcome"].description)
    }

    @Test func anImportNeverUndoesWhatWasDoneInTheCasebook() throws {
        let folder = try TemporaryDirectory()
        let (book, _) = try exampleCasebook(folder)
        var file = try #require(try book.cases().first { $0.status == .ongoing })
        file.status = .closed
        file.closed = today
        try book.update(file)
        try book.addContact(CaseContact(caseID: file.caseID, date: today, minutes: 30, kind: .phone))
        var person = try #require(try book.person(file.personID))
        person.district = "Anderswo"
        try book.update(person)
        _ = try book.importCases(from: packageRoot().appendingPathComponent("Examples/counselling-cases.csv"))
        let after = try #require(try book.caseFile(file.caseID))
        #expect(after.status == .closed && after.closed == today)
        #expect(after.contactCount == file.contactCount + 1)
        #expect(try book.person(file.personID)?.district == "Anderswo")
    }

    @Test func aFileThatFailsHalfWayChangesNothing() throws {
        let folder = try TemporaryDirectory()
        let (book, _) = try exampleCasebook(folder)
        let before = try book.counts()
        let header = "case_id,client_id,name,service,start_date,outcome"
        let good = (1...50).map { "N-\($0),NK-\($0),Neue Person \($0),Schuldnerberatung,2026-01-0\($0 % 9 + 1),laufend" }
        let bad = try folder.write("bad.csv", text: ([header] + good + ["N-51,NK-51,Neue Person,Schuldnerberatung,2026-13-45,laufend"])
            .joined(separator: "\n") + "\n")
        let error = #expect(throws: (any Error).self) { try book.importCases(from: bad) }
        let message = (error as? any LocalizedMessageError)?.message(in: .english) ?? "\(String(describing: error))"
        #expect(message.contains("52") && message.contains("start_date"), "names line and field: \(message)")
        #expect(!message.contains("2026-13-45"))
        #expect(try book.counts() == before)
        #expect(try book.person("NK-1") == nil)
    }

    @Test func unknownAndMissingColumnsAreNamed() throws {
        let folder = try TemporaryDirectory()
        let (book, _) = try exampleCasebook(folder)
        let extra = try folder.write("extra.csv", text: "case_id,client_id,name,service,start_date,outcome,shoe_size\n")
        #expect(throws: CasebookError.unknownColumns(file: "extra.csv", columns: ["shoe_size"])) {
            try book.importCases(from: extra)
        }
        let short = try folder.write("short.csv", text: "case_id,client_id,service\n")
        #expect(throws: CasebookError.missingColumns(file: "short.csv", columns: ["name", "start_date", "outcome"])) {
            try book.importCases(from: short)
        }
    }
}

@Suite struct CasebookConsentTests {
    @Test func withdrawingConsentTakesThePersonOutOfStatisticsAndExportAtOnce() throws {
        let folder = try TemporaryDirectory()
        let (book, _) = try exampleCasebook(folder)
        // Nobody consented yet: no statistics, an empty export.
        #expect(try book.monthlyCases(on: today).isEmpty)
        let persons = try book.persons()
        for (index, person) in persons.enumerated() where index % 2 == 0 {
            try book.giveConsent(Consent(consentID: "E-\(index)", personID: person.personID,
                                         purpose: Consent.statisticsPurpose, legalBasis: .consent,
                                         given: CivicDate(year: 2015, month: 1, day: 1)!))
        }
        let consenting = Set(persons.enumerated().filter { $0.offset % 2 == 0 }.map(\.element.personID))
        let expected = try book.cases().filter { consenting.contains($0.personID) }
        #expect(try book.monthlyCases(on: today).map(\.cases).reduce(0, +) == expected.count)

        let export = folder.file("export.csv")
        #expect(try book.exportForStatistics(to: export, on: today) == expected.count)
        let table = try CSVTableReader.read(export).table
        #expect(table.schema.fieldNames == Casebook.statisticsExportColumns)
        #expect(Set((0..<table.rowCount).map { table[$0, "client_id"].description }) == consenting)

        // Withdrawal on a day: from that day on the person is out; a second one cannot move it.
        let leaving = try #require(try book.consents().first)
        try book.withdrawConsent(leaving.consentID, on: today)
        #expect(throws: CasebookError.alreadyWithdrawn) { try book.withdrawConsent(leaving.consentID, on: today + 30) }
        let theirCases = expected.filter { $0.personID == leaving.personID }.count
        #expect(theirCases > 0)
        #expect(try book.monthlyCases(on: today).map(\.cases).reduce(0, +) == expected.count - theirCases)
        #expect(try book.monthlyCases(on: today + -1).map(\.cases).reduce(0, +) == expected.count, "still in the day before")
        #expect(try book.exportForStatistics(to: export, on: today) == expected.count - theirCases)
        let after = try CSVTableReader.read(export).table
        #expect(!(0..<after.rowCount).contains { after[$0, "client_id"].description == leaving.personID })
        #expect(try book.verifyAudit().isIntact)
    }
}

extension CasebookConsentTests {
    @Test func theCasesForAnUmbrellaReportAreThoseOfConsentingPersonsInThePeriod() throws {
        let folder = try TemporaryDirectory()
        let (book, _) = try exampleCasebook(folder)
        let persons = try book.persons()
        for (index, person) in persons.enumerated() where index % 3 != 0 {
            try book.giveConsent(Consent(consentID: "E-\(index)", personID: person.personID, purpose: Consent.statisticsPurpose,
                                         legalBasis: .consent, given: CivicDate(year: 2015, month: 1, day: 1)!))
        }
        let consenting = Set(persons.enumerated().filter { $0.offset % 3 != 0 }.map(\.element.personID))
        let all = try book.cases()
        let year = try #require(Dictionary(grouping: all, by: \.opened.year).max { $0.value.count < $1.value.count }?.key)
        let expected = all.filter { consenting.contains($0.personID) && $0.opened.year == year }
        let found = try book.statisticsCases(in: ReportingPeriod(year: year), on: today)
        #expect(found.count == expected.count && found.count > 0)
        #expect(found.months.sorted() == expected.map(\.opened.monthString).sorted())
        #expect(found.services.sorted() == expected.map(\.service).sorted())
        // The persons are opaque, but tell the same persons apart as the casebook does.
        #expect(Set(found.persons).count == Set(expected.map(\.personID)).count)
        #expect(!found.persons.contains { consenting.contains($0) }, "internal numbers, not the person numbers")
    }
}

@Suite struct CasebookRetentionTests {
    @Test func aDryRunChangesNothingAndApplyingKeepsTheStatisticsWhole() throws {
        let folder = try TemporaryDirectory()
        let (book, _) = try exampleCasebook(folder)
        for (index, person) in try book.persons().enumerated() {
            try book.giveConsent(Consent(consentID: "E-\(index)", personID: person.personID, purpose: Consent.statisticsPurpose,
                                         legalBasis: .consent, given: CivicDate(year: 2015, month: 1, day: 1)!))
        }
        try book.setRetentionRule(RetentionRule(records: .cases, years: 3, action: .anonymise))
        let cases = try book.cases()
        let cutoff = today.adding(years: -3)
        let expired = cases.filter { $0.status != .ongoing && $0.opened < cutoff }
        #expect(!expired.isEmpty && expired.count < cases.count)

        let before = try book.counts()
        let statisticsBefore = try book.monthlyCases(on: today)
        let dryRun = try book.retention(on: today, apply: false)
        #expect(dryRun.expired.first?.records == expired.count)
        #expect(try book.counts() == before, "a dry run changes nothing")

        let applied = try book.retention(on: today, apply: true)
        #expect(applied.expired.first?.records == expired.count)
        #expect(try book.counts()["cases"] == cases.count - expired.count)
        for file in expired.prefix(20) { #expect(try book.caseFile(file.caseID) == nil) }
        // The persons left without any case are gone; the others stay.
        let remaining = Set(try book.cases().map(\.personID))
        #expect(Set(try book.persons().map(\.personID)) == remaining)
        #expect(applied.personsRemoved == before["persons"]! - remaining.count)
        // The monthly statistics are the same: the residue stands in for the deleted cases.
        #expect(try book.monthlyCases(on: today) == statisticsBefore)
        #expect(try book.verifyAudit().isIntact)
        #expect(try book.retention(on: today, apply: false).expired.first?.records == 0)

        // Statistics of an earlier day leave out what came later, residue included.
        let earlier = CivicDate(year: 2021, month: 6, day: 30)!
        #expect(try book.monthlyCases(on: earlier).allSatisfy { $0.month <= "2021-06" })
        #expect(try book.monthlyCases(on: earlier) == statisticsBefore.filter { $0.month <= "2021-06" })

        // An old export does not bring the deleted cases back, nor their persons.
        let again = try book.importCases(from: packageRoot().appendingPathComponent("Examples/counselling-cases.csv"))
        #expect(again.skippedRetiredRows == expired.count && again.newCases == 0)
        #expect(again.newPersons == 0)
        #expect(try book.monthlyCases(on: today) == statisticsBefore, "nothing counted twice")
    }

    @Test func donationsCountFromTheEndOfTheirYearAndSurviveTheirDonor() throws {
        let folder = try TemporaryDirectory()
        let book = try Casebook.create(path: folder.file("d.casebook").path,
                                       organisation: Organisation(organisationID: "t", name: "Tafel"), actor: "tester")
        try book.add(Person(personID: "D-1", name: "Spenderin Eins", roles: [.donor]))
        try book.add(Donation(donationID: "S-1", donorID: "D-1", amountCents: 10_000,
                              date: CivicDate(year: 2016, month: 1, day: 5)!, purpose: "Tafel"))
        try book.add(Donation(donationID: "S-2", donorID: "D-1", amountCents: 2_000,
                              date: CivicDate(year: 2016, month: 12, day: 31)!))
        try book.setRetentionRule(RetentionRule(records: .donations, years: 10, action: .anonymise))
        // Ten years from the end of 2016: kept through 31 December 2026.
        #expect(try book.retention(on: CivicDate(year: 2026, month: 12, day: 31)!, apply: false).expired.first?.records == 0)
        #expect(try book.retention(on: CivicDate(year: 2027, month: 1, day: 1)!, apply: false).expired.first?.records == 2)
        #expect(throws: CasebookError.noResidue(.surveyResponses)) {
            try book.setRetentionRule(RetentionRule(records: .surveyResponses, years: 1, action: .anonymise))
        }
    }
}

@Suite struct CasebookSubjectRightsTests {
    @Test func subjectAccessGivesEverythingAboutThePersonAndNobodyElse() throws {
        let folder = try TemporaryDirectory()
        let (book, _) = try exampleCasebook(folder)
        let person = try #require(try book.persons().first { try book.cases(of: $0.personID).count >= 2 })
        try book.giveConsent(Consent(consentID: "E-1", personID: person.personID, purpose: "newsletter",
                                     legalBasis: .consent, given: today))
        var changed = person
        changed.householdSize = 4
        try book.update(changed)
        try book.setRetentionRule(RetentionRule(records: .cases, years: 3, action: .anonymise))
        let record = try book.subjectAccess(person.personID, on: today)
        #expect(record.person == changed)
        #expect(record.cases.map(\.file) == (try book.cases(of: person.personID)))
        #expect(record.cases.allSatisfy { !$0.statusHistory.isEmpty })
        #expect(record.consents.map(\.consentID) == ["E-1"])
        // The imported person and cases have no entries of their own; the consent and the change do.
        #expect(record.auditEntries.map(\.action) == [.create, .update])
        #expect(record.auditEntries.map(\.recordKind) == [.consent, .person])
        #expect(record.retentionRules == [RetentionRule(records: .cases, years: 3, action: .anonymise)])
        #expect(record.controller.name == "Beispielverein e.V.")
        let json = try record.json()
        #expect(json.contains(person.name))
        let other = try #require(try book.persons().first { $0.personID != person.personID })
        #expect(!json.contains("\"\(other.personID)\""))
        #expect(try book.auditEntries().last?.action == .subjectAccess)
    }

    @Test func subjectAccessGivesTheEntriesOfThePersonsCasesContactsAndConsentsInOrder() throws {
        let folder = try TemporaryDirectory()
        let book = try Casebook.create(path: folder.file("a.casebook").path,
                                       organisation: Organisation(organisationID: "bv", name: "Beispielverein e.V."),
                                       actor: "tester")
        let opened = CivicDate(year: 2025, month: 1, day: 6)!
        // Two persons whose records change in turn, so that their entries interleave.
        for number in ["K-1", "K-2"] {
            try book.add(Person(personID: number, name: "Person \(number)", roles: [.client]))
            try book.add(CaseFile(caseID: "F-\(number)", personID: number, service: "Schuldnerberatung", opened: opened))
        }
        for number in ["K-1", "K-2"] {
            try book.addContact(CaseContact(caseID: "F-\(number)", date: opened + 7, minutes: 30, kind: .phone))
            try book.giveConsent(Consent(consentID: "E-\(number)", personID: number, purpose: Consent.statisticsPurpose,
                                         legalBasis: .consent, given: opened))
        }
        var file = try #require(try book.caseFile("F-K-1"))
        file.status = .closed
        file.closed = opened + 30
        try book.update(file)
        try book.withdrawConsent("E-K-1", on: opened + 40)
        try book.add(Donation(donationID: "S-1", donorID: "K-1", amountCents: 1_000, date: opened))

        // The definition: every entry that names one of K-1's records by its row id, as
        // the database has them, and no other, in the order of the log.
        let ids = try DatabaseQueue(path: book.path).read { db in
            try Row.fetchAll(db, sql: """
                SELECT 'person' AS kind, id FROM persons WHERE person_number = 'K-1'
                UNION ALL SELECT 'case', id FROM cases WHERE case_number = 'F-K-1'
                UNION ALL SELECT 'contact', id FROM case_contacts WHERE case_id = (SELECT id FROM cases WHERE case_number = 'F-K-1')
                UNION ALL SELECT 'consent', id FROM consents WHERE consent_number = 'E-K-1'
                """).map { "\($0["kind"] as String) \($0["id"] as Int64)" }
        }
        let expected = try book.auditEntries().filter { ids.contains("\($0.recordKind.rawValue) \($0.recordID ?? -1)") }
        let record = try book.subjectAccess("K-1", on: opened + 50)
        #expect(record.auditEntries == expected)
        #expect(record.auditEntries.map(\.sequence) == record.auditEntries.map(\.sequence).sorted())
        #expect(record.auditEntries.map { "\($0.action.rawValue) \($0.recordKind.rawValue)" } == [
            "create person", "create case", "create contact", "create consent", "update case", "update consent",
        ])
        #expect(record.auditEntries[4].detail == "fields: closed, status", "the status change, with the fields that changed")
        // Each entry's record with the number the organisation knows it by.
        #expect(record.auditEntries.map { record.auditedRecord(of: $0)?.number } == ["K-1", "F-K-1", "F-K-1", "E-K-1", "F-K-1", "E-K-1"])
        #expect(Set(record.auditedRecords.map(\.number)) == ["K-1", "F-K-1", "E-K-1"])
        #expect(!(try record.json()).contains("K-2"), "nothing of the other person")
    }

    @Test func aNewPersonNeverInheritsTheHistoryOfAnErasedOne() throws {
        // The review's reproduction: the person with the highest row id is erased, the next
        // one added. With ids reused, K-3's answer listed K-2's entries.
        let folder = try TemporaryDirectory()
        let book = try Casebook.create(path: folder.file("a.casebook").path,
                                       organisation: Organisation(organisationID: "bv", name: "Beispielverein e.V."),
                                       actor: "tester")
        let opened = CivicDate(year: 2025, month: 1, day: 6)!
        try book.add(Person(personID: "X-1", name: "Xaver Eins"))
        try book.add(Person(personID: "X-2", name: "Xenia Zwei"))
        try book.update(Person(personID: "X-2", name: "Xenia Zwei", zip: "10115"))
        try book.add(CaseFile(caseID: "F-2", personID: "X-2", service: "Schuldnerberatung", opened: opened))
        try book.addContact(CaseContact(caseID: "F-2", date: opened + 1, minutes: 20, kind: .online))
        try book.giveConsent(Consent(consentID: "E-2", personID: "X-2", purpose: "newsletter", legalBasis: .consent,
                                     given: opened))
        try book.erase("X-2")

        try book.add(Person(personID: "X-3", name: "Paula Probe"))
        let created = try #require(try book.auditEntries().last)
        #expect(created.action == .create && created.recordKind == .person)
        try book.add(CaseFile(caseID: "F-3", personID: "X-3", service: "Schuldnerberatung", opened: opened + 10))
        try book.addContact(CaseContact(caseID: "F-3", date: opened + 11, minutes: 20, kind: .online))
        try book.giveConsent(Consent(consentID: "E-3", personID: "X-3", purpose: "newsletter", legalBasis: .consent,
                                     given: opened + 10))
        let record = try book.subjectAccess("X-3", on: opened + 20)
        let older = record.auditEntries.filter { $0.sequence < created.sequence }
        #expect(older.isEmpty, "entries from before X-3 existed: \(older.map { "\($0.sequence) \($0.action) \($0.recordKind)" })")
        #expect(record.auditEntries.count == 4, "X-3's own four records, one entry each")
        // And no record of X-3 has an id that an erased record had.
        let erasedIDs = try book.auditEntries().filter { $0.sequence < created.sequence }.map { "\($0.recordKind) \($0.recordID ?? -1)" }
        #expect(!record.auditEntries.contains { erasedIDs.contains("\($0.recordKind) \($0.recordID ?? -1)") })
    }

    @Test func aCaseOpenedAfterRetentionNeverInheritsTheHistoryOfADeletedCase() throws {
        let folder = try TemporaryDirectory()
        let book = try Casebook.create(path: folder.file("a.casebook").path,
                                       organisation: Organisation(organisationID: "bv", name: "Beispielverein e.V."),
                                       actor: "tester")
        try book.setRetentionRule(RetentionRule(records: .cases, years: 3, action: .delete))
        try book.add(Person(personID: "A-1", name: "Anna Alt"))
        try book.add(CaseFile(caseID: "F-1", personID: "A-1", service: "Schuldnerberatung", opened: today + -30))
        // A's old case, the one with the highest row id, closed long ago.
        try book.add(CaseFile(caseID: "F-2", personID: "A-1", service: "Sozialberatung", opened: today.adding(years: -6)))
        var old = try #require(try book.caseFile("F-2"))
        old.status = .closed
        old.closed = today.adding(years: -5)
        try book.update(old)
        #expect(try book.retention(on: today, apply: true).expired.first { $0.rule.records == .cases }?.records == 1)

        try book.add(Person(personID: "B-1", name: "Bernd Neu"))
        let created = try #require(try book.auditEntries().last)
        try book.add(CaseFile(caseID: "F-3", personID: "B-1", service: "Sozialberatung", opened: today))
        let record = try book.subjectAccess("B-1", on: today)
        #expect(record.auditEntries.allSatisfy { $0.sequence >= created.sequence },
                "B-1's answer holds entries of A-1's deleted case")
        #expect(record.auditEntries.map(\.action) == [.create, .create])
    }

    @Test func aPersonImportedAfterAnErasureStartsWithoutHistory() throws {
        let folder = try TemporaryDirectory()
        let book = try Casebook.create(path: folder.file("a.casebook").path,
                                       organisation: Organisation(organisationID: "bv", name: "Beispielverein e.V."),
                                       actor: "tester")
        let opened = CivicDate(year: 2025, month: 1, day: 6)!
        try book.add(Person(personID: "X-1", name: "Xaver Eins"))
        try book.add(Person(personID: "X-2", name: "Xenia Zwei"))
        try book.update(Person(personID: "X-2", name: "Xenia Zwei", zip: "10115"))
        try book.add(CaseFile(caseID: "F-2", personID: "X-2", service: "Schuldnerberatung", opened: opened))
        try book.erase("X-2")
        let erased = try #require(try book.auditEntries().last)
        #expect(erased.action == .erasure)

        let export = try folder.write("export.csv", text: """
            case_id,client_id,name,service,start_date,outcome
            F-3,X-3,Paula Probe,Schuldnerberatung,2025-02-03,laufend

            """)
        #expect(try book.importCases(from: export).newPersons == 1)
        let record = try book.subjectAccess("X-3", on: opened + 60)
        #expect(record.cases.map(\.file.caseID) == ["F-3"])
        // The import is logged as a whole, so the imported person and case have no entry of their own.
        #expect(record.auditEntries.filter { $0.sequence <= erased.sequence }.isEmpty,
                "X-3's answer holds entries from before the import")
        #expect(record.auditEntries.isEmpty)
    }

    @Test func aRepeatedImportUsesUpNoRowIDs() throws {
        // An import finds known persons and cases without trying to insert them, so no id
        // is spent on them: the next person gets the id after the highest.
        let folder = try TemporaryDirectory()
        let (book, first) = try exampleCasebook(folder)
        _ = try book.importCases(from: packageRoot().appendingPathComponent("Examples/counselling-cases.csv"))
        try book.add(Person(personID: "N-1", name: "Neue Person"))
        try book.add(CaseFile(caseID: "N-F-1", personID: "N-1", service: "Sozialberatung", opened: today))
        let entries = try book.auditEntries().suffix(2)
        #expect(entries.map(\.recordID) == [Int64(first.newPersons + 1), Int64(first.newCases + 1)])
    }

    @Test func erasureLeavesNoTraceOfThePersonsValuesInTheFile() throws {
        let folder = try TemporaryDirectory()
        let (book, _) = try exampleCasebook(folder)
        let person = try #require(try book.persons().first { try book.cases(of: $0.personID).count >= 2 && $0.birthDate != nil })
        try book.add(Donation(donationID: "S-1", donorID: person.personID, amountCents: 5_000, date: today))
        let cases = try book.cases(of: person.personID)
        let summary = try book.erase(person.personID)
        #expect(summary.cases == cases.count && summary.donationsDetached == 1)
        #expect(try book.person(person.personID) == nil)
        #expect(try book.cases(of: person.personID).isEmpty)
        #expect(try book.donations().first?.donorID == nil, "the donation stays in the books without its donor")
        #expect(try book.verifyAudit().isIntact)
        #expect(try book.auditEntries().last?.action == .erasure)

        // Scan every byte of the database and its write-ahead log, free pages included.
        var bytes: [UInt8] = []
        for suffix in ["", "-wal", "-journal"] {
            if let data = FileManager.default.contents(atPath: book.path + suffix) { bytes += Array(data) }
        }
        let traces = [person.personID, person.name, person.birthDate!.isoString] + cases.map(\.caseID)
        let left = traces.filter { bytes.contains(subsequence: Array($0.utf8)) }.count
        #expect(left == 0, "values of the erased person left in the file")
        // A control: another person's name is found by the same scan.
        let other = try #require(try book.persons().first)
        let found = bytes.contains(subsequence: Array(other.name.utf8))
        #expect(found)

        // An old export does not bring the person back.
        let again = try book.importCases(from: packageRoot().appendingPathComponent("Examples/counselling-cases.csv"))
        #expect(again.skippedErasedRows == cases.count)
        #expect(try book.person(person.personID) == nil)
    }
}

extension Array where Element == UInt8 {
    /// Whether `needle` occurs in the array.
    func contains(subsequence needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= count else { return false }
        let first = needle[0]
        var index = 0
        while index <= count - needle.count {
            if self[index] == first && Array(self[index..<index + needle.count]) == needle { return true }
            index += 1
        }
        return false
    }
}
