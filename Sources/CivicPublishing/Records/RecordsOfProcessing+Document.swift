import CivicAnalysis
import CivicModels

extension RecordsOfProcessing {
    /// The record as Markdown, in `language`, with the title, headings and
    /// references of `law`. Every text from the YAML is escaped.
    public func markdown(law: DataProtectionLaw, language: Language) -> String {
        report(law: law, language: language).markdown()
    }

    /// The record as one self-contained, accessible HTML page (no scripts, no
    /// external files, printable on A4), in `language`, with the title, headings and
    /// references of `law`. Every text from the YAML is escaped.
    public func html(law: DataProtectionLaw, language: Language) -> String {
        report(law: law, language: language).html()
    }

    /// The record as a `Report` (CivicAnalysis), for callers that add to it or
    /// render it themselves: key facts, the controller, the general measures, one
    /// section per activity with a heading per item of the record, and the law's
    /// references at the end.
    public func report(law: DataProtectionLaw, language: Language) -> Report {
        RecordDocument(records: self, law: law, language: language).report()
    }
}

/// Builds the document of one record under one law in one language.
private struct RecordDocument {
    let records: RecordsOfProcessing
    let law: DataProtectionLaw
    let language: Language

    func report() -> Report {
        var report = Report(title: law.recordTitle(in: language), language: language)
        addIntroduction(to: &report)
        addController(to: &report)
        if !records.securityMeasures.isEmpty {
            report.add(.heading(generalMeasuresHeading, level: 2))
            report.add(.list(records.securityMeasures))
        }
        for (index, activity) in records.activities.enumerated() {
            add(activity, number: index + 1, to: &report)
        }
        addReferences(to: &report)
        return report
    }

    /// The key facts and one sentence on what the record is.
    private func addIntroduction(to report: inout Report) {
        var facts = [ReportDefinition(capitalised(law.term(.controller, in: language)), records.controller.name)]
        if let date = records.asOf.flatMap({ CivicDate(iso: $0) }) {
            facts.append(ReportDefinition(language.pick(de: "Stand", en: "As of"), language.date(date)))
        }
        facts.append(ReportDefinition(language.pick(de: "Gesetz", en: "Law"), law.name(in: language)))
        facts.append(ReportDefinition(language.pick(de: "Verarbeitungstätigkeiten", en: "Processing activities"),
                                      "\(records.activities.count)"))
        report.add(.keyFacts(facts))
        let reference = law.citation(.recordOfProcessing, in: language)
        report.add(.paragraph(language.pick(
            de: "Dieses Verzeichnis beschreibt, wie \(records.controller.name) personenbezogene Daten verarbeitet: "
                + "für jede Verarbeitungstätigkeit mit den Angaben, die \(reference) verlangt.",
            en: "This record describes how \(records.controller.name) processes personal data: for each processing "
                + "activity, with the details that \(reference) asks for.")))
    }

    /// Name and contact details of the controller, joint controller, representative and officer.
    private func addController(to report: inout Report) {
        let controller = records.controller
        report.add(.heading(law.heading(for: .controller, in: language) ?? "", level: 2))
        var rows = [[language.pick(de: "Name", en: "Name"), controller.name],
                    [language.pick(de: "Anschrift", en: "Address"), controller.address]]
        if let contact = controller.contact { rows.append([language.pick(de: "Kontakt", en: "Contact"), contact]) }
        rows.append([capitalised(law.term(.dataProtectionOfficer, in: language)),
                     controller.dataProtectionOfficer ?? language.pick(de: "nicht benannt", en: "none designated")])
        if let joint = controller.jointController { rows.append([capitalised(law.term(.jointController, in: language)), joint]) }
        if let representative = controller.representative {
            rows.append([capitalised(law.term(.representative, in: language)), representative])
        }
        report.add(.table(ReportTable(header: [language.pick(de: "Angabe", en: "Item"), language.pick(de: "Inhalt", en: "Details")],
                                      rows: rows)))
    }

    /// One activity: its heading and description, then each item of the record under its own heading.
    private func add(_ activity: ProcessingActivity, number: Int, to report: inout Report) {
        report.add(.heading(language.pick(de: "Verarbeitungstätigkeit \(number): ", en: "Processing activity \(number): ")
                            + activity.name, level: 2))
        if let description = activity.description { report.add(.paragraph(description)) }
        item(.purposes, activity.purposes, to: &report)
        addLegalBasis(of: activity, to: &report)
        addCategories(of: activity, to: &report)
        if law.citation(for: .profiling, in: language) != nil || activity.profiling != nil {
            report.add(.heading(law.heading(for: .profiling, in: language) ?? law.title(of: .profiling, in: language), level: 3))
            report.add(.paragraph(activity.profiling ?? language.pick(de: "Es findet kein Profiling statt.", en: "No profiling is used.")))
        }
        item(.recipients, activity.recipients, to: &report)
        item(.thirdCountryTransfers, activity.thirdCountryTransfers.map(transferText), to: &report)
        item(.erasureTimeLimits, activity.erasure, to: &report)
        addSecurityMeasures(of: activity, to: &report)
    }

    /// An item of the record as a heading and a list, or "none" when the list is empty.
    private func item(_ item: DataProtectionLaw.RecordItem, _ entries: [String], to report: inout Report) {
        report.add(.heading(law.heading(for: item, in: language) ?? law.title(of: item, in: language), level: 3))
        report.add(entries.isEmpty ? .paragraph(none(for: item)) : .list(entries))
    }

    /// What an empty item says.
    private func none(for item: DataProtectionLaw.RecordItem) -> String {
        switch item {
        case .recipients: return language.pick(de: "Keine Empfänger.", en: "No recipients.")
        case .thirdCountryTransfers: return language.pick(de: "Keine Übermittlung.", en: "No transfers.")
        default: return language.pick(de: "Nicht angegeben.", en: "Not stated.")
        }
    }

    /// The legal bases with the point of the law each rests on.
    private func addLegalBasis(of activity: ProcessingActivity, to report: inout Report) {
        let reference = law.citation(.lawfulness, in: language)
        report.add(.heading(language.pick(de: "Rechtsgrundlage (\(reference))", en: "Legal basis (\(reference))"), level: 3))
        report.add(.list(activity.legalBasis.map { basis in
            let point = basis.kind.citation(under: law, in: language)
            var text = basis.kind.label(under: law, in: language) + (point == reference ? "" : " (\(point))")
            if let note = basis.note { text += ": " + note }
            return text
        }))
    }

    /// Data subjects, personal data and the special categories among them.
    private func addCategories(of activity: ProcessingActivity, to report: inout Report) {
        report.add(.heading(law.heading(for: .categories, in: language) ?? "", level: 3))
        report.add(.heading(language.pick(de: "Kategorien betroffener Personen", en: "Categories of data subjects"), level: 4))
        report.add(.list(activity.dataSubjects))
        report.add(.heading(language.pick(de: "Kategorien personenbezogener Daten", en: "Categories of personal data"), level: 4))
        report.add(.list(activity.personalData))
        let special = law.citation(.specialCategories, in: language)
        report.add(.heading(language.pick(de: "Besondere Kategorien personenbezogener Daten (\(special))",
                                          en: "Special categories of personal data (\(special))"), level: 4))
        report.add(activity.specialCategories.isEmpty
                   ? .paragraph(language.pick(de: "Keine.", en: "None.")) : .list(activity.specialCategories))
    }

    /// The activity's own measures, and a pointer to the general ones.
    private func addSecurityMeasures(of activity: ProcessingActivity, to report: inout Report) {
        guard !records.securityMeasures.isEmpty else { return item(.securityMeasures, activity.securityMeasures, to: &report) }
        let section = generalMeasuresHeading
        if activity.securityMeasures.isEmpty {
            report.add(.heading(law.heading(for: .securityMeasures, in: language) ?? "", level: 3))
            report.add(.paragraph(language.pick(de: "Es gelten die Maßnahmen im Abschnitt „\(section)“.",
                                                en: "The measures in the section '\(section)' apply.")))
        } else {
            item(.securityMeasures, activity.securityMeasures, to: &report)
            report.add(.paragraph(language.pick(de: "Außerdem gelten die Maßnahmen im Abschnitt „\(section)“.",
                                                en: "The measures in the section '\(section)' apply as well.")))
        }
    }

    /// The closing table: where the law lays down what the record refers to.
    private func addReferences(to report: inout Report) {
        report.add(.heading(language.pick(de: "Rechtliche Grundlagen", en: "Legal references"), level: 2))
        let rows = DataProtectionLaw.Provision.allCases.map { [$0.title(in: language), law.citation($0, in: language)] }
        report.add(.table(ReportTable(header: [language.pick(de: "Regelung", en: "Provision"),
                                               language.pick(de: "Fundstelle", en: "Reference")], rows: rows)))
    }

    private var generalMeasuresHeading: String {
        let reference = law.citation(.securityMeasures, in: language)
        return language.pick(de: "Allgemeine technische und organisatorische Maßnahmen nach \(reference)",
                             en: "General technical and organisational measures under \(reference)")
    }

    private func transferText(_ transfer: ProcessingActivity.ThirdCountryTransfer) -> String {
        language.pick(de: "\(transfer.recipient) (\(transfer.country)); Garantien: \(transfer.safeguards)",
                      en: "\(transfer.recipient) (\(transfer.country)); safeguards: \(transfer.safeguards)")
    }

    private func capitalised(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }
}
