import CivicModels
import GRDB

/// Persons and their roles.
extension Casebook {
    /// Adds a person.
    ///
    /// - Throws: ``CasebookError/duplicate(_:field:)`` when the number is taken, or
    ///   ``CasebookError/rejected(table:field:rule:)`` naming a field that breaks its rule.
    public func add(_ person: Person) throws {
        try audited(.create, .person) { db in
            guard try Self.personRowID(person.personID, in: db) == nil else {
                throw CasebookError.duplicate(.person, field: "person_number")
            }
            try db.execute(sql: """
                INSERT INTO persons (person_number, name, birth_date, gender, zip, district, nationality, household_size)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: Self.personArguments(person))
            let id = db.lastInsertedRowID
            try Self.saveRoles(person.roles, of: id, in: db)
            return id
        }
    }

    /// Replaces the stored details of the person with `person.personID`; the audit
    /// entry names the fields that changed.
    public func update(_ person: Person) throws {
        guard let before = try self.person(person.personID) else { throw CasebookError.noSuchRecord(.person) }
        let changed = Self.changedFields(Person.schema, before.values, person.values)
        try audited(.update, .person, detail: changed) { db in
            let id = try Self.requirePerson(person.personID, in: db)
            try db.execute(sql: """
                UPDATE persons SET person_number = ?, name = ?, birth_date = ?, gender = ?, zip = ?, district = ?,
                    nationality = ?, household_size = ? WHERE id = ?
                """, arguments: Self.personArguments(person) + [id])
            try db.execute(sql: "DELETE FROM person_roles WHERE person_id = ?", arguments: [id])
            try Self.saveRoles(person.roles, of: id, in: db)
            return id
        }
    }

    /// The person with this number, or `nil`.
    public func person(_ personID: String) throws -> Person? {
        try database.read { db in
            try Self.persons(in: db, where: "person_number = ?", [personID]).first
        }
    }

    /// Every person, or those with `role`, in order of their numbers.
    public func persons(withRole role: Person.Role? = nil) throws -> [Person] {
        try database.read { db in
            guard let role else { return try Self.persons(in: db, where: "1", []) }
            return try Self.persons(in: db, where: "id IN (SELECT person_id FROM person_roles WHERE role = ?)",
                                    [role.rawValue])
        }
    }

    // MARK: - Rows

    static func persons(in db: Database, where condition: String, _ arguments: StatementArguments) throws -> [Person] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT p.*, (SELECT group_concat(role) FROM person_roles WHERE person_id = p.id) AS roles
            FROM persons p WHERE \(condition) ORDER BY person_number
            """, arguments: arguments)
        return rows.map { row in
            let roles = (row["roles"] as String?)?.split(separator: ",").compactMap { Person.Role(rawValue: String($0)) }
            return Person(personID: row["person_number"], name: row["name"], birthDate: date(row["birth_date"]),
                          gender: (row["gender"] as String?).flatMap(Gender.init(rawValue:)), zip: row["zip"],
                          district: row["district"], nationality: row["nationality"],
                          householdSize: row["household_size"], roles: Set(roles ?? []))
        }
    }

    static func personArguments(_ person: Person) -> StatementArguments {
        [person.personID, person.name, person.birthDate?.isoString, person.gender?.rawValue, person.zip,
         person.district, person.nationality, person.householdSize]
    }

    static func saveRoles(_ roles: Set<Person.Role>, of id: Int64, in db: Database) throws {
        for role in roles.sorted() {
            try db.execute(sql: "INSERT OR IGNORE INTO person_roles (person_id, role) VALUES (?, ?)",
                           arguments: [id, role.rawValue])
        }
    }

    /// The row id of the person with this number, or `nil`.
    static func personRowID(_ personID: String, in db: Database) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT id FROM persons WHERE person_number = ?", arguments: [personID])
    }

    /// The row id of the person with this number.
    static func requirePerson(_ personID: String, in db: Database) throws -> Int64 {
        guard let id = try personRowID(personID, in: db) else { throw CasebookError.noSuchRecord(.person) }
        return id
    }

    /// A date read from ISO text.
    static func date(_ text: String?) -> CivicDate? { text.flatMap { CivicDate(iso: $0) } }

    /// The names of the fields whose values differ, for an audit entry ("fields: zip, district").
    package static func changedFields(_ schema: Schema, _ before: [Value], _ after: [Value]) -> String {
        let names = zip(schema.fields, zip(before, after)).filter { $1.0 != $1.1 }.map(\.0.name)
        return "fields: " + (names.isEmpty ? "none" : names.joined(separator: ", "))
    }
}
