import CivicModels
import Foundation
import GRDB

/// Donations, volunteer shifts and surveys.
extension Casebook {
    /// Records a donation; a donor, if named, must be a person in the casebook and
    /// gets the donor role.
    public func add(_ donation: Donation) throws {
        try audited(.create, .donation) { db in
            let donor = try donation.donorID.map { try Self.requirePerson($0, in: db) }
            if let donor { try Self.saveRoles([.donor], of: donor, in: db) }
            try db.execute(sql: """
                INSERT INTO donations (donation_number, donor_id, amount_cents, date, purpose, receipt_issued)
                VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [donation.donationID, donor, donation.amountCents, donation.date.isoString,
                                 donation.purpose, donation.receiptIssued?.isoString])
            return db.lastInsertedRowID
        }
    }

    /// Every donation, or those of one donor, oldest first.
    public func donations(of personID: String? = nil) throws -> [Donation] {
        try database.read { db in
            let condition = personID == nil ? "1" : "p.person_number = ?"
            return try Row.fetchAll(db, sql: """
                SELECT d.*, p.person_number FROM donations d LEFT JOIN persons p ON p.id = d.donor_id
                WHERE \(condition) ORDER BY d.date, d.donation_number
                """, arguments: personID.map { [$0] } ?? []).map { row in
                Donation(donationID: row["donation_number"], donorID: row["person_number"], amountCents: row["amount_cents"],
                         date: Self.date(row["date"])!, purpose: row["purpose"], receiptIssued: Self.date(row["receipt_issued"]))
            }
        }
    }

    /// Records a volunteer's shift; the person gets the volunteer role.
    public func add(_ shift: VolunteerShift) throws {
        try audited(.create, .shift) { db in
            let person = try Self.requirePerson(shift.personID, in: db)
            try Self.saveRoles([.volunteer], of: person, in: db)
            try db.execute(sql: """
                INSERT INTO volunteer_shifts (shift_number, person_id, date, quarter_hours, activity) VALUES (?, ?, ?, ?, ?)
                """, arguments: [shift.shiftID, person, shift.date.isoString, shift.quarterHours, shift.activity])
            return db.lastInsertedRowID
        }
    }

    /// Every shift, or those of one volunteer, oldest first.
    public func shifts(of personID: String? = nil) throws -> [VolunteerShift] {
        try database.read { db in
            let condition = personID == nil ? "1" : "p.person_number = ?"
            return try Row.fetchAll(db, sql: """
                SELECT s.*, p.person_number FROM volunteer_shifts s JOIN persons p ON p.id = s.person_id
                WHERE \(condition) ORDER BY s.date, s.shift_number
                """, arguments: personID.map { [$0] } ?? []).map { row in
                VolunteerShift(shiftID: row["shift_number"], personID: row["person_number"], date: Self.date(row["date"])!,
                               quarterHours: row["quarter_hours"], activity: row["activity"])
            }
        }
    }

    /// Defines (or redefines) a survey question.
    public func add(_ question: SurveyQuestion) throws {
        try audited(.create, .survey) { db in
            try db.execute(sql: """
                INSERT INTO survey_questions (survey, question, text, kind, choices) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (survey, question) DO UPDATE SET text = excluded.text, kind = excluded.kind,
                    choices = excluded.choices
                """, arguments: [question.surveyID, question.questionID, question.text, question.kind.rawValue,
                                 question.choices.isEmpty ? nil : question.choices.joined(separator: " | ")])
            return try Int64.fetchOne(db, sql: "SELECT rowid FROM survey_questions WHERE survey = ? AND question = ?",
                                      arguments: [question.surveyID, question.questionID]) ?? 0
        }
    }

    /// Records an answer to a defined question; a choice answer must be one of the choices.
    public func add(_ response: SurveyResponse) throws {
        try audited(.create, .survey) { db in
            guard let question = try Row.fetchOne(db, sql: "SELECT kind, choices FROM survey_questions WHERE survey = ? AND question = ?",
                                                  arguments: [response.surveyID, response.questionID]) else {
                throw CasebookError.noSuchRecord(.survey)
            }
            if question["kind"] == SurveyQuestion.Kind.choice.rawValue, let answer = response.answer {
                let choices = (question["choices"] as String? ?? "").components(separatedBy: " | ")
                guard choices.contains(answer) else { throw CasebookError.rejected(table: "survey_responses", field: "answer", rule: .check) }
            }
            let person = try response.personID.map { try Self.requirePerson($0, in: db) }
            try db.execute(sql: """
                INSERT INTO survey_responses (survey, respondent, person_id, question, answer, submitted)
                VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [response.surveyID, response.respondentID, person, response.questionID, response.answer,
                                 response.submitted.isoString])
            return db.lastInsertedRowID
        }
    }

    /// The answers of one person, or of everyone, by survey and question.
    public func surveyResponses(of personID: String? = nil) throws -> [SurveyResponse] {
        try database.read { db in
            let condition = personID == nil ? "1" : "p.person_number = ?"
            return try Row.fetchAll(db, sql: """
                SELECT r.*, p.person_number FROM survey_responses r LEFT JOIN persons p ON p.id = r.person_id
                WHERE \(condition) ORDER BY r.survey, r.respondent, r.question
                """, arguments: personID.map { [$0] } ?? []).map { row in
                SurveyResponse(surveyID: row["survey"], respondentID: row["respondent"], personID: row["person_number"],
                               questionID: row["question"], answer: row["answer"], submitted: Self.date(row["submitted"])!)
            }
        }
    }
}
