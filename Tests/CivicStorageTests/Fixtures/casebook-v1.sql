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
CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
INSERT INTO "audit_log" VALUES(1,'2025-01-10T09:00:00Z','fixture','import','case',NULL,'made by make_casebook_v1.py','0000000000000000000000000000000000000000000000000000000000000000','d2e78f8bd22ca5ed2f310a4abe8cfe773989761570ddafd11a18c924888688b7');
INSERT INTO "case_contacts" VALUES(1,2,'2025-01-10',60,'persoenlich');
INSERT INTO "case_status_history" VALUES(1,1,'2021-02-01','laufend');
INSERT INTO "case_status_history" VALUES(2,1,'2021-06-30','abgeschlossen');
INSERT INTO "case_status_history" VALUES(3,2,'2025-01-10','laufend');
INSERT INTO "cases" VALUES(1,'F-0001',1,'Schuldnerberatung','2021-02-01','2021-06-30','abgeschlossen',1200,240,4,NULL);
INSERT INTO "cases" VALUES(2,'F-0002',2,'Migrationsberatung','2025-01-10',NULL,'laufend',NULL,60,1,NULL);
INSERT INTO "consents" VALUES(1,'E-0001',1,'statistics','consent','2021-02-01',NULL);
INSERT INTO "grdb_migrations" VALUES('v1 people, cases, consent, audit');
INSERT INTO "organisation" VALUES(1,'bv','Beispielverein e.V.','e.V.','Berlin','datenschutz@example.org');
INSERT INTO "person_roles" VALUES(1,'client');
INSERT INTO "person_roles" VALUES(2,'client');
INSERT INTO "persons" VALUES(1,'K-0001','Erika Beispiel','1970-05-01','w','10115','Mitte','deutsch',2);
INSERT INTO "persons" VALUES(2,'K-0002','Max Muster',NULL,'m',NULL,NULL,NULL,NULL);
