import CivicModels
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
}

extension BudgetError: LocalizedMessageError {
    public func message(in language: Language) -> String {
        switch self {
        case .exceeded(let requested, let remaining):
            return language.pick(
                de: "Abgelehnt: die Abfrage braucht ε = \(requested), übrig sind nur \(remaining). Es wurde nichts veröffentlicht.",
                en: "Refused: the query needs epsilon = \(requested) but only \(remaining) is left. Nothing was released.")
        case .noLedger(let path):
            return language.pick(de: "Das Budgetbuch \(path) gibt es nicht; zum Anlegen --budget angeben.",
                                 en: "The ledger \(path) does not exist; give --budget to create it.")
        case .budgetMismatch(let ledger, let given):
            return language.pick(
                de: "Das Budgetbuch hat ein Gesamtbudget von \(ledger), nicht \(given); es lässt sich nicht nachträglich ändern.",
                en: "The ledger's total budget is \(ledger), not \(given); it cannot be changed afterwards.")
        case .unreadable(let path, let reason):
            return language.pick(de: "Das Budgetbuch \(path) ist nicht lesbar: \(reason)",
                                 en: "The ledger \(path) cannot be read: \(reason)")
        case .invalidEpsilon(let text):
            return language.pick(de: "„\(text)“ ist kein gültiges ε (eine positive Dezimalzahl).",
                                 en: "'\(text)' is not a valid epsilon (a positive decimal).")
        }
    }
}


/// A privacy budget kept in a file: every differentially private release is
/// entered, and a release that would overspend is refused before anything is
/// published.
///
/// Pure epsilon-differential privacy composes by addition (C. Dwork and A. Roth,
/// "The Algorithmic Foundations of Differential Privacy", 2014, theorem 3.14), so
/// the ledger adds the epsilons, exactly, as decimals.
///
/// ```swift
/// let ledger = PrivacyBudgetLedger(url: URL(fileURLWithPath: "budget.json"))
/// let counts = try ledger.spend(epsilon: 0.5, query: "count by service", creatingWithBudget: 2) {
///     try NoisyCounts(table, column: "service", categories: services, epsilon: Rational(1, 2), using: &random)
/// }
/// ```
///
/// Two processes sharing a ledger cannot overspend it: `spend` holds an exclusive
/// lock (`flock`) on a companion `.lock` file from reading the balance until the
/// new balance is on disk, and writes the ledger to a temporary file moved into
/// place, so a crash leaves the old or the new ledger, never half of one. The
/// release's result is handed back only after the ledger is written.
public struct PrivacyBudgetLedger: Sendable {
    /// One release.
    public struct Entry: Codable, Sendable, Equatable {
        /// When it happened (ISO 8601).
        public var time: String
        /// What was asked (a description, never data).
        public var query: String
        /// What it cost.
        public var epsilon: Decimal
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

    /// The ledger file.
    public let url: URL

    /// The ledger at `url` (it need not exist yet).
    public init(url: URL) { self.url = url }

    /// The ledger's content.
    public func state() throws(BudgetError) -> State {
        guard let data = FileManager.default.contents(atPath: url.path) else { throw .noLedger(path: url.path) }
        do {
            return try JSONDecoder().decode(State.self, from: data)
        } catch {
            throw .unreadable(path: url.path, reason: "\(error)")
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
        let lockPath = url.path + ".lock"
        let descriptor = open(lockPath, O_CREAT | O_RDWR, 0o600)
        guard descriptor >= 0 else { throw BudgetError.unreadable(path: lockPath, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_EX) == 0 else {
            throw BudgetError.unreadable(path: lockPath, reason: String(cString: strerror(errno)))
        }
        defer { flock(descriptor, LOCK_UN) }

        var current: State
        do {
            current = try state()
            if let budget, budget != current.budget { throw BudgetError.budgetMismatch(ledger: current.budget, given: budget) }
        } catch BudgetError.noLedger(let path) {
            guard let budget, budget > 0 else { throw BudgetError.noLedger(path: path) }
            current = State(budget: budget, entries: [])
        }
        guard epsilon <= current.remaining else {
            throw BudgetError.exceeded(requested: epsilon, remaining: current.remaining)
        }
        let result = try release()
        current.entries.append(Entry(time: ISO8601DateFormatter().string(from: Date()), query: query, epsilon: epsilon))
        try write(current)
        return (result, current.remaining)
    }

    /// Writes the ledger through a temporary file in the same folder, synced, then renamed.
    private func write(_ state: State) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(state)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: data,
                                             attributes: [.posixPermissions: 0o600]) else {
            throw BudgetError.unreadable(path: temporary.path, reason: "cannot create")
        }
        let handle = try FileHandle(forWritingTo: temporary)
        try handle.synchronize()
        try handle.close()
        guard rename(temporary.path, url.path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw BudgetError.unreadable(path: url.path, reason: String(cString: strerror(errno)))
        }
    }
}
