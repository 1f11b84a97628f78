/// One answer to one question of a survey (long format: a row per answer).
public struct SurveyResponse: CivilSocietyRecord, Hashable {
    /// The survey.
    public var surveyID: String
    /// The respondent, pseudonymous or a client number.
    public var respondentID: String
    /// The question's identifier (`q1`, `zufriedenheit`, ...).
    public var questionID: String
    /// The answer as given: a scale value, a choice or free text.
    public var answer: String?
    /// The day the answer was given.
    public var submitted: CivicDate

    /// Creates a survey response.
    public init(surveyID: String, respondentID: String, questionID: String, answer: String?, submitted: CivicDate) {
        self.surveyID = surveyID
        self.respondentID = respondentID
        self.questionID = questionID
        self.answer = answer
        self.submitted = submitted
    }

    public static let tableName = "survey_responses"
    public static let schema = Schema(fields: [
        Field("survey_id", type: .string, title: "Umfrage", constraints: FieldConstraints(required: true)),
        Field.identifier("respondent_id", title: "Teilnehmende:r"),
        Field("question_id", type: .string, title: "Frage", constraints: FieldConstraints(required: true)),
        Field("answer", type: .string, role: .sensitive, title: "Antwort"),
        Field("submitted", type: .date, title: "Eingang", constraints: FieldConstraints(required: true)),
    ], primaryKey: ["survey_id", "respondent_id", "question_id"])

    public var values: [Value] {
        [.text(surveyID), .text(respondentID), .text(questionID), .text(answer), .date(submitted)]
    }
}
