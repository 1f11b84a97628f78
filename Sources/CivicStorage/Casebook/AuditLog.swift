import CivicModels
import Crypto
import Foundation
import GRDB

/// One entry of a casebook's audit log: who changed which record when, and how,
/// but never the values (GDPR Art. 5(2) accountability without a second copy of
/// the data).
///
/// Each entry carries the SHA-256 of the one before it, so the entries form a chain:
/// editing, removing or reordering any entry breaks every hash after it, which
/// ``Casebook/verifyAudit()`` finds.
public struct AuditEntry: Sendable, Hashable, Codable {
    /// The entry's place in the log, counting from 1.
    public let sequence: Int64
    /// When, as ISO 8601 in UTC.
    public let at: String
    /// Who (the login name the casebook was opened with).
    public let actor: String
    /// What kind of change.
    public let action: Action
    /// What kind of record.
    public let recordKind: RecordKind
    /// The record's row id in its table (not the organisation's number for it, which
    /// could identify a person after the record is erased); `nil` for changes of
    /// many records, such as an import.
    public let recordID: Int64?
    /// Which fields changed, or counts; never a value.
    public let detail: String?
    /// The hash of the entry before (64 zeros for the first).
    public let previousHash: String
    /// This entry's hash.
    public let hash: String

    /// Kinds of change.
    public enum Action: String, Sendable, CaseIterable, Codable {
        /// A record was added.
        case create
        /// A record was changed.
        case update
        /// A record was deleted.
        case delete
        /// Records were imported from a file.
        case `import`
        /// Records were exported for a purpose.
        case export
        /// Retention rules were applied.
        case retention
        /// Everything about a person was given to them (GDPR Art. 15).
        case subjectAccess = "subject-access"
        /// A person was erased (GDPR Art. 17).
        case erasure
    }

    /// Kinds of record.
    public enum RecordKind: String, Sendable, CaseIterable, Codable {
        case organisation, person, `case`, contact, consent, donation, shift, survey, retentionRule = "retention-rule"
    }

    /// The text the hash covers: every field but the hash, separated by a unit separator.
    /// An entry as stored; ``hash`` is whatever the store holds (checked by verification).
    package init(sequence: Int64, at: String, actor: String, action: Action, recordKind: RecordKind, recordID: Int64?,
                 detail: String?, previousHash: String, hash: String) {
        self.sequence = sequence
        self.at = at
        self.actor = actor
        self.action = action
        self.recordKind = recordKind
        self.recordID = recordID
        self.detail = detail
        self.previousHash = previousHash
        self.hash = hash
    }

    package var hashedText: String {
        [String(sequence), at, actor, action.rawValue, recordKind.rawValue, recordID.map(String.init) ?? "",
         detail ?? "", previousHash].joined(separator: "\u{1F}")
    }

    /// The SHA-256 of ``hashedText``, in hexadecimal.
    package var computedHash: String { sha256Hex(Array(hashedText.utf8)) }
}

/// What ``Casebook/verifyAudit()`` found.
public struct AuditVerification: Sendable, Hashable {
    /// How many entries the log holds.
    public let entries: Int
    /// The hash of the last entry: note it down (in the annual report, with the data
    /// officer) to find a log whose newest entries were cut off later.
    public let headHash: String
    /// The sequence numbers of the first entries that do not fit the chain, with why.
    public let problems: [Problem]

    /// Whether the chain is whole.
    public var isIntact: Bool { problems.isEmpty }

    /// An entry that does not fit the chain.
    public struct Problem: Sendable, Hashable {
        /// The entry's sequence number.
        public let sequence: Int64
        /// What is wrong with it.
        public let kind: Kind

        /// What can be wrong with an entry.
        public enum Kind: String, Sendable, Hashable {
            /// Its content does not match its own hash: it was edited.
            case edited
            /// It does not point to the entry before it: one was removed, inserted or moved.
            case brokenLink = "broken-link"
            /// Its sequence number skips: entries before it were removed.
            case gap
        }

        /// Creates a problem report (for comparing in tests and tools).
        public init(sequence: Int64, kind: Kind) {
            self.sequence = sequence
            self.kind = kind
        }
    }
}

/// The SHA-256 of `bytes` as 64 lower-case hexadecimal digits.
package func sha256Hex(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var text = [UInt8]()
    text.reserveCapacity(64)
    for byte in SHA256.hash(data: bytes) {
        text.append(digits[Int(byte >> 4)])
        text.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: text, as: UTF8.self)
}

/// Appending to and checking the audit chain.
package enum AuditLog {
    /// The previous hash of the first entry.
    package static let genesisHash = String(repeating: "0", count: 64)

    /// Appends an entry after the newest one, inside the caller's transaction.
    static func append(_ action: AuditEntry.Action, _ kind: AuditEntry.RecordKind, recordID: Int64?, detail: String?,
                       actor: String, in db: Database, now: Date = Date()) throws {
        let last = try Row.fetchOne(db.cachedStatement(sql: "SELECT sequence, hash FROM audit_log ORDER BY sequence DESC LIMIT 1"))
        let entry = AuditEntry(
            sequence: (last?["sequence"] as Int64? ?? 0) + 1, at: timestamp(now), actor: actor, action: action,
            recordKind: kind, recordID: recordID, detail: detail, previousHash: last?["hash"] ?? genesisHash, hash: "")
        try db.cachedStatement(sql: """
            INSERT INTO audit_log (sequence, at, actor, action, record_kind, record_id, detail, previous_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [entry.sequence, entry.at, entry.actor, entry.action.rawValue, entry.recordKind.rawValue,
                             entry.recordID, entry.detail, entry.previousHash, entry.computedHash])
    }

    /// Every entry in sequence order. An entry whose action or kind this version does
    /// not know is read with its text kept in `detail` and fails verification.
    static func entries(in db: Database) throws -> [(entry: AuditEntry, known: Bool)] {
        try Row.fetchAll(db, sql: "SELECT * FROM audit_log ORDER BY sequence").map { row in
            let action = AuditEntry.Action(rawValue: row["action"])
            let kind = AuditEntry.RecordKind(rawValue: row["record_kind"])
            let entry = AuditEntry(sequence: row["sequence"], at: row["at"], actor: row["actor"],
                                   action: action ?? .update, recordKind: kind ?? .person, recordID: row["record_id"],
                                   detail: row["detail"], previousHash: row["previous_hash"], hash: row["hash"])
            return (entry, action != nil && kind != nil)
        }
    }

    /// Walks the chain from the first entry and reports every entry that breaks it.
    static func verify(in db: Database) throws -> AuditVerification {
        verify(try entries(in: db))
    }

    /// Checks a chain of entries in order of their sequence; `known` is whether the
    /// stored action and record kind were ones this version knows.
    package static func verify(_ all: [(entry: AuditEntry, known: Bool)]) -> AuditVerification {
        var problems: [AuditVerification.Problem] = []
        var previousHash = genesisHash
        var expectedSequence: Int64 = 1
        for (entry, known) in all {
            if entry.sequence != expectedSequence { problems.append(.init(sequence: entry.sequence, kind: .gap)) }
            if entry.previousHash != previousHash { problems.append(.init(sequence: entry.sequence, kind: .brokenLink)) }
            if !known || entry.computedHash != entry.hash { problems.append(.init(sequence: entry.sequence, kind: .edited)) }
            previousHash = entry.hash
            expectedSequence = entry.sequence + 1
        }
        return AuditVerification(entries: all.count, headHash: previousHash, problems: problems)
    }

    /// `now` as ISO 8601 in UTC, to the second (`2026-11-30T23:59:00Z`). Written out
    /// by hand: a batch of consents appends hundreds of thousands of entries, and
    /// making a date formatter for each took most of that time.
    package static func timestamp(_ now: Date) -> String {
        let seconds = Int(now.timeIntervalSince1970.rounded(.down))
        let (days, time) = (seconds.quotientAndRemainder(dividingBy: 86_400))
        let (day, secondOfDay) = time < 0 ? (days - 1, time + 86_400) : (days, time)
        let clock = [secondOfDay / 3600, secondOfDay / 60 % 60, secondOfDay % 60]
            .map { $0 < 10 ? "0\($0)" : "\($0)" }.joined(separator: ":")
        return CivicDate(daysSinceEpoch: Int32(day)).isoString + "T" + clock + "Z"
    }
}

extension Casebook {
    /// Checks the audit chain: every entry's hash, its link to the one before, and the
    /// sequence without gaps.
    public func verifyAudit() throws -> AuditVerification {
        try database.read { db in try AuditLog.verify(in: db) }
    }

    /// The audit log, oldest entry first.
    public func auditEntries() throws -> [AuditEntry] {
        try database.read { db in try AuditLog.entries(in: db).map(\.entry) }
    }
}
