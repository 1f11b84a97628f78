/// One question of a survey, defined once and answered many times.
public struct SurveyQuestion: CivilSocietyRecord, Hashable, Codable {
    /// The survey.
    public var surveyID: String
    /// The question's identifier within the survey (`q1`, `zufriedenheit`, ...).
    public var questionID: String
    /// The question as respondents read it.
    public var text: String
    /// What kind of answer it takes.
    public var kind: Kind
    /// The allowed answers of a choice question, in order.
    public var choices: [String]

    /// What kind of answer a question takes.
    public enum Kind: String, Sendable, CaseIterable, Codable {
        /// A number on a scale (1 to 5, ...).
        case scale
        /// One of ``SurveyQuestion/choices``.
        case choice
        /// Free text.
        case text
    }

    /// Creates a question.
    public init(surveyID: String, questionID: String, text: String, kind: Kind, choices: [String] = []) {
        self.surveyID = surveyID
        self.questionID = questionID
        self.text = text
        self.kind = kind
        self.choices = choices
    }

    public static let tableName = "survey_questions"
    public static let schema = Schema(fields: [
        Field("survey_id", type: .string, title: "Umfrage", constraints: FieldConstraints(required: true)),
        Field("question_id", type: .string, title: "Frage", constraints: FieldConstraints(required: true)),
        Field("text", type: .string, title: "Fragetext", constraints: FieldConstraints(required: true)),
        Field.category("kind", Kind.allCases.map(\.rawValue), role: .insensitive, title: "Art"),
        Field("choices", type: .string, title: "Antwortmöglichkeiten", description: "Separated by ' | '."),
    ], primaryKey: ["survey_id", "question_id"])

    public var values: [Value] {
        [.text(surveyID), .text(questionID), .text(text), .text(kind.rawValue),
         .text(choices.isEmpty ? nil : choices.joined(separator: " | "))]
    }
}

/// One answer to one question of a survey (long format: a row per answer).
public struct SurveyResponse: CivilSocietyRecord, Hashable, Codable {
    /// The survey.
    public var surveyID: String
    /// The respondent: a number the survey gave, unique within it.
    public var respondentID: String
    /// The person who answered, when the survey was not anonymous.
    public var personID: String?
    /// The question's identifier.
    public var questionID: String
    /// The answer as given: a scale value, a choice or free text.
    public var answer: String?
    /// The day the answer was given.
    public var submitted: CivicDate

    /// Creates a survey response.
    public init(surveyID: String, respondentID: String, personID: String? = nil, questionID: String, answer: String?,
                submitted: CivicDate) {
        self.surveyID = surveyID
        self.respondentID = respondentID
        self.personID = personID
        self.questionID = questionID
        self.answer = answer
        self.submitted = submitted
    }

    public static let tableName = "survey_responses"
    public static let schema = Schema(fields: [
        Field("survey_id", type: .string, title: "Umfrage", constraints: FieldConstraints(required: true)),
        Field.pseudonym("respondent_id", title: "Teilnehmende:r"),
        Field("person_id", type: .string, role: .pseudonym, title: "Personennummer"),
        Field("question_id", type: .string, title: "Frage", constraints: FieldConstraints(required: true)),
        Field("answer", type: .string, role: .sensitive, title: "Antwort"),
        Field("submitted", type: .date, role: .quasiIdentifier, title: "Eingang", constraints: FieldConstraints(required: true)),
    ], primaryKey: ["survey_id", "respondent_id", "question_id"])

    public var values: [Value] {
        [.text(surveyID), .text(respondentID), .text(personID), .text(questionID), .text(answer), .date(submitted)]
    }
}
