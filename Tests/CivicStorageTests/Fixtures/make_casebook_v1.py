"""Makes casebook-v1.sql: a casebook as version 1 of the schema left it, with a few
records, dumped as SQL. CasebookMigrationTests loads the dump and migrates it to
the current version. Run once when version 1 was current; the dump is never
regenerated (that is its point), so this script only documents how it was made.

    python3 make_casebook_v1.py > casebook-v1.sql
"""
import hashlib
import pathlib
import re
import sqlite3
import sys

source = pathlib.Path(__file__).parents[3] / "Sources/CivicStorage/Casebook/CasebookMigrations.swift"
text = source.read_text()
version1 = re.search(r'static let version1SQL = """\n(.*?)\n\s*"""', text, re.S).group(1)
identifier = re.search(r'static let version1 = "(.*?)"', text).group(1)

db = sqlite3.connect(":memory:")
db.executescript(version1)
db.execute("CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
db.execute("INSERT INTO grdb_migrations VALUES (?)", (identifier,))
db.executescript("""
INSERT INTO organisation VALUES (1, 'bv', 'Beispielverein e.V.', 'e.V.', 'Berlin', 'datenschutz@example.org');
INSERT INTO persons VALUES (1, 'K-0001', 'Erika Beispiel', '1970-05-01', 'w', '10115', 'Mitte', 'deutsch', 2);
INSERT INTO persons VALUES (2, 'K-0002', 'Max Muster', NULL, 'm', NULL, NULL, NULL, NULL);
INSERT INTO person_roles VALUES (1, 'client'), (2, 'client');
INSERT INTO cases VALUES (1, 'F-0001', 1, 'Schuldnerberatung', '2021-02-01', '2021-06-30', 'abgeschlossen',
    1200, 240, 4, NULL);
INSERT INTO cases VALUES (2, 'F-0002', 2, 'Migrationsberatung', '2025-01-10', NULL, 'laufend', NULL, 60, 1, NULL);
INSERT INTO case_status_history VALUES (1, 1, '2021-02-01', 'laufend'), (2, 1, '2021-06-30', 'abgeschlossen'),
    (3, 2, '2025-01-10', 'laufend');
INSERT INTO case_contacts VALUES (1, 2, '2025-01-10', 60, 'persoenlich');
INSERT INTO consents VALUES (1, 'E-0001', 1, 'statistics', 'consent', '2021-02-01', NULL);
""")
# The audit entry's hash, computed here independently of the Swift code: SHA-256 of the
# fields joined by the unit separator U+001F, the record id empty for none.
entry = ["1", "2025-01-10T09:00:00Z", "fixture", "import", "case", "", "made by make_casebook_v1.py", "0" * 64]
digest = hashlib.sha256("\x1f".join(entry).encode()).hexdigest()
db.execute("INSERT INTO audit_log VALUES (1, ?, ?, ?, ?, NULL, ?, ?, ?)", (*entry[1:5], entry[6], entry[7], digest))
# Tables in the order the migration made them (references need their table first),
# then the rows.
schema = [row[0] + ";" for row in db.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid")]
rows = [line for line in db.iterdump() if line.startswith("INSERT INTO")]
sys.stdout.write("\n".join(schema + rows) + "\n")
