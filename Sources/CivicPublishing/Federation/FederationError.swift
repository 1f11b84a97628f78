import CivicModels
import Foundation

/// Why a member report could not be made, signed or collected. Names files and
/// members, never a count or a person.
public enum FederationError: Error, Equatable, Sendable {
    /// A per-person threshold below 2 protects nobody.
    case invalidThreshold(Int)
    /// Cases were passed that lie outside the report's period.
    case casesOutsidePeriod
    /// The key file exists already (a key is never overwritten).
    case keyFileExists(String)
    /// The file is not a member key.
    case invalidKeyFile(String)
    /// The file is not a signed member report, or not spelled as one is written.
    case malformedReport(file: String)
    /// The signature is not the registered member's: the file was changed or not
    /// made by the member.
    case badSignature(file: String)
    /// The report names a member the register does not know.
    case unknownMember(file: String, member: String)
    /// The key belongs to another member than the report names.
    case wrongMember(file: String, expected: String, found: String)
    /// The report covers other months than the federation collects.
    case wrongPeriod(file: String, expected: ReportingPeriod, found: ReportingPeriod)
    /// The member protected its cells with a smaller threshold than the umbrella accepts.
    case thresholdTooLow(file: String, threshold: Int, minimum: Int)
    /// The member delivered a different report for the period before.
    case conflictingReport(file: String, member: String)
    /// The folder holds something else than a federation's collected reports.
    case notAFederationFolder(String)
    /// The package's data file, read back, does not hold the cells meant for it
    /// (a withheld cell with a number, or a number changed); nothing was published.
    case packageMismatch(file: String, line: Int)
}

extension FederationError: LocalizedMessageError {
    public func message(in language: Language) -> String {
        switch self {
        case .invalidThreshold(let threshold):
            return language.pick(de: "Die Mindestzahl von Personen je Feld muss mindestens 2 sein, nicht \(threshold).",
                                 en: "The minimum number of persons per cell must be at least 2, not \(threshold).")
        case .casesOutsidePeriod:
            return language.pick(de: "Es wurden Fälle außerhalb des Berichtszeitraums übergeben.",
                                 en: "Cases outside the report's period were passed.")
        case .keyFileExists(let path):
            return language.pick(de: "\(path) gibt es schon; ein Schlüssel wird nie überschrieben. Wählen Sie einen anderen Namen.",
                                 en: "\(path) exists; a key is never overwritten. Choose another name.")
        case .invalidKeyFile(let path):
            return language.pick(de: "\(path) ist keine Schlüsseldatei eines Mitglieds (mit civic-casebook keys erzeugt).",
                                 en: "\(path) is not a member's key file (made by civic-casebook keys).")
        case .malformedReport(let file):
            return language.pick(de: "\(file) ist kein unveränderter, signierter Mitgliedsbericht; er wird nicht übernommen.",
                                 en: "\(file) is not an unchanged signed member report; it is not collected.")
        case .badSignature(let file):
            return language.pick(
                de: "\(file): Die Signatur passt nicht zum eingetragenen Schlüssel des Mitglieds; die Datei wurde verändert oder nicht vom Mitglied erstellt. Sie wird nicht übernommen.",
                en: "\(file): the signature does not match the member's registered key; the file was changed or not made by the member. It is not collected.")
        case let .unknownMember(file, member):
            return language.pick(de: "\(file): Das Mitglied \(member) steht nicht im Mitgliederverzeichnis.",
                                 en: "\(file): member \(member) is not in the register of members.")
        case let .wrongMember(file, expected, found):
            let prefix = file.isEmpty ? "" : "\(file): "
            return language.pick(de: "\(prefix)Der Schlüssel gehört zu \(found), der Bericht zu \(expected).",
                                 en: "\(prefix)the key belongs to \(found), the report to \(expected).")
        case let .wrongPeriod(file, expected, found):
            return language.pick(de: "\(file): Der Bericht umfasst \(found), gesammelt wird \(expected).",
                                 en: "\(file): the report covers \(found); this federation collects \(expected).")
        case let .thresholdTooLow(file, threshold, minimum):
            return language.pick(
                de: "\(file): Der Bericht hält Felder erst unter \(threshold) Personen zurück; der Dachverband verlangt mindestens \(minimum).",
                en: "\(file): the report withholds cells only below \(threshold) persons; the umbrella requires at least \(minimum).")
        case let .conflictingReport(file, member):
            return language.pick(
                de: "\(file): Von \(member) liegt für diesen Zeitraum schon ein anderer Bericht vor. Er wird nicht doppelt gezählt; soll der neue gelten, entfernen Sie zuerst den alten aus dem Ordner reports.",
                en: "\(file): a different report of \(member) for this period was collected before. It is not counted twice; for the new one to count, first remove the old one from the reports folder.")
        case let .packageMismatch(file, line):
            return language.pick(
                de: "\(file), Zeile \(line): Die geschriebene Datei enthält nicht die Zahlen, die veröffentlicht werden sollten; das Paket wurde nicht geschrieben.",
                en: "\(file), line \(line): the file written does not hold what was to be published; the package was not written.")
        case .notAFederationFolder(let path):
            return language.pick(de: "\(path) ist kein Ordner gesammelter Mitgliedsberichte (federation.json fehlt oder ist ungültig).",
                                 en: "\(path) is not a folder of collected member reports (federation.json is missing or invalid).")
        }
    }
}
