// civic-federate: an umbrella organisation's statistics over its members, without
// their records. Members send signed reports of protected counts (civic-casebook
// report --for umbrella); this app checks and adds them up.
//
//   civic-federate collect eingang --members mitglieder.yaml --into verband-2025 --period 2025
//   civic-federate collect eingang --members mitglieder.yaml --period 2025 \
//       --into postgres://verband@db.local/federation --package paket-2025
//
// Every file is checked before any is kept: the signature against the member's
// registered key, the period, the member's threshold. The result is an open data
// package in verband-2025/package (or --package), with a README of who reported and what
// was withheld. With a postgres:// address the reports and the combined cells are kept in
// the umbrella's database. A thin shell over CivicPublishing's `Federation` and
// CivicPostgres's `PostgresFederationArchive`.

import ArgumentParser
import CivicAppSupport
import CivicModels
import CivicPostgres
import CivicPublishing
import Foundation

@main
struct CivicFederate: AsyncLocalizedCommand {
    static let configuration = CommandConfiguration(
        commandName: "civic-federate",
        abstract: appLanguage.pick(de: "Statistik eines Dachverbands aus den signierten Berichten seiner Mitglieder.",
                                   en: "An umbrella organisation's statistics from its members' signed reports."),
        subcommands: [Collect.self])
}

struct Collect: AsyncParsableCommand {
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
    @Option(help: .localized(
        de: "Wohin die Berichte kommen: der Ordner des Verbands für diesen Zeitraum, oder seine Datenbank (postgres://BENUTZER@RECHNER/DATENBANK).",
        en: "Where the reports go: the federation's folder for this period, or its database (postgres://USER@HOST/DATABASE)."))
    var into: String
    @Option(help: .localized(de: "Der Ordner des Datenpakets (Vorgabe: package im Ordner des Verbands; bei einer Datenbank nötig).",
                             en: "The data package's folder (default: package in the federation's folder; needed with a database)."))
    var package: String?
    @Option(help: .localized(de: "Zeitraum: 2025, 2025-03 oder 2025-01:2025-06.", en: "Period: 2025, 2025-03 or 2025-01:2025-06."))
    var period: ReportingPeriod
    @OptionGroup var languageOption: LanguageOption

    func run() async throws {
        let l = languageOption.language
        var database: PostgresFederationArchive?
        do {
            let register = try FederationMembers.load(from: URL(fileURLWithPath: members))
            let federation: Federation
            if into.hasPrefix("postgres://") || into.hasPrefix("postgresql://") {
                guard let package else {
                    throw ValidationError(l.pick(de: "Mit einer Datenbank braucht es --package ORDNER.",
                                                 en: "With a database, --package FOLDER is needed."))
                }
                let archive = try await PostgresFederationArchive.connect(to: PostgresLocation(into), period: period)
                database = archive
                federation = Federation(archive: archive, members: register, packageURL: URL(fileURLWithPath: package))
            } else {
                let folder = try FederationFolder(URL(fileURLWithPath: into), period: period)
                federation = Federation(archive: folder, members: register,
                                        packageURL: package.map { URL(fileURLWithPath: $0) } ?? folder.packageURL)
            }
            let summary = try await federation.collect(from: URL(fileURLWithPath: inbox))
            let list = { (ids: [String]) in ids.isEmpty ? "" : " (" + ids.joined(separator: ", ") + ")" }
            print(l.pick(de: "Neu übernommen: \(summary.collected.count) Berichte\(list(summary.collected)).",
                         en: "Collected: \(summary.collected.count) new reports\(list(summary.collected))."))
            if !summary.alreadyCollected.isEmpty {
                print(l.pick(de: "Schon früher übernommen, einmal gezählt: \(summary.alreadyCollected.count)\(list(summary.alreadyCollected)).",
                             en: "Collected before, counted once: \(summary.alreadyCollected.count)\(list(summary.alreadyCollected))."))
            }
            let tables = try await federation.writePackage(language: l)
            let reported = tables.map(\.members.count).reduce(0, +)
            print(l.pick(de: "Datenpaket in \(federation.packageURL.path): \(reported) von \(register.members.count) Mitgliedern in \(tables.count) Regionen.",
                         en: "Data package in \(federation.packageURL.path): \(reported) of \(register.members.count) members in \(tables.count) regions."))
            for table in tables {
                print(l.pick(
                    de: "  \(table.region): \(table.members.count) Mitglieder, \(table.withheldByMembers) Felder von Mitgliedern zurückgehalten, \(table.withheldToProtect) weitere zum Schutz.",
                    en: "  \(table.region): \(table.members.count) members, \(table.withheldByMembers) cells withheld by members, \(table.withheldToProtect) more to protect them."))
            }
            await database?.close()
        } catch let usage as ValidationError {
            await database?.close()
            throw usage
        } catch {
            await database?.close()
            throw failure(reporting: error, in: l)
        }
    }
}
