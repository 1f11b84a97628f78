import CivicAnalysis
import CivicModels
import CivicStorage
import Foundation

extension SubjectAccessRecord {
    /// The record as a page the person can read: who keeps the data, then every
    /// record about them in tables, with the law's citation of the right of access
    /// and of erasure in the words of `law` (the GDPR, or the church laws KDG and
    /// DSG-EKD).
    ///
    /// ```swift
    /// let record = try casebook.subjectAccess("K-0001", on: today)
    /// try record.report(law: .kdg, language: .german).html().write(toFile: "auskunft.html", atomically: true, encoding: .utf8)
    /// ```
    public func report(law: DataProtectionLaw, language: Language) -> Report {
        let l = language
        var report = Report(title: l.pick(de: "Auskunft über gespeicherte Daten", en: "Access to stored data"), language: l)
        report.add(.paragraph(l.pick(
            de: "\(controller.name) gibt Ihnen hier alle Daten, die das Fallbuch über Sie speichert, "
                + "nach \(law.citation(.access, in: l)). Stand: \(l.date(made)).",
            en: "\(controller.name) gives you here all data its casebook stores about you, under "
                + "\(law.citation(.access, in: l)). As of \(l.date(made)).")))
        report.add(.keyFacts([
            ReportDefinition(law.term(.controller, in: l), [controller.name, controller.city].compactMap { $0 }.joined(separator: ", ")),
            ReportDefinition(l.pick(de: "Kontakt Datenschutz", en: "Data-protection contact"), controller.privacyContact ?? "–"),
        ]))

        report.add(.heading(l.pick(de: "Ihre Angaben", en: "Your details"), level: 2))
        report.add(.table(ReportTable(
            header: [l.pick(de: "Angabe", en: "Item"), l.pick(de: "Wert", en: "Value")],
            rows: zip(Person.schema.fields, person.values).filter { $1 != .missing }.map { [Self.label($0, l), $1.description] },
            labelsRows: true)))

        section(&report, l.pick(de: "Fälle", en: "Cases"), CaseFile.schema, cases.map(\.file.values))
        section(&report, l.pick(de: "Kontakte", en: "Contacts"), CaseContact.schema, cases.flatMap(\.contacts).map(\.values))
        section(&report, l.pick(de: "Verlauf der Fälle", en: "Case history"), CaseStatusChange.schema,
                cases.flatMap(\.statusHistory).map(\.values))
        section(&report, l.pick(de: "Einwilligungen", en: "Consents"), Consent.schema, consents.map(\.values))
        section(&report, l.pick(de: "Spenden", en: "Donations"), Donation.schema, donations.map(\.values))
        section(&report, l.pick(de: "Ehrenamtliche Einsätze", en: "Volunteer shifts"), VolunteerShift.schema, shifts.map(\.values))
        section(&report, l.pick(de: "Antworten in Umfragen", en: "Survey answers"), SurveyResponse.schema,
                surveyResponses.map(\.values))

        report.add(.heading(l.pick(de: "Wer Ihre Angaben geändert hat", en: "Who changed your details"), level: 2))
        report.add(auditEntries.isEmpty
            ? .paragraph(l.pick(de: "Seit der Anlage wurden Ihre Angaben nicht geändert.", en: "Your details have not been changed since they were added."))
            : .table(ReportTable(header: [l.pick(de: "Zeit", en: "Time"), l.pick(de: "Wer", en: "Who"), l.pick(de: "Was", en: "What")],
                                 rows: auditEntries.map { [$0.at, $0.actor, $0.action.rawValue + ($0.detail.map { " (\($0))" } ?? "")] })))

        report.add(.heading(l.pick(de: "Ihre Rechte", en: "Your rights"), level: 2))
        report.add(.list([
            l.pick(de: "Sie können verlangen, dass falsche Angaben berichtigt werden.",
                   en: "You can ask for wrong details to be corrected."),
            l.pick(de: "Sie können verlangen, dass Ihre Daten gelöscht werden (\(law.citation(.erasure, in: l))), "
                       + "soweit keine gesetzliche Aufbewahrungspflicht besteht (etwa für Spendenquittungen).",
                   en: "You can ask for your data to be erased (\(law.citation(.erasure, in: l))), unless a law "
                       + "requires it to be kept (such as for donation receipts)."),
            l.pick(de: "Eine Einwilligung können Sie jederzeit für die Zukunft widerrufen (\(law.citation(.consent, in: l))).",
                   en: "You can withdraw a consent at any time, for the future (\(law.citation(.consent, in: l)))."),
        ]))
        return report
    }

    /// A field's German title, or its name in words for English.
    private static func label(_ field: Field, _ language: Language) -> String {
        language == .german ? field.title ?? field.name : field.name.replacingOccurrences(of: "_", with: " ")
    }

    /// Adds a heading and a table of records of one kind, or says there are none.
    private func section(_ report: inout Report, _ title: String, _ schema: Schema, _ rows: [[Value]]) {
        report.add(.heading(title, level: 2))
        guard !rows.isEmpty else {
            report.add(.paragraph(report.language.pick(de: "Keine.", en: "None.")))
            return
        }
        let shown = schema.fields.indices.filter { column in rows.contains { $0[column] != .missing } }
        report.add(.table(ReportTable(header: shown.map { Self.label(schema.fields[$0], report.language) },
                                      rows: rows.map { row in shown.map { row[$0].description } })))
    }
}
