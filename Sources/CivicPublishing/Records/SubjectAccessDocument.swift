import CivicAnalysis
import CivicModels
import CivicStorage
import Foundation

extension SubjectAccessRecord {
    /// The record as a page the person can read: who keeps the data, every record
    /// about them in tables, what the data is used for and who receives it (from the
    /// organisation's record of processing activities, if given), how long it is
    /// kept, where it comes from, and their rights, cited in the words of `law` (the
    /// GDPR, or the church laws KDG and DSG-EKD).
    ///
    /// ```swift
    /// let record = try casebook.subjectAccess("K-0001", on: today)
    /// let processing = try RecordsOfProcessing.load(from: URL(fileURLWithPath: "verzeichnis.yaml"))
    /// let page = record.report(law: .kdg, language: .german, processing: processing).html()
    /// ```
    public func report(law: DataProtectionLaw, language: Language, processing: RecordsOfProcessing? = nil) -> Report {
        let l = language
        var report = Report(title: l.pick(de: "Auskunft über gespeicherte Daten", en: "Access to stored data"), language: l)
        report.add(.paragraph(l.pick(
            de: "\(controller.name) gibt Ihnen hier alle Daten, die das Fallbuch über Sie speichert, "
                + "nach \(Self.cite(.access, law, l)). Stand: \(l.date(made)).",
            en: "\(controller.name) gives you here all data its casebook stores about you, under "
                + "\(Self.cite(.access, law, l)). As of \(l.date(made)).")))
        report.add(.keyFacts([
            ReportDefinition(Self.capitalised(law.term(.controller, in: l)), [controller.name, controller.city].compactMap { $0 }.joined(separator: ", ")),
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

        addPurposes(to: &report, processing: processing)
        addRetention(to: &report)
        report.add(.heading(l.pick(de: "Woher die Angaben stammen", en: "Where the data comes from"), level: 2))
        report.add(.paragraph(l.pick(
            de: "Aus Ihren Gesprächen mit uns und aus Unterlagen, die Sie uns gegeben haben; ältere Fälle wurden aus "
                + "unserer früheren Fallverwaltung übernommen.",
            en: "From your conversations with us and from documents you gave us; older cases were taken over from "
                + "our earlier case-management records.")))
        addHistory(to: &report)

        report.add(.heading(l.pick(de: "Ihre Rechte", en: "Your rights"), level: 2))
        report.add(.list([
            l.pick(de: "Sie können verlangen, dass falsche Angaben berichtigt werden.",
                   en: "You can ask for wrong details to be corrected."),
            l.pick(de: "Sie können verlangen, dass Ihre Daten gelöscht werden (\(Self.cite(.erasure, law, l))), "
                       + "soweit keine gesetzliche Aufbewahrungspflicht besteht (etwa für Spendenquittungen).",
                   en: "You can ask for your data to be erased (\(Self.cite(.erasure, law, l))), unless a law "
                       + "requires it to be kept (such as for donation receipts)."),
            l.pick(de: "Eine Einwilligung können Sie jederzeit für die Zukunft widerrufen (\(Self.cite(.consent, law, l))).",
                   en: "You can withdraw a consent at any time, for the future (\(Self.cite(.consent, law, l)))."),
            law == .dsgvo
                ? l.pick(de: "Sie können sich bei einer Datenschutz-Aufsichtsbehörde beschweren (Art. 77 DSGVO).",
                         en: "You can complain to a data-protection supervisory authority (GDPR Art. 77).")
                : l.pick(de: "Sie können sich bei der kirchlichen Datenschutzaufsicht beschweren.",
                         en: "You can complain to the church's data-protection supervisor."),
        ]))
        return report
    }

    /// The purposes and recipients of each processing activity, or where to ask for them.
    private func addPurposes(to report: inout Report, processing: RecordsOfProcessing?) {
        let l = report.language
        report.add(.heading(l.pick(de: "Wozu wir Daten verarbeiten und wer sie erhält", en: "What the data is used for and who receives it"),
                            level: 2))
        guard let processing else {
            report.add(.paragraph(l.pick(
                de: "Zwecke und Empfänger stehen in unserem Verzeichnis von Verarbeitungstätigkeiten; wir nennen sie Ihnen gern.",
                en: "Purposes and recipients are listed in our record of processing activities; ask us and we will tell you.")))
            return
        }
        let none = l.pick(de: "niemand außerhalb der Organisation", en: "nobody outside the organisation")
        report.add(.table(ReportTable(
            header: [l.pick(de: "Tätigkeit", en: "Activity"), l.pick(de: "Zwecke", en: "Purposes"), l.pick(de: "Empfänger", en: "Recipients")],
            rows: processing.activities.map { [$0.name, $0.purposes.joined(separator: "; "),
                                               $0.recipients.isEmpty ? none : $0.recipients.joined(separator: "; ")] },
            labelsRows: true)))
    }

    /// How long each kind of record is kept.
    private func addRetention(to report: inout Report) {
        let l = report.language
        report.add(.heading(l.pick(de: "Wie lange wir Daten speichern", en: "How long we keep data"), level: 2))
        guard !retentionRules.isEmpty else {
            report.add(.paragraph(l.pick(de: "Solange der Zweck es erfordert.", en: "As long as the purpose requires.")))
            return
        }
        report.add(.list(retentionRules.map { rule in
            let what: String = switch rule.records {
            case .cases: l.pick(de: "Fälle: \(rule.years) Jahre nach ihrem Abschluss", en: "Cases: \(rule.years) years after they close")
            case .donations: l.pick(de: "Spenden: \(rule.years) Jahre nach Ende des Jahres der Spende",
                                    en: "Donations: \(rule.years) years after the end of the year of the gift")
            case .withdrawnConsents: l.pick(de: "Widerrufene Einwilligungen: \(rule.years) Jahre nach dem Widerruf",
                                            en: "Withdrawn consents: \(rule.years) years after the withdrawal")
            case .volunteerShifts: l.pick(de: "Ehrenamtliche Einsätze: \(rule.years) Jahre", en: "Volunteer shifts: \(rule.years) years")
            case .surveyResponses: l.pick(de: "Antworten in Umfragen: \(rule.years) Jahre", en: "Survey answers: \(rule.years) years")
            }
            let then = rule.action == .anonymise
                ? l.pick(de: ", danach nur noch als anonyme Zählung", en: ", then only as an anonymous count") : ""
            return what + then + "."
        }))
    }

    /// Who changed the person's details, cases, contacts and consents, and earlier
    /// requests for access. The changes are a list, one sentence each, rather than a
    /// table: with the records' numbers a table is wider than an A4 page and would
    /// be cut into parts.
    private func addHistory(to report: inout Report) {
        let l = report.language
        let changes = auditEntries.filter { $0.action != .subjectAccess }
        let requests = auditEntries.filter { $0.action == .subjectAccess }
        let imports = l.pick(de: "Übernahmen aus der Fallverwaltung (Importe) stehen im Protokoll als Ganzes, nicht je Person.",
                             en: "Take-overs from case management (imports) are logged as a whole, not per person.")
        report.add(.heading(l.pick(de: "Wer Ihre Daten geändert hat", en: "Who changed your data"), level: 2))
        if changes.isEmpty {
            report.add(.paragraph(l.pick(de: "Keine einzelnen Änderungen verzeichnet. ", en: "No single changes are recorded. ")
                + imports))
        } else {
            report.add(.list(changes.map { entry in
                "\(Self.time(entry.at)), \(entry.actor): \(record(entry, l)) \(Self.change(entry, l))."
            }))
            report.add(.paragraph(imports))
        }
        if !requests.isEmpty {
            report.add(.paragraph(l.pick(de: "Frühere Auskünfte: ", en: "Earlier requests for access: ")
                + requests.map { Self.time($0.at) }.joined(separator: ", ")))
        }
    }

    /// An audit entry's time (ISO 8601 in UTC, "2026-12-01T04:12:48Z") as a reader
    /// writes it: "2026-12-01 04:12:48 UTC".
    private static func time(_ at: String) -> String {
        guard at.hasSuffix("Z") else { return at }
        return at.dropLast().replacingOccurrences(of: "T", with: " ") + " UTC"
    }

    /// Which record an audit entry is about, in words with its number ("Fall F-0001").
    private func record(_ entry: AuditEntry, _ l: Language) -> String {
        let number = auditedRecord(of: entry)?.number
        let kind: String = switch entry.recordKind {
        case .person: l.pick(de: "Ihre Angaben", en: "Your details")
        case .case: l.pick(de: "Fall", en: "Case")
        case .contact: l.pick(de: "Kontakt in Fall", en: "Contact in case")
        case .consent: l.pick(de: "Einwilligung", en: "Consent")
        default: entry.recordKind.rawValue
        }
        return entry.recordKind == .person ? kind : [kind, number].compactMap { $0 }.joined(separator: " ")
    }

    /// What an audit entry did, in words, with its detail: the fields that changed,
    /// named as the tables above name them, or the purpose of a consent.
    private static func change(_ entry: AuditEntry, _ l: Language) -> String {
        let action: String = switch entry.action {
        case .create: l.pick(de: "erfasst", en: "recorded")
        case .update: l.pick(de: "geändert", en: "changed")
        case .delete: l.pick(de: "gelöscht", en: "deleted")
        default: entry.action.rawValue
        }
        guard let detail = entry.detail else { return action }
        let schema: Schema? = switch entry.recordKind {
        case .person: Person.schema
        case .case: CaseFile.schema
        case .consent: Consent.schema
        default: nil
        }
        let said: String
        if let schema, detail.hasPrefix("fields: ") {
            said = detail.dropFirst("fields: ".count).split(separator: ", ").map { name in
                // An update that changed no field says "fields: none".
                if name == "none" { return l.pick(de: "keine", en: "none") }
                return schema.field(named: String(name)).map { label($0, l) } ?? String(name)
            }.joined(separator: ", ")
        } else if detail.hasPrefix("purpose: ") {
            said = l.pick(de: "Zweck: ", en: "purpose: ") + detail.dropFirst("purpose: ".count)
        } else {
            said = detail
        }
        return action + " (\(said))"
    }

    /// Where `law` lays down `provision`, as this page cites it. The page names the
    /// GDPR in English before the article ("GDPR Art. 17"), as it does for Art. 77 and
    /// as the apps' help texts do; German and the church laws keep their usual order
    /// ("Art. 17 DSGVO", "§ 19 KDG").
    private static func cite(_ provision: DataProtectionLaw.Provision, _ law: DataProtectionLaw, _ l: Language) -> String {
        let citation = law.citation(provision, in: l)
        let name = law.abbreviation(in: l)
        guard law == .dsgvo, l == .english, citation.hasSuffix(" " + name) else { return citation }
        return name + " " + citation.dropLast(name.count + 1)
    }

    private static func capitalised(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }

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
