// The commands a member of an umbrella organisation needs: a signing key, and the
// signed report of protected counts that the umbrella collects (civic-federate).

import ArgumentParser
import CivicAppSupport
import CivicModels
import CivicPublishing
import CivicStorage
import Foundation

struct Keys: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: appLanguage.pick(de: "Erzeugt den Schlüssel, mit dem die Organisation ihre Berichte an den Dachverband signiert.",
                                   en: "Makes the key the organisation signs its reports to the umbrella with."))
    @Option(help: .localized(de: "Kennung der Organisation im Mitgliederverzeichnis des Dachverbands.",
                             en: "The organisation's identifier in the umbrella's register of members."))
    var member: String
    @Option(help: .localized(de: "Die Schlüsseldatei (wird nie überschrieben).", en: "The key file (never overwritten)."))
    var output: String
    @OptionGroup var languageOption: LanguageOption

    func run() throws {
        let l = languageOption.language
        do {
            let key = MemberSigningKey(member: member)
            try key.save(to: URL(fileURLWithPath: output))
            print(l.pick(
                de: "Schlüssel in \(output) gespeichert (nur für Sie lesbar; sichern Sie ihn, geben Sie ihn nicht weiter).\nÖffentlicher Schlüssel für das Mitgliederverzeichnis des Dachverbands:",
                en: "Saved the key in \(output) (readable by you only; back it up, do not pass it on).\nPublic key for the umbrella's register of members:"))
            print("  public-key: \(key.publicKeyText)")
        } catch {
            throw failure(reporting: error, in: l)
        }
    }
}

struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: appLanguage.pick(de: "Schreibt den signierten Bericht für den Dachverband: Fälle je Monat und Angebot, je Person geschützt.",
                                   en: "Writes the signed report for the umbrella: cases per month and service, protected per person."),
        discussion: appLanguage.pick(
            de: "Gezählt werden Fälle von Personen mit Einwilligung in Statistik. Jedes Feld mit weniger als --threshold Personen wird zurückgehalten, dazu so wenige weitere, dass sich keines aus den Summen errechnen lässt. Der Bericht enthält keine Einzeldaten.",
            en: "Counted are the cases of persons who consented to statistics. Every cell of fewer than --threshold persons is withheld, and as few others as it takes that none can be recomputed from the totals. The report holds no records."))

    enum Recipient: String, ExpressibleByArgument, CaseIterable { case umbrella }

    @Option(name: .customLong("for"), help: .localized(de: "Für wen: umbrella (den Dachverband).", en: "For whom: umbrella."))
    var recipient: Recipient
    @Option(help: .localized(de: "Die Schlüsseldatei (von „keys“).", en: "The key file (made by 'keys')."))
    var key: String
    @Option(help: .localized(de: "Zeitraum: 2025, 2025-03 oder 2025-01:2025-06 (Vorgabe: das Vorjahr).",
                             en: "Period: 2025, 2025-03 or 2025-01:2025-06 (default: last year)."))
    var period: ReportingPeriod?
    @Option(help: .localized(de: "Mindestzahl verschiedener Personen je gezeigtem Feld.", en: "Fewest distinct persons per shown cell."))
    var threshold = 5
    @Option(help: .localized(de: "Stichtag der Einwilligungen (JJJJ-MM-TT).", en: "Day the consents must hold on (YYYY-MM-DD)."))
    var on = Day.today
    @Option(help: .localized(de: "Die Berichtsdatei.", en: "The report file.")) var output: String
    @OptionGroup var options: CasebookOptions

    func run() async throws {
        try await options.runOnStore { store in
            let signingKey = try MemberSigningKey.load(from: URL(fileURLWithPath: key))
            let period = period ?? .lastYear(before: on.date)
            let cases = try await store.statisticsCases(in: period, on: on.date)
            let report = try MemberReport(member: signingKey.member, period: period, made: on.date, cases: cases, threshold: threshold)
            let destination = URL(fileURLWithPath: output)
            try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            let files = AtomicFileSet()
            try files.write(try SignedMemberReport(signing: report, with: signingKey).bytes(), to: destination)
            try files.commit()
            try await store.logAggregateReport(to: "umbrella (\(signingKey.member))", period: period, cases: cases.count)
            let n = { (count: Int) in options.language.integer(count) }
            options.say("""
                Bericht für \(period) nach \(output) geschrieben, signiert als \(signingKey.member): \(n(cases.count)) Fälle, \
                \(n(report.months.count)) Monate × \(n(report.services.count)) Angebote; \(n(report.withheldCount)) Felder \
                zurückgehalten (weniger als \(threshold) Personen, oder damit sich keines errechnen lässt).
                """, """
                Wrote the report for \(period) to \(output), signed as \(signingKey.member): \(n(cases.count)) cases, \
                \(n(report.months.count)) months × \(n(report.services.count)) services; \(n(report.withheldCount)) cells \
                withheld (fewer than \(threshold) persons, or so that none can be recomputed).
                """)
        }
    }
}
