import Foundation

/// The shared casebook's tables in PostgreSQL, with the rules that keep each
/// organisation's rows to its own staff.
///
/// The tables are those of the SQLite casebook (see `CasebookMigrations` in
/// CivicStorage) with an `organisation_id` on every row; the dialect differences are
/// here and nowhere else: `BIGSERIAL` for SQLite's row ids, `~` for `GLOB`, and
/// row-level security, which SQLite does not have.
///
/// Three group roles carry the duties. `civic_caseworker` reads and writes persons,
/// cases, contacts and consents of the organisations it is staff of;
/// `civic_data_officer` may also delete them (erasure, retention) and read the audit
/// log; the role that installs the schema owns it and is the administrator, who
/// registers organisations and staff. Every policy compares a row's organisation
/// with the `staff` table for `current_user`, so that even a query written by hand
/// sees only one's own organisation. The audit chain is extended only by
/// `civic_audit_append`, which runs with the owner's rights, locks the
/// organisation's chain head and computes the entry's SHA-256 exactly as the SQLite
/// store does; nobody else may write or change an entry.
enum PostgresCasebookSchema {
    /// The versions in order; each is applied once, in one transaction.
    static let migrations: [(version: String, sql: String)] = [("v1", v1), ("v2", v2), ("v3", v3), ("v4", v4)]

    /// The tables that hold an organisation's records, each guarded by a policy.
    static let tenantTables = ["persons", "person_roles", "cases", "case_contacts", "case_status_history", "consents", "audit_log"]

    static let v1 = """
        CREATE TABLE organisations (
            organisation_id TEXT PRIMARY KEY CONSTRAINT organisation_id CHECK (organisation_id <> ''),
            name TEXT NOT NULL CONSTRAINT name CHECK (name <> '')
        );
        CREATE TABLE staff (
            role_name TEXT NOT NULL,
            organisation_id TEXT NOT NULL REFERENCES organisations ON DELETE CASCADE,
            duty TEXT NOT NULL CONSTRAINT duty CHECK (duty IN ('caseworker', 'data-officer')),
            PRIMARY KEY (role_name, organisation_id)
        );
        CREATE TABLE persons (
            id BIGSERIAL PRIMARY KEY,
            organisation_id TEXT NOT NULL REFERENCES organisations,
            person_number TEXT NOT NULL CONSTRAINT person_number CHECK (person_number <> ''),
            name TEXT NOT NULL CONSTRAINT name CHECK (name <> ''),
            birth_date TEXT CONSTRAINT birth_date CHECK (birth_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
            gender TEXT CONSTRAINT gender CHECK (gender IN ('w', 'm', 'd')),
            zip TEXT CONSTRAINT zip CHECK (zip ~ '^[0-9]{5}$'),
            district TEXT,
            nationality TEXT,
            household_size INTEGER CONSTRAINT household_size CHECK (household_size BETWEEN 1 AND 30),
            CONSTRAINT person_number_unique UNIQUE (organisation_id, person_number)
        );
        CREATE TABLE person_roles (
            person_id BIGINT NOT NULL REFERENCES persons ON DELETE CASCADE,
            organisation_id TEXT NOT NULL REFERENCES organisations,
            role TEXT NOT NULL CONSTRAINT role CHECK (role IN ('client', 'donor', 'volunteer')),
            PRIMARY KEY (person_id, role)
        );
        CREATE TABLE cases (
            id BIGSERIAL PRIMARY KEY,
            organisation_id TEXT NOT NULL REFERENCES organisations,
            case_number TEXT NOT NULL CONSTRAINT case_number CHECK (case_number <> ''),
            person_id BIGINT NOT NULL REFERENCES persons ON DELETE CASCADE,
            service TEXT NOT NULL CONSTRAINT service CHECK (service <> ''),
            opened TEXT NOT NULL CONSTRAINT opened CHECK (opened ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
            closed TEXT CONSTRAINT closed CHECK (closed >= opened),
            status TEXT NOT NULL
                CONSTRAINT status CHECK (status IN ('laufend', 'abgeschlossen', 'weitervermittelt', 'abgebrochen')),
            income_eur INTEGER CONSTRAINT income_eur CHECK (income_eur >= 0),
            duration_minutes INTEGER NOT NULL DEFAULT 0 CONSTRAINT duration_minutes CHECK (duration_minutes >= 0),
            contact_count INTEGER NOT NULL DEFAULT 0 CONSTRAINT contact_count CHECK (contact_count >= 0),
            notes TEXT,
            CONSTRAINT case_number_unique UNIQUE (organisation_id, case_number)
        );
        CREATE INDEX cases_by_person ON cases (person_id);
        CREATE INDEX cases_by_organisation_and_day ON cases (organisation_id, opened);
        CREATE TABLE case_contacts (
            id BIGSERIAL PRIMARY KEY,
            organisation_id TEXT NOT NULL REFERENCES organisations,
            case_id BIGINT NOT NULL REFERENCES cases ON DELETE CASCADE,
            date TEXT NOT NULL CONSTRAINT date CHECK (date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
            minutes INTEGER NOT NULL CONSTRAINT minutes CHECK (minutes >= 0),
            kind TEXT NOT NULL CONSTRAINT kind CHECK (kind IN ('persoenlich', 'telefonisch', 'online', 'schriftlich'))
        );
        CREATE INDEX case_contacts_by_case ON case_contacts (case_id);
        CREATE TABLE case_status_history (
            id BIGSERIAL PRIMARY KEY,
            organisation_id TEXT NOT NULL REFERENCES organisations,
            case_id BIGINT NOT NULL REFERENCES cases ON DELETE CASCADE,
            date TEXT NOT NULL,
            status TEXT NOT NULL
                CONSTRAINT status CHECK (status IN ('laufend', 'abgeschlossen', 'weitervermittelt', 'abgebrochen'))
        );
        CREATE INDEX case_status_history_by_case ON case_status_history (case_id);
        CREATE TABLE consents (
            id BIGSERIAL PRIMARY KEY,
            organisation_id TEXT NOT NULL REFERENCES organisations,
            consent_number TEXT NOT NULL CONSTRAINT consent_number CHECK (consent_number <> ''),
            person_id BIGINT NOT NULL REFERENCES persons ON DELETE CASCADE,
            purpose TEXT NOT NULL CONSTRAINT purpose CHECK (purpose <> ''),
            legal_basis TEXT NOT NULL CONSTRAINT legal_basis CHECK (legal_basis IN
                ('consent', 'contract', 'legal-obligation', 'vital-interests', 'public-task', 'legitimate-interests')),
            given TEXT NOT NULL,
            withdrawn TEXT CONSTRAINT withdrawn CHECK (withdrawn >= given),
            CONSTRAINT consent_number_unique UNIQUE (organisation_id, consent_number)
        );
        CREATE INDEX consents_by_person ON consents (person_id, purpose);
        CREATE TABLE audit_log (
            organisation_id TEXT NOT NULL REFERENCES organisations,
            sequence BIGINT NOT NULL,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            record_kind TEXT NOT NULL,
            record_id BIGINT,
            detail TEXT,
            previous_hash TEXT NOT NULL,
            hash TEXT NOT NULL,
            PRIMARY KEY (organisation_id, sequence)
        );
        CREATE TABLE audit_heads (
            organisation_id TEXT PRIMARY KEY REFERENCES organisations,
            sequence BIGINT NOT NULL,
            hash TEXT NOT NULL
        );

        -- The chain: one entry after the organisation's head, hashed as the SQLite store
        -- hashes (the fields joined by the unit separator, SHA-256 in hex). The row lock on
        -- the head makes concurrent writers of one organisation take turns.
        CREATE FUNCTION civic_audit_append(organisation TEXT, action TEXT, record_kind TEXT, record_id BIGINT, detail TEXT)
        RETURNS VOID LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
        DECLARE
            head audit_heads%ROWTYPE;
            stamp TEXT := to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"');
            next_hash TEXT;
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM staff s WHERE s.role_name = session_user AND s.organisation_id = organisation) THEN
                RAISE EXCEPTION 'not staff of this organisation' USING ERRCODE = 'insufficient_privilege';
            END IF;
            SELECT * INTO head FROM audit_heads h WHERE h.organisation_id = organisation FOR UPDATE;
            next_hash := encode(sha256(convert_to(concat_ws(chr(31), (head.sequence + 1)::text, stamp, session_user::text,
                action, record_kind, coalesce(record_id::text, ''), coalesce(detail, ''), head.hash), 'UTF8')), 'hex');
            INSERT INTO audit_log VALUES (organisation, head.sequence + 1, stamp, session_user, action, record_kind,
                record_id, detail, head.hash, next_hash);
            UPDATE audit_heads h SET sequence = head.sequence + 1, hash = next_hash WHERE h.organisation_id = organisation;
        END $$;
        REVOKE ALL ON FUNCTION civic_audit_append(TEXT, TEXT, TEXT, BIGINT, TEXT) FROM PUBLIC;

        -- Every organisation gets its chain when it is registered.
        CREATE FUNCTION civic_start_chain() RETURNS TRIGGER LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO audit_heads VALUES (NEW.organisation_id, 0, repeat('0', 64));
            RETURN NEW;
        END $$;
        CREATE TRIGGER organisations_start_chain AFTER INSERT ON organisations
            FOR EACH ROW EXECUTE FUNCTION civic_start_chain();
        """

    /// Erasure (GDPR Art. 17): a salt per organisation and the salted fingerprints of
    /// erased persons' numbers, which no member of staff may read; two functions with
    /// the owner's rights record a fingerprint (data officers) and tell which numbers
    /// of an import were erased (all staff), each for the caller's own organisation only.
    static let v2 = """
        CREATE TABLE erasure_salts (
            organisation_id TEXT PRIMARY KEY REFERENCES organisations ON DELETE CASCADE,
            salt BYTEA NOT NULL
        );
        CREATE TABLE erased_persons (
            organisation_id TEXT NOT NULL REFERENCES organisations ON DELETE CASCADE,
            fingerprint TEXT NOT NULL,
            PRIMARY KEY (organisation_id, fingerprint)
        );
        REVOKE ALL ON erasure_salts, erased_persons FROM PUBLIC;
        -- 244 random bits from two version-4 UUIDs (gen_random_uuid draws on the
        -- server's strong random source).
        CREATE FUNCTION civic_new_salt() RETURNS BYTEA LANGUAGE sql VOLATILE AS $$
            SELECT decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex')
        $$;
        INSERT INTO erasure_salts SELECT organisation_id, civic_new_salt() FROM organisations;
        CREATE OR REPLACE FUNCTION civic_start_chain() RETURNS TRIGGER LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO audit_heads VALUES (NEW.organisation_id, 0, repeat('0', 64));
            INSERT INTO erasure_salts VALUES (NEW.organisation_id, civic_new_salt());
            RETURN NEW;
        END $$;

        CREATE FUNCTION civic_forget_person(organisation TEXT, person_number TEXT)
        RETURNS VOID LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM staff s WHERE s.role_name = session_user AND s.organisation_id = organisation
                           AND s.duty = 'data-officer') THEN
                RAISE EXCEPTION 'not a data officer of this organisation' USING ERRCODE = 'insufficient_privilege';
            END IF;
            INSERT INTO erased_persons
                SELECT organisation, encode(sha256(e.salt || convert_to(person_number, 'UTF8')), 'hex')
                FROM erasure_salts e WHERE e.organisation_id = organisation
                ON CONFLICT DO NOTHING;
        END $$;
        REVOKE ALL ON FUNCTION civic_forget_person(TEXT, TEXT) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION civic_forget_person(TEXT, TEXT) TO civic_data_officer;

        CREATE FUNCTION civic_erased_numbers(organisation TEXT, numbers TEXT[])
        RETURNS SETOF TEXT LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM staff s WHERE s.role_name = session_user AND s.organisation_id = organisation) THEN
                RAISE EXCEPTION 'not staff of this organisation' USING ERRCODE = 'insufficient_privilege';
            END IF;
            RETURN QUERY SELECT n FROM erasure_salts e, unnest(numbers) AS n
                WHERE e.organisation_id = organisation AND EXISTS (SELECT 1 FROM erased_persons d
                    WHERE d.organisation_id = organisation AND d.fingerprint = encode(sha256(e.salt || convert_to(n, 'UTF8')), 'hex'));
        END $$;
        REVOKE ALL ON FUNCTION civic_erased_numbers(TEXT, TEXT[]) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION civic_erased_numbers(TEXT, TEXT[]) TO civic_caseworker, civic_data_officer;
        """

    /// Retention (GDPR Art. 5(1)(e)): each organisation's rules, the anonymous residue
    /// that cases reduced to statistics leave, and the salted fingerprints of the
    /// numbers of cases retention deleted (so that an old export cannot bring them
    /// back), which, like those of erased persons, no member of staff may read.
    static let v3 = """
        CREATE TABLE retention_rules (
            organisation_id TEXT NOT NULL REFERENCES organisations ON DELETE CASCADE,
            records TEXT NOT NULL CONSTRAINT records CHECK (records IN ('cases', 'withdrawn-consents')),
            years INTEGER NOT NULL CONSTRAINT years CHECK (years >= 0),
            action TEXT NOT NULL CONSTRAINT action CHECK (action IN ('delete', 'anonymise')),
            reason TEXT,
            PRIMARY KEY (organisation_id, records)
        );
        CREATE TABLE statistical_residue (
            organisation_id TEXT NOT NULL REFERENCES organisations ON DELETE CASCADE,
            kind TEXT NOT NULL,
            month TEXT NOT NULL,
            category TEXT NOT NULL,
            records BIGINT NOT NULL CONSTRAINT records CHECK (records >= 0),
            PRIMARY KEY (organisation_id, kind, month, category)
        );
        CREATE TABLE retired_cases (
            organisation_id TEXT NOT NULL REFERENCES organisations ON DELETE CASCADE,
            fingerprint TEXT NOT NULL,
            PRIMARY KEY (organisation_id, fingerprint)
        );
        REVOKE ALL ON retired_cases FROM PUBLIC;
        GRANT SELECT ON retention_rules, statistical_residue TO civic_caseworker, civic_data_officer;
        GRANT INSERT, UPDATE, DELETE ON retention_rules, statistical_residue TO civic_data_officer;
        \(policy(on: "retention_rules"))
        \(policy(on: "statistical_residue"))

        CREATE FUNCTION civic_retire_cases(organisation TEXT, numbers TEXT[])
        RETURNS VOID LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM staff s WHERE s.role_name = session_user AND s.organisation_id = organisation
                           AND s.duty = 'data-officer') THEN
                RAISE EXCEPTION 'not a data officer of this organisation' USING ERRCODE = 'insufficient_privilege';
            END IF;
            INSERT INTO retired_cases
                SELECT organisation, encode(sha256(e.salt || convert_to(n, 'UTF8')), 'hex')
                FROM erasure_salts e, unnest(numbers) AS n WHERE e.organisation_id = organisation
                ON CONFLICT DO NOTHING;
        END $$;
        REVOKE ALL ON FUNCTION civic_retire_cases(TEXT, TEXT[]) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION civic_retire_cases(TEXT, TEXT[]) TO civic_data_officer;

        CREATE FUNCTION civic_retired_numbers(organisation TEXT, numbers TEXT[])
        RETURNS SETOF TEXT LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM staff s WHERE s.role_name = session_user AND s.organisation_id = organisation) THEN
                RAISE EXCEPTION 'not staff of this organisation' USING ERRCODE = 'insufficient_privilege';
            END IF;
            RETURN QUERY SELECT n FROM erasure_salts e, unnest(numbers) AS n
                WHERE e.organisation_id = organisation AND EXISTS (SELECT 1 FROM retired_cases d
                    WHERE d.organisation_id = organisation AND d.fingerprint = encode(sha256(e.salt || convert_to(n, 'UTF8')), 'hex'));
        END $$;
        REVOKE ALL ON FUNCTION civic_retired_numbers(TEXT, TEXT[]) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION civic_retired_numbers(TEXT, TEXT[]) TO civic_caseworker, civic_data_officer;
        """

    /// Two rules the statistics share, said once: whose consent to a purpose holds on
    /// a day, and the cases opened per organisation, month and service up to a day,
    /// counted for persons who agreed to statistics, with the residue retention left.
    ///
    /// Both are plain SQL functions with the caller's rights, so row-level security
    /// still binds every member of staff, and PostgreSQL inlines them into the calling
    /// query (`c.person_id IN (SELECT person_id FROM civic_consenting_persons(...))`
    /// is planned as the semi-join it replaces; a `SET` clause, `SECURITY DEFINER` or
    /// plpgsql would stop that). Days are ISO texts, as in the tables.
    static let v4 = """
        CREATE FUNCTION civic_consenting_persons(purpose TEXT, day TEXT)
        RETURNS TABLE (person_id BIGINT) LANGUAGE sql STABLE AS $$
            SELECT k.person_id FROM consents k
            WHERE k.purpose = civic_consenting_persons.purpose AND k.given <= civic_consenting_persons.day
                AND (k.withdrawn IS NULL OR k.withdrawn > civic_consenting_persons.day)
        $$;
        CREATE FUNCTION civic_monthly_cases(purpose TEXT, day TEXT)
        RETURNS TABLE (organisation_id TEXT, month TEXT, service TEXT, cases BIGINT) LANGUAGE sql STABLE AS $$
            SELECT counted.organisation_id, counted.month, counted.service, sum(counted.cases)::bigint FROM (
                SELECT c.organisation_id, substr(c.opened, 1, 7) AS month, c.service, count(*) AS cases FROM cases c
                WHERE c.opened <= civic_monthly_cases.day
                    AND c.person_id IN (SELECT p.person_id FROM civic_consenting_persons(civic_monthly_cases.purpose,
                                                                                         civic_monthly_cases.day) p)
                GROUP BY 1, 2, 3
                UNION ALL
                SELECT r.organisation_id, r.month, r.category, r.records FROM statistical_residue r
                WHERE r.kind = 'case' AND r.month <= substr(civic_monthly_cases.day, 1, 7)
            ) counted
            GROUP BY 1, 2, 3
        $$;
        """

    /// The group roles and their rights, and the policies; run after the tables
    /// (idempotent where roles are cluster-wide and may exist from another database).
    static let access = """
        -- Roles belong to the whole server: another database's installation may be
        -- creating them at this moment, so a role that appears meanwhile is fine.
        DO $$ BEGIN
            BEGIN CREATE ROLE civic_caseworker NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END;
            BEGIN CREATE ROLE civic_data_officer NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END;
        END $$;
        GRANT SELECT ON organisations, staff TO civic_caseworker, civic_data_officer;
        GRANT SELECT, INSERT, UPDATE ON persons, person_roles, cases, case_contacts, case_status_history, consents
            TO civic_caseworker, civic_data_officer;
        GRANT DELETE ON persons, person_roles, cases, case_contacts, case_status_history, consents TO civic_data_officer;
        GRANT SELECT ON audit_log TO civic_data_officer;
        GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO civic_caseworker, civic_data_officer;
        GRANT EXECUTE ON FUNCTION civic_audit_append(TEXT, TEXT, TEXT, BIGINT, TEXT) TO civic_caseworker, civic_data_officer;
        ALTER TABLE organisations ENABLE ROW LEVEL SECURITY;
        CREATE POLICY own_organisations ON organisations
            USING (organisation_id IN (SELECT s.organisation_id FROM staff s WHERE s.role_name = current_user));
        ALTER TABLE staff ENABLE ROW LEVEL SECURITY;
        CREATE POLICY own_memberships ON staff USING (role_name = current_user);
        """

    /// The statements of a script, split at the semicolons that end them: not those
    /// inside a `$$`-quoted function body, a string or a `--` comment. (The driver
    /// sends one statement at a time.)
    static func statements(in script: String) -> [String] {
        var statements: [String] = [], current = ""
        var inBody = false, inString = false, inComment = false
        var characters = Array(script)[...]
        while let character = characters.popFirst() {
            current.append(character)
            if inComment {
                if character == "\n" { inComment = false }
            } else if inString {
                if character == "'" { inString = false }
            } else if character == "$", characters.first == "$" {
                current.append(characters.removeFirst())
                inBody.toggle()
            } else if !inBody {
                if character == "'" { inString = true }
                if character == "-", characters.first == "-" { inComment = true }
                if character == ";" {
                    let statement = current.trimmingCharacters(in: .whitespacesAndNewlines)
                    if statement != ";" { statements.append(statement) }
                    current = ""
                }
            }
        }
        let rest = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !rest.isEmpty, !rest.split(separator: "\n").allSatisfy({ $0.trimmingCharacters(in: .whitespaces).hasPrefix("--") }) {
            statements.append(rest)
        }
        return statements
    }

    /// The policy of one tenant table: rows of one's own organisations, to read and to write.
    static func policy(on table: String) -> String {
        """
        ALTER TABLE \(table) ENABLE ROW LEVEL SECURITY;
        CREATE POLICY own_organisation ON \(table)
            USING (organisation_id IN (SELECT s.organisation_id FROM staff s WHERE s.role_name = current_user))
            WITH CHECK (organisation_id IN (SELECT s.organisation_id FROM staff s WHERE s.role_name = current_user));
        """
    }
}
