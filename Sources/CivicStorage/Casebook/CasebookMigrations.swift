import GRDB

/// The casebook's database schema, one migration per released version.
///
/// Every migration is written out as SQL and never edited once released: a database
/// made by any earlier version must migrate to the current one (a test opens a
/// database of each earlier version, kept as an SQL dump in the test fixtures, and
/// migrates it). A change to the schema gets a new migration at the end.
///
/// Conventions: every table has an integer `id` that the audit log and foreign keys
/// use; the organisation's own numbers (`person_number`, `case_number`, ...) are
/// unique text. Dates are ISO text (`YYYY-MM-DD`). A `CHECK` constraint is named
/// after its column, so that SQLite's message names the field and never the value.
/// The tables whose row ids the audit log names for one person's records (persons,
/// cases, contacts, consents) hand out every id once only (`AUTOINCREMENT`, since
/// version 3).
///
/// Package access lets the tests bring a file to an earlier version, as an earlier
/// release left it, before the casebook opens it.
package enum CasebookMigrations {
    /// The migrator with every version, oldest first.
    package static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration(version1) { db in try db.execute(sql: version1SQL) }
        migrator.registerMigration(version2) { db in try db.execute(sql: version2SQL) }
        // Version 3 drops and rebuilds tables that others refer to. `.deferred` (GRDB's
        // default, spelled out because this migration depends on it) turns foreign keys
        // off before the migration's transaction begins (inside a transaction SQLite
        // ignores the pragma, and with them on, dropping `persons` would delete every
        // case by cascade), runs `PRAGMA foreign_key_check` before the commit, failing
        // the migration on any broken reference, and turns them on again afterwards:
        // steps 1, 2, 10, 11 and 12 of SQLite's procedure for other kinds of table
        // schema changes (https://www.sqlite.org/lang_altertable.html#otheralter).
        migrator.registerMigration(version3, foreignKeyChecks: .deferred) { db in try db.execute(sql: version3SQL) }
        return migrator
    }()

    /// The identifiers of the migrations, oldest first.
    package static let versions = [version1, version2, version3]

    /// The identifier of version 1 (see ``version1SQL``).
    package static let version1 = "v1 people, cases, consent, audit"
    /// The identifier of version 2 (see ``version2SQL``).
    package static let version2 = "v2 donations, volunteering, surveys, retention, erased and retired numbers"
    /// The identifier of version 3 (see ``version3SQL``).
    package static let version3 = "v3 row ids of persons, cases, contacts and consents never reused"

    /// Version 1: the organisation, persons and their roles, case files with contacts
    /// and status history, consents, and the audit log.
    static let version1SQL = """
        CREATE TABLE organisation (
            id INTEGER PRIMARY KEY CONSTRAINT id CHECK (id = 1),
            organisation_number TEXT NOT NULL,
            name TEXT NOT NULL,
            legal_form TEXT,
            city TEXT,
            privacy_contact TEXT
        );
        CREATE TABLE persons (
            id INTEGER PRIMARY KEY,
            person_number TEXT NOT NULL UNIQUE CONSTRAINT person_number CHECK (person_number <> ''),
            name TEXT NOT NULL CONSTRAINT name CHECK (name <> ''),
            birth_date TEXT CONSTRAINT birth_date
                CHECK (birth_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            gender TEXT CONSTRAINT gender CHECK (gender IN ('w', 'm', 'd')),
            zip TEXT CONSTRAINT zip CHECK (zip GLOB '[0-9][0-9][0-9][0-9][0-9]'),
            district TEXT,
            nationality TEXT,
            household_size INTEGER CONSTRAINT household_size CHECK (household_size BETWEEN 1 AND 30)
        );
        CREATE TABLE person_roles (
            person_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
            role TEXT NOT NULL CONSTRAINT role CHECK (role IN ('client', 'donor', 'volunteer')),
            PRIMARY KEY (person_id, role)
        ) WITHOUT ROWID;
        CREATE TABLE cases (
            id INTEGER PRIMARY KEY,
            case_number TEXT NOT NULL UNIQUE CONSTRAINT case_number CHECK (case_number <> ''),
            person_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
            service TEXT NOT NULL CONSTRAINT service CHECK (service <> ''),
            opened TEXT NOT NULL CONSTRAINT opened CHECK (opened GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            closed TEXT CONSTRAINT closed CHECK (closed >= opened),
            status TEXT NOT NULL
                CONSTRAINT status CHECK (status IN ('laufend', 'abgeschlossen', 'weitervermittelt', 'abgebrochen')),
            income_eur INTEGER CONSTRAINT income_eur CHECK (income_eur >= 0),
            duration_minutes INTEGER NOT NULL DEFAULT 0 CONSTRAINT duration_minutes CHECK (duration_minutes >= 0),
            contact_count INTEGER NOT NULL DEFAULT 0 CONSTRAINT contact_count CHECK (contact_count >= 0),
            notes TEXT
        );
        CREATE INDEX cases_by_person ON cases(person_id);
        CREATE TABLE case_contacts (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            date TEXT NOT NULL,
            minutes INTEGER NOT NULL CONSTRAINT minutes CHECK (minutes >= 0),
            kind TEXT NOT NULL CONSTRAINT kind CHECK (kind IN ('persoenlich', 'telefonisch', 'online', 'schriftlich'))
        );
        CREATE INDEX case_contacts_by_case ON case_contacts(case_id);
        CREATE TABLE case_status_history (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            date TEXT NOT NULL,
            status TEXT NOT NULL
                CONSTRAINT status CHECK (status IN ('laufend', 'abgeschlossen', 'weitervermittelt', 'abgebrochen'))
        );
        CREATE INDEX case_status_history_by_case ON case_status_history(case_id);
        CREATE TABLE consents (
            id INTEGER PRIMARY KEY,
            consent_number TEXT NOT NULL UNIQUE CONSTRAINT consent_number CHECK (consent_number <> ''),
            person_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
            purpose TEXT NOT NULL CONSTRAINT purpose CHECK (purpose <> ''),
            legal_basis TEXT NOT NULL CONSTRAINT legal_basis CHECK (legal_basis IN
                ('consent', 'contract', 'legal-obligation', 'vital-interests', 'public-task', 'legitimate-interests')),
            given TEXT NOT NULL,
            withdrawn TEXT CONSTRAINT withdrawn CHECK (withdrawn >= given)
        );
        CREATE INDEX consents_by_person ON consents(person_id, purpose);
        CREATE TABLE audit_log (
            sequence INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            record_kind TEXT NOT NULL,
            record_id INTEGER,
            detail TEXT,
            previous_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        """

    /// Version 2: donations, volunteer shifts, surveys, retention rules with their
    /// statistical residue, and the salted fingerprints of erased persons and of
    /// cases retention deleted (so that an old export cannot bring them back).
    static let version2SQL = """
        CREATE TABLE donations (
            id INTEGER PRIMARY KEY,
            donation_number TEXT NOT NULL UNIQUE CONSTRAINT donation_number CHECK (donation_number <> ''),
            donor_id INTEGER REFERENCES persons(id) ON DELETE SET NULL,
            amount_cents INTEGER NOT NULL CONSTRAINT amount_cents CHECK (amount_cents > 0),
            date TEXT NOT NULL,
            purpose TEXT,
            receipt_issued TEXT CONSTRAINT receipt_issued CHECK (receipt_issued >= date)
        );
        CREATE INDEX donations_by_donor ON donations(donor_id);
        CREATE TABLE volunteer_shifts (
            id INTEGER PRIMARY KEY,
            shift_number TEXT NOT NULL UNIQUE CONSTRAINT shift_number CHECK (shift_number <> ''),
            person_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
            date TEXT NOT NULL,
            quarter_hours INTEGER NOT NULL CONSTRAINT quarter_hours CHECK (quarter_hours BETWEEN 1 AND 96),
            activity TEXT NOT NULL
        );
        CREATE INDEX volunteer_shifts_by_person ON volunteer_shifts(person_id);
        CREATE TABLE survey_questions (
            survey TEXT NOT NULL,
            question TEXT NOT NULL,
            text TEXT NOT NULL,
            kind TEXT NOT NULL CONSTRAINT kind CHECK (kind IN ('scale', 'choice', 'text')),
            choices TEXT,
            PRIMARY KEY (survey, question)
        );
        CREATE TABLE survey_responses (
            id INTEGER PRIMARY KEY,
            survey TEXT NOT NULL,
            respondent TEXT NOT NULL,
            person_id INTEGER REFERENCES persons(id) ON DELETE CASCADE,
            question TEXT NOT NULL,
            answer TEXT,
            submitted TEXT NOT NULL,
            UNIQUE (survey, respondent, question),
            FOREIGN KEY (survey, question) REFERENCES survey_questions(survey, question)
        );
        CREATE INDEX survey_responses_by_person ON survey_responses(person_id);
        CREATE TABLE retention_rules (
            records TEXT PRIMARY KEY CONSTRAINT records CHECK (records IN
                ('cases', 'donations', 'withdrawn-consents', 'volunteer-shifts', 'survey-responses')),
            years INTEGER NOT NULL CONSTRAINT years CHECK (years >= 0),
            action TEXT NOT NULL CONSTRAINT action CHECK (action IN ('delete', 'anonymise')),
            reason TEXT
        );
        CREATE TABLE statistical_residue (
            kind TEXT NOT NULL,
            month TEXT NOT NULL,
            category TEXT NOT NULL,
            records INTEGER NOT NULL,
            amount INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (kind, month, category)
        ) WITHOUT ROWID;
        CREATE TABLE erased_persons (
            fingerprint TEXT PRIMARY KEY
        ) WITHOUT ROWID;
        CREATE TABLE retired_cases (
            fingerprint TEXT PRIMARY KEY
        ) WITHOUT ROWID;
        CREATE TABLE casebook_secret (
            id INTEGER PRIMARY KEY CONSTRAINT id CHECK (id = 1),
            salt BLOB NOT NULL
        );
        INSERT INTO casebook_secret (id, salt) VALUES (1, randomblob(32));
        """

    /// Version 3: persons, cases, contacts and consents get `AUTOINCREMENT`, so that a
    /// row id, once used, is never given to another record. The audit log names
    /// records by row id, and a subject-access answer picks a person's entries by the
    /// row ids of their records; with ids reused, a person added after an erasure
    /// received the erased person's history.
    ///
    /// SQLite cannot add `AUTOINCREMENT` to a table, so each of the four is rebuilt
    /// by its documented procedure (https://www.sqlite.org/lang_altertable.html#otheralter,
    /// steps 4 to 8; the migrator does the others, see ``migrator``): create the new
    /// table with the same columns and named constraints, copy the rows with their ids,
    /// drop the old table, give the new one its name, and create its indexes again.
    /// Nothing else changes: the tables that refer to these four name them and still
    /// do, the referring tables themselves are untouched, and no view or trigger
    /// refers to them. The tables are rebuilt parents first, so that each new table's
    /// references name a table that is there.
    ///
    /// Then each table's counter (`sqlite_sequence`) is set to the highest id it ever
    /// gave: the larger of the highest id in the table and the highest id the audit
    /// log names for its kind of record. Records erased, or deleted by retention,
    /// before this migration are gone from the table but not from the log, and their
    /// ids must not come back either.
    static let version3SQL = """
        CREATE TABLE persons_v3 (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            person_number TEXT NOT NULL UNIQUE CONSTRAINT person_number CHECK (person_number <> ''),
            name TEXT NOT NULL CONSTRAINT name CHECK (name <> ''),
            birth_date TEXT CONSTRAINT birth_date
                CHECK (birth_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            gender TEXT CONSTRAINT gender CHECK (gender IN ('w', 'm', 'd')),
            zip TEXT CONSTRAINT zip CHECK (zip GLOB '[0-9][0-9][0-9][0-9][0-9]'),
            district TEXT,
            nationality TEXT,
            household_size INTEGER CONSTRAINT household_size CHECK (household_size BETWEEN 1 AND 30)
        );
        INSERT INTO persons_v3 (id, person_number, name, birth_date, gender, zip, district, nationality, household_size)
            SELECT id, person_number, name, birth_date, gender, zip, district, nationality, household_size FROM persons;
        DROP TABLE persons;
        ALTER TABLE persons_v3 RENAME TO persons;

        CREATE TABLE cases_v3 (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            case_number TEXT NOT NULL UNIQUE CONSTRAINT case_number CHECK (case_number <> ''),
            person_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
            service TEXT NOT NULL CONSTRAINT service CHECK (service <> ''),
            opened TEXT NOT NULL CONSTRAINT opened CHECK (opened GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            closed TEXT CONSTRAINT closed CHECK (closed >= opened),
            status TEXT NOT NULL
                CONSTRAINT status CHECK (status IN ('laufend', 'abgeschlossen', 'weitervermittelt', 'abgebrochen')),
            income_eur INTEGER CONSTRAINT income_eur CHECK (income_eur >= 0),
            duration_minutes INTEGER NOT NULL DEFAULT 0 CONSTRAINT duration_minutes CHECK (duration_minutes >= 0),
            contact_count INTEGER NOT NULL DEFAULT 0 CONSTRAINT contact_count CHECK (contact_count >= 0),
            notes TEXT
        );
        INSERT INTO cases_v3 (id, case_number, person_id, service, opened, closed, status, income_eur, duration_minutes,
                              contact_count, notes)
            SELECT id, case_number, person_id, service, opened, closed, status, income_eur, duration_minutes,
                   contact_count, notes FROM cases;
        DROP TABLE cases;
        ALTER TABLE cases_v3 RENAME TO cases;
        CREATE INDEX cases_by_person ON cases(person_id);

        CREATE TABLE case_contacts_v3 (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            date TEXT NOT NULL,
            minutes INTEGER NOT NULL CONSTRAINT minutes CHECK (minutes >= 0),
            kind TEXT NOT NULL CONSTRAINT kind CHECK (kind IN ('persoenlich', 'telefonisch', 'online', 'schriftlich'))
        );
        INSERT INTO case_contacts_v3 (id, case_id, date, minutes, kind)
            SELECT id, case_id, date, minutes, kind FROM case_contacts;
        DROP TABLE case_contacts;
        ALTER TABLE case_contacts_v3 RENAME TO case_contacts;
        CREATE INDEX case_contacts_by_case ON case_contacts(case_id);

        CREATE TABLE consents_v3 (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            consent_number TEXT NOT NULL UNIQUE CONSTRAINT consent_number CHECK (consent_number <> ''),
            person_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
            purpose TEXT NOT NULL CONSTRAINT purpose CHECK (purpose <> ''),
            legal_basis TEXT NOT NULL CONSTRAINT legal_basis CHECK (legal_basis IN
                ('consent', 'contract', 'legal-obligation', 'vital-interests', 'public-task', 'legitimate-interests')),
            given TEXT NOT NULL,
            withdrawn TEXT CONSTRAINT withdrawn CHECK (withdrawn >= given)
        );
        INSERT INTO consents_v3 (id, consent_number, person_id, purpose, legal_basis, given, withdrawn)
            SELECT id, consent_number, person_id, purpose, legal_basis, given, withdrawn FROM consents;
        DROP TABLE consents;
        ALTER TABLE consents_v3 RENAME TO consents;
        CREATE INDEX consents_by_person ON consents(person_id, purpose);

        DELETE FROM sqlite_sequence WHERE name IN ('persons', 'cases', 'case_contacts', 'consents');
        INSERT INTO sqlite_sequence (name, seq)
            SELECT t.name, max(coalesce(t.highest, 0), coalesce(
                (SELECT max(record_id) FROM audit_log WHERE record_kind = t.kind), 0))
            FROM (SELECT 'persons' AS name, 'person' AS kind, (SELECT max(id) FROM persons) AS highest
                  UNION ALL SELECT 'cases', 'case', (SELECT max(id) FROM cases)
                  UNION ALL SELECT 'case_contacts', 'contact', (SELECT max(id) FROM case_contacts)
                  UNION ALL SELECT 'consents', 'consent', (SELECT max(id) FROM consents)) AS t;
        """
}
