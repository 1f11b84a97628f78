import CivicModels
import GRDB

/// Consents: given, withdrawn, and asked for by purpose (GDPR Art. 7).
extension Casebook {
    /// Records a consent a person gave.
    public func giveConsent(_ consent: Consent) throws {
        try giveConsents([consent])
    }

    /// Records many consents at once (from a batch of signed forms), all or nothing,
    /// with one audit entry each.
    public func giveConsents(_ consents: [Consent]) throws {
        try write { db in
            let insert = try db.makeStatement(sql: """
                INSERT INTO consents (consent_number, person_id, purpose, legal_basis, given, withdrawn)
                VALUES (?, ?, ?, ?, ?, ?)
                """)
            for consent in consents {
                let person = try Self.requirePerson(consent.personID, in: db)
                guard try Int64.fetchOne(db, sql: "SELECT id FROM consents WHERE consent_number = ?",
                                         arguments: [consent.consentID]) == nil else {
                    throw CasebookError.duplicate(.consent, field: "consent_number")
                }
                try insert.execute(arguments: [consent.consentID, person, consent.purpose, consent.legalBasis.rawValue,
                                               consent.given.isoString, consent.withdrawn?.isoString])
                try AuditLog.append(.create, .consent, recordID: db.lastInsertedRowID, detail: "purpose: \(consent.purpose)",
                                    actor: actor, in: db)
            }
        }
    }

    /// Records that a person withdrew a consent on `day`. From that day on, the
    /// person is left out of everything that needs the consent: ``monthlyCases(on:)``
    /// and ``exportForStatistics(to:purpose:on:)`` for the statistics purpose.
    public func withdrawConsent(_ consentID: String, on day: CivicDate) throws {
        try audited(.update, .consent, detail: "fields: withdrawn") { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT id, given, withdrawn FROM consents WHERE consent_number = ?",
                                             arguments: [consentID]) else {
                throw CasebookError.noSuchRecord(.consent)
            }
            // A withdrawal stands: a second one must not move it later and count the
            // person again for the days in between.
            guard row["withdrawn"] == nil as String? else { throw CasebookError.alreadyWithdrawn }
            let id: Int64 = row["id"]
            try db.execute(sql: "UPDATE consents SET withdrawn = ? WHERE id = ?", arguments: [day.isoString, id])
            return id
        }
    }

    /// Every consent, or the consents of one person.
    public func consents(of personID: String? = nil) throws -> [Consent] {
        try database.read { db in
            let condition = personID == nil ? "1" : "p.person_number = ?"
            return try Row.fetchAll(db, sql: """
                SELECT k.*, p.person_number FROM consents k JOIN persons p ON p.id = k.person_id
                WHERE \(condition) ORDER BY k.consent_number
                """, arguments: personID.map { [$0] } ?? []).map { row in
                Consent(consentID: row["consent_number"], personID: row["person_number"], purpose: row["purpose"],
                        legalBasis: Consent.LegalBasis(rawValue: row["legal_basis"]) ?? .consent,
                        given: Self.date(row["given"])!, withdrawn: Self.date(row["withdrawn"]))
            }
        }
    }

    /// SQL that is true for a person row `alias` with a consent in force for the
    /// purpose bound to `:purpose`, on the day bound to `:day`.
    static func consentHolds(_ alias: String) -> String {
        """
        EXISTS (SELECT 1 FROM consents k WHERE k.person_id = \(alias).id AND k.purpose = :purpose \
        AND k.given <= :day AND (k.withdrawn IS NULL OR k.withdrawn > :day))
        """
    }
}
