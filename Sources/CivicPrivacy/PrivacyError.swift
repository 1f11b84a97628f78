import CivicModels
import Foundation

/// Why a privacy computation could not run.
public enum PrivacyError: Error, Equatable, Sendable {
    /// The table has no column of this name.
    case unknownColumn(String)
}

extension PrivacyError: LocalizedMessageError {
    public func message(in language: Language) -> String {
        switch self {
        case .unknownColumn(let name):
            return language.pick(de: "Es gibt keine Spalte „\(name)“.", en: "There is no column '\(name)'.")
        }
    }
}
