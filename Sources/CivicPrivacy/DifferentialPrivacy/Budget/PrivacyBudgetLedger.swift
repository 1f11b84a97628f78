import CivicModels
import Crypto
import Foundation

/// Why a differentially private release was refused.
public enum BudgetError: Error, Equatable, Sendable {
    /// The query would spend more than is left.
    case exceeded(requested: Decimal, remaining: Decimal)
    /// The ledger file is missing and no budget was given to create it.
    case noLedger(path: String)
    /// The ledger exists with another total budget than the one given.
    case budgetMismatch(ledger: Decimal, given: Decimal)
    /// The ledger file cannot be read or written.
    case unreadable(path: String, reason: String)
    /// A privacy parameter is not a positive decimal.
    case invalidEpsilon(String)
    /// The ledger was changed outside the ledger: an entry (counted from 1, 0 for
    /// the budget) does not carry the hash the chain requires, or holds an
    /// impossible value.
    case tampered(path: String, entry: Int)
}

extension BudgetError: LocalizedMessageError {
    public func message(in language: Language) -> String {
        // A decimal as German writes it: a comma before the fraction.
        func german(_ number: Decimal) -> String { "\(number)".replacingOccurrences(of: ".", with: ",") }
        switch self {
        case .exceeded(let requested, let remaining):
            return language.pick(
                de: "Abgelehnt: die Abfrage braucht ε = \(german(requested)), übrig sind nur \(german(remaining)). Es wurde nichts veröffentlicht.",
                en: "Refused: the query needs epsilon = \(requested) but only \(remaining) is left. Nothing was released.")
        case .noLedger(let path):
            return language.pick(de: "Das Budgetbuch \(path) gibt es nicht; zum Anlegen --budget angeben.",
                                 en: "The ledger \(path) does not exist; give --budget to create it.")
        case .budgetMismatch(let ledger, let given):
            return language.pick(
                de: "Das Budgetbuch hat ein Gesamtbudget von \(german(ledger)), nicht \(german(given)); es lässt sich nicht nachträglich ändern.",
                en: "The ledger's total budget is \(ledger), not \(given); it cannot be changed afterwards.")
        case .unreadable(let path, let reason):
            return language.pick(de: "Das Budgetbuch \(path) ist nicht lesbar: \(reason)",
                                 en: "The ledger \(path) cannot be read: \(reason)")
        case .tampered(let path, let entry):
            let place = entry == 0 ? ("das Gesamtbudget", "the total budget") : ("Eintrag \(entry)", "entry \(entry)")
            return language.pick(
                de: "Das Budgetbuch \(path) wurde von Hand geändert (\(place.0) passt nicht zur Prüfsummenkette oder ist unmöglich); es wird nicht verwendet. Die Sicherung wiederherstellen.",
                en: "The ledger \(path) was edited by hand (\(place.1) does not match the hash chain or is impossible); it is not used. Restore the backup.")
        case .invalidEpsilon(let text):
            return language.pick(de: "„\(text)“ ist kein gültiges ε (eine positive Dezimalzahl).",
                                 en: "'\(text)' is not a valid epsilon (a positive decimal).")
        }
    }
}


/// A privacy budget kept in a document: every differentially private release is
/// entered, and a release that would overspend is refused before anything is
/// published.
///
/// Pure epsilon-differential privacy composes by addition (C. Dwork and A. Roth,
/// "The Algorithmic Foundations of Differential Privacy", 2014, theorem 3.14), so
/// the ledger adds the epsilons, exactly, as decimals.
///
/// Each entry carries a SHA-256 hash over the previous entry's hash and its own
/// content, starting from the budget; a ledger whose chain does not match, or that
/// holds a budget or an epsilon of zero or less, is refused. This catches a hand
/// edit (a deleted or lowered entry gives budget back), not someone who recomputes
/// the chain: keep the ledger where only the data officer can write.
///
/// ```swift
/// let ledger = PrivacyBudgetLedger(store: LockedFile(url: URL(fileURLWithPath: "budget.json")))
/// let counts = try ledger.spend(epsilon: 0.5, query: "count by service", creatingWithBudget: 2) {
///     try NoisyCounts(table, column: "service", categories: services, epsilon: Rational(1, 2), bound: .row, using: &random)
/// }
/// ```
///
/// Where the ledger lives is the store's business (a `LockedDocumentStore` of CivicModels):
/// CivicStorage's `LockedFile` locks the file across processes from reading the
/// balance until the new balance is on disk and replaces it atomically, so two
/// processes sharing a ledger cannot overspend it and a crash leaves the old or the
/// new ledger; `InMemoryDocumentStore` serves tests. The release's result is handed
/// back only after the ledger is written.
public struct PrivacyBudgetLedger: Sendable {
    /// One release.
    public struct Entry: Codable, Sendable, Equatable {
        /// When it happened (ISO 8601).
        public var time: String
        /// What was asked (a description, never data).
        public var query: String
        /// What it cost.
        public var epsilon: Decimal
        /// SHA-256, in hex, over the previous entry's hash (or the budget's) and
        /// this entry's time, query and epsilon.
        public var hash: String
    }

    /// The ledger's content.
    public struct State: Codable, Sendable, Equatable {
        /// The total budget.
        public var budget: Decimal
        /// The releases so far.
        public var entries: [Entry]
        /// What has been spent.
        public var spent: Decimal { entries.reduce(Decimal(0)) { $0 + $1.epsilon } }
        /// What is left.
        public var remaining: Decimal { budget - spent }
    }

    /// Where the ledger is kept.
    public let store: any LockedDocumentStore

    /// The ledger in `store` (it need not hold one yet).
    public init(store: any LockedDocumentStore) { self.store = store }

    /// The ledger's content.
    public func state() throws(BudgetError) -> State {
        do {
            return try store.update { bytes in
                guard let bytes else { throw BudgetError.noLedger(path: store.location) }
                return (nil, try decode(bytes))
            }
        } catch let error as BudgetError {
            throw error
        } catch {
            throw .unreadable(path: store.location, reason: "\(error)")
        }
    }

    /// Runs `release` if `epsilon` fits in the remaining budget, enters it, and
    /// returns its result with the budget left. Creates the ledger with
    /// `creatingWithBudget` if it does not exist. Throws
    /// ``BudgetError/exceeded(requested:remaining:)`` without running `release`
    /// when the budget does not suffice; if `release` throws, nothing is entered.
    public func spend<Result>(
        epsilon: Decimal, query: String, creatingWithBudget budget: Decimal? = nil, release: () throws -> Result
    ) throws -> (result: Result, remaining: Decimal) {
        guard epsilon > 0 else { throw BudgetError.invalidEpsilon("\(epsilon)") }
        return try store.update { bytes in
            var current: State
            if let bytes {
                current = try decode(bytes)
                if let budget, budget != current.budget { throw BudgetError.budgetMismatch(ledger: current.budget, given: budget) }
            } else {
                guard let budget, budget > 0 else { throw BudgetError.noLedger(path: store.location) }
                current = State(budget: budget, entries: [])
            }
            guard epsilon <= current.remaining else {
                throw BudgetError.exceeded(requested: epsilon, remaining: current.remaining)
            }
            let result = try release()
            let time = ISO8601DateFormatter().string(from: Date())
            let previous = current.entries.last?.hash ?? Self.chainStart(budget: current.budget)
            current.entries.append(Entry(time: time, query: query, epsilon: epsilon,
                                         hash: Self.hash(after: previous, time: time, query: query, epsilon: epsilon)))
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            return (Array(try encoder.encode(current)), (result, current.remaining))
        }
    }

    private func decode(_ bytes: [UInt8]) throws(BudgetError) -> State {
        let state: State
        do {
            state = try JSONDecoder().decode(State.self, from: Foundation.Data(bytes))
        } catch {
            throw .unreadable(path: store.location, reason: "not a ledger (\(error))")
        }
        try validate(state)
        return state
    }

    /// Refuses a ledger whose chain does not match or that holds impossible values.
    private func validate(_ state: State) throws(BudgetError) {
        guard state.budget > 0, state.budget.isFinite else { throw .tampered(path: store.location, entry: 0) }
        var previous = Self.chainStart(budget: state.budget)
        for (index, entry) in state.entries.enumerated() {
            let expected = Self.hash(after: previous, time: entry.time, query: entry.query, epsilon: entry.epsilon)
            guard entry.epsilon > 0, entry.epsilon.isFinite, entry.hash == expected else {
                throw .tampered(path: store.location, entry: index + 1)
            }
            previous = expected
        }
        guard state.spent <= state.budget else { throw .tampered(path: store.location, entry: state.entries.count) }
    }

    /// The chain's first link: the hash of the budget.
    static func chainStart(budget: Decimal) -> String {
        hex(SHA256.hash(data: Array("civic-privacy-ledger\nbudget \(budget)".utf8)))
    }

    /// The hash of an entry that follows the entry (or start) hashed `previous`.
    static func hash(after previous: String, time: String, query: String, epsilon: Decimal) -> String {
        // Each field on its own line, lengths first, so no two entries share a text.
        let text = [previous, time, "\(query.utf8.count):\(query)", "\(epsilon)"].joined(separator: "\n")
        return hex(SHA256.hash(data: Array(text.utf8)))
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}
