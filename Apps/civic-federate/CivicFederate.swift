// civic-federate: an umbrella organisation's statistics over its members, without
// their records. Members send signed reports of protected counts (civic-casebook
// report --for umbrella); this app checks and adds them up.
//
//   civic-federate collect eingang --members mitglieder.yaml --into verband-2025 --period 2025
//
// Every file is checked before any is kept: the signature against the member's
// registered key, the period, the member's threshold. The result is an open data
// package in verband-2025/package, with a README of who reported and what was
// withheld. A thin shell over CivicPublishing's `Federation`.

import ArgumentParser
import CivicAppSupport
import CivicModels
import CivicPublishing
import Foundation

@main
struct CivicFederate: LocalizedCommand {
    static let configuration = CommandConfiguration(
        commandName: "civic-federate",
        abstract: appLanguage.pick(de: "Statistik eines Dachverbands aus den signierten Berichten seiner Mitglieder.",
                                   en: "An umbrella organisation's statistics from its members' signed reports."),
        subcommands: [Collect.self])
}

struct Collect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: appLanguage.pick(de: "Prüft und übernimmt die Berichte eines Ordners und schreibt das Datenpaket des Verbands.",
                                   en: "Checks and takes over the reports in a folder and writes the federation's data package."),
        discussion: appLanguage.pick(
            de: "Ein Bericht, der schon übernommen ist, zählt einmal. Eine veränderte Datei, ein unbekanntes Mitglied, ein anderer Zeitraum oder eine zu kleine Mindestzahl: dann wird keine Datei übernommen.",
            en: "A report taken over before counts once. A changed file, an unknown member, another period or too small a threshold: then no file is taken over."))

    @Argument(help: .localized(de: "Der Ordner mit den Berichten (*.json).", en: "The folder of reports (*.json)."))
    var inbox: String
    @Option(help: .localized(de: "Das Mitgliederverzeichnis (YAML).", en: "The register of members (YAML)."))
    var members: String
    @Option(help: .localized(de: "Der Ordner des Verbands für diesen Zeitraum.", en: "The federation's folder for this period."))
    var into: String
    @Option(help: .localized(de: "Zeitraum: 2025, 2025-03 oder 2025-01:2025-06.", en: "Period: 2025, 2025-03 or 2025-01:2025-06."))
    var period: ReportingPeriod
    @OptionGroup var languageOption: LanguageOption

    func run() throws {
        let l = languageOption.language
        do {
            let register = try FederationMembers.load(from: URL(fileURLWithPath: members))
            let federation = try Federation(folder: URL(fileURLWithPath: into), period: period, members: register)
            let summary = try federation.collect(from: URL(fileURLWithPath: inbox))
            let list = { (ids: [String]) in ids.isEmpty ? "" : " (" + ids.joined(separator: ", ") + ")" }
            print(l.pick(de: "Neu übernommen: \(summary.collected.count) Berichte\(list(summary.collected)).",
                         en: "Collected: \(summary.collected.count) new reports\(list(summary.collected))."))
            if !summary.alreadyCollected.isEmpty {
                print(l.pick(de: "Schon früher übernommen, einmal gezählt: \(summary.alreadyCollected.count)\(list(summary.alreadyCollected)).",
                             en: "Collected before, counted once: \(summary.alreadyCollected.count)\(list(summary.alreadyCollected))."))
            }
            let tables = try federation.writePackage(language: l)
            let reported = tables.map(\.members.count).reduce(0, +)
            print(l.pick(de: "Datenpaket in \(federation.packageURL.path): \(reported) von \(register.members.count) Mitgliedern in \(tables.count) Regionen.",
                         en: "Data package in \(federation.packageURL.path): \(reported) of \(register.members.count) members in \(tables.count) regions."))
            for table in tables {
                print(l.pick(
                    de: "  \(table.region): \(table.members.count) Mitglieder, \(table.withheldByMembers) Felder von Mitgliedern zurückgehalten, \(table.withheldToProtect) weitere zum Schutz.",
                    en: "  \(table.region): \(table.members.count) members, \(table.withheldByMembers) cells withheld by members, \(table.withheldToProtect) more to protect them."))
            }
        } catch {
            throw failure(reporting: error, in: l)
        }
    }
}
