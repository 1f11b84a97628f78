import CivicModels
import Foundation
import Hummingbird

/// Why an upload or a form was refused, in words for the person at the browser.
///
/// Messages name the problem and what to do, never a value of the file (nor its
/// name, which can be a person's).
struct UploadError: LocalizedMessageError, Sendable, Equatable {
    /// What went wrong.
    enum Kind: Sendable, Equatable {
        /// The request is not a file upload form (`multipart/form-data`).
        case notAFormUpload
        /// The form holds no file.
        case noFile
        /// The file is neither CSV nor Excel.
        case unsupportedType
        /// The upload is larger than the limit (bytes).
        case tooLarge(limit: Int)
        /// The body breaks the multipart format or was cut off.
        case malformed
        /// The file holds no rows or no columns.
        case empty
        /// A form field is missing or has a value the form does not offer.
        case invalidField(String)
        /// The upload is not (or no longer) kept: deleted, timed out, or never made.
        case unknownFile
    }

    /// What went wrong.
    let kind: Kind

    /// The HTTP status of the page that says so.
    var status: HTTPResponse.Status {
        switch kind {
        case .tooLarge: .contentTooLarge
        case .unsupportedType: .unsupportedMediaType
        case .empty: .unprocessableContent
        case .unknownFile: .notFound
        default: .badRequest
        }
    }

    func message(in l: Language) -> String {
        switch kind {
        case .notAFormUpload:
            l.pick(de: "Die Anfrage ist kein Datei-Upload. Bitte nutzen Sie das Formular auf der Startseite.",
                   en: "The request is not a file upload. Please use the form on the start page.")
        case .noFile:
            l.pick(de: "Es wurde keine Datei mitgeschickt. Bitte wählen Sie eine CSV- oder Excel-Datei aus.",
                   en: "No file was sent. Please choose a CSV or Excel file.")
        case .unsupportedType:
            l.pick(de: "Die Datei ist weder CSV (.csv, .tsv, .txt) noch Excel (.xlsx). Speichern Sie sie in Excel oder "
                    + "LibreOffice als CSV oder .xlsx und laden Sie sie erneut hoch.",
                   en: "The file is neither CSV (.csv, .tsv, .txt) nor Excel (.xlsx). Save it from Excel or LibreOffice "
                    + "as CSV or .xlsx and upload it again.")
        case .tooLarge(let limit):
            l.pick(de: "Die Datei ist größer als die Grenze von \(l.integer(limit / 1_000_000)) MB; nichts davon wurde behalten. "
                    + "Starten Sie civic-studio mit --upload-limit-mb, um größere Dateien zuzulassen.",
                   en: "The file is larger than the limit of \(l.integer(limit / 1_000_000)) MB; nothing of it was kept. "
                    + "Start civic-studio with --upload-limit-mb to allow larger files.")
        case .malformed:
            l.pick(de: "Der Upload kam unvollständig oder beschädigt an; nichts davon wurde behalten. Bitte erneut versuchen.",
                   en: "The upload arrived incomplete or damaged; nothing of it was kept. Please try again.")
        case .empty:
            l.pick(de: "Die Datei enthält keine Datenzeilen oder keine Spalten.",
                   en: "The file holds no data rows or no columns.")
        case .invalidField(let field):
            l.pick(de: "Das Formularfeld „\(field)“ fehlt oder hat einen Wert, den das Formular nicht anbietet.",
                   en: "The form field '\(field)' is missing or has a value the form does not offer.")
        case .unknownFile:
            l.pick(de: "Diese Datei gibt es hier nicht mehr: sie wurde gelöscht oder lange nicht benutzt. Bitte laden Sie sie erneut hoch.",
                   en: "This file is no longer here: it was deleted or not used for a long time. Please upload it again.")
        }
    }
}
