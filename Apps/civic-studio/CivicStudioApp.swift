// civic-studio: the whole journey in a browser, for people who never open a terminal.
//
//   swift run -c release civic-studio                 (a free port; the link is printed)
//   civic-studio --port 8765 --lang de --upload-limit-mb 500 --idle-minutes 60
//
// A thin shell over CivicStudio's `StudioServer`: it reads the options, starts the
// server on 127.0.0.1 and prints the link to open, with the session's secret token.
// The pages call CivicPublishing's `FileCheck` and `Publication`; nothing is decided
// here. Ctrl-C stops the server and deletes every upload and result.

import ArgumentParser
import CivicAppSupport
import CivicModels
import CivicStudio
import Foundation

@main
struct CivicStudioApp: AsyncLocalizedCommand {
    static let configuration = CommandConfiguration(
        commandName: "civic-studio",
        abstract: appLanguage.pick(
            de: "Startet civic-studio: vom Export zum veröffentlichten Paket im Browser.",
            en: "Starts civic-studio: from an export to a published package, in the browser."),
        discussion: appLanguage.pick(
            de: "Der Server lauscht nur auf 127.0.0.1 und antwortet nur auf den ausgegebenen Link mit seinem geheimen "
                + "Schlüssel. Hochgeladene Dateien und Ergebnisse liegen in einem privaten temporären Ordner, der beim "
                + "Beenden (Strg-C) und nach der Leerlaufzeit gelöscht wird.",
            en: "The server listens on 127.0.0.1 only and answers only the printed link with its secret token. Uploads "
                + "and results live in a private temporary folder that is deleted on exit (Ctrl-C) and after the idle time."))

    @Option(help: .localized(de: "Der Port auf 127.0.0.1 (Vorgabe: ein freier).", en: "The port on 127.0.0.1 (default: a free one)."))
    var port: Int = 0
    @Option(help: .localized(de: "Die größte Datei in MB.", en: "The largest upload in MB."))
    var uploadLimitMb: Int = 200
    @Option(help: .localized(de: "Nach so vielen Minuten ohne Nutzung wird eine Datei gelöscht.",
                             en: "Minutes without use after which an upload is deleted."))
    var idleMinutes: Int = 30
    @OptionGroup var languageOption: LanguageOption

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError(de: "--port: 0 bis 65535", en: "--port: 0 to 65535") }
        guard uploadLimitMb > 0 else { throw ValidationError(de: "--upload-limit-mb: mindestens 1", en: "--upload-limit-mb: at least 1") }
        guard idleMinutes > 0 else { throw ValidationError(de: "--idle-minutes: mindestens 1", en: "--idle-minutes: at least 1") }
    }

    func run() async throws {
        let l = languageOption.language
        let server: StudioServer
        do {
            server = try StudioServer(configuration: StudioConfiguration(
                port: port, language: l, uploadLimit: uploadLimitMb * 1_000_000, idleTimeout: .seconds(idleMinutes * 60)))
        } catch {
            throw failure(reporting: error, in: l)
        }
        do {
            try await server.run { link in
                // The only place the token is ever printed; unbuffered, so it shows at once in a pipe too.
                let text = l.pick(de: "civic-studio läuft. Öffnen Sie diesen Link im Browser (nur auf diesem Computer):",
                                  en: "civic-studio is running. Open this link in your browser (on this computer only):")
                    + "\n  \(link.absoluteString)\n"
                    + l.pick(de: "Beenden mit Strg-C; dabei werden alle hochgeladenen Dateien und Ergebnisse gelöscht.",
                             en: "Stop with Ctrl-C; this deletes every upload and result.") + "\n"
                FileHandle.standardOutput.write(Data(text.utf8))
            }
        } catch {
            throw failure(reporting: error, in: l)
        }
    }
}
