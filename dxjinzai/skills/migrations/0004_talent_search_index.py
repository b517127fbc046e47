"""Japanese substring search over TalentSearchDocument.content.

SQLite: an FTS5 table with the trigram tokenizer, kept in step by triggers (queries of 3+
characters; shorter ones fall back to LIKE). PostgreSQL: pg_trgm with a GIN index on the
expression Django's icontains compares (it narrows searches of 3+ characters).
"""

from django.db import migrations

DOCUMENTS = "skills_talentsearchdocument"

SQLITE_CREATE = [
    f"""CREATE VIRTUAL TABLE skills_talent_fts USING fts5(
        content, content='{DOCUMENTS}', content_rowid='id', tokenize='trigram')""",
    f"""CREATE TRIGGER skills_talent_fts_insert AFTER INSERT ON {DOCUMENTS} BEGIN
        INSERT INTO skills_talent_fts(rowid, content) VALUES (new.id, new.content); END""",
    f"""CREATE TRIGGER skills_talent_fts_delete AFTER DELETE ON {DOCUMENTS} BEGIN
        INSERT INTO skills_talent_fts(skills_talent_fts, rowid, content)
        VALUES ('delete', old.id, old.content); END""",
    f"""CREATE TRIGGER skills_talent_fts_update AFTER UPDATE ON {DOCUMENTS} BEGIN
        INSERT INTO skills_talent_fts(skills_talent_fts, rowid, content)
        VALUES ('delete', old.id, old.content);
        INSERT INTO skills_talent_fts(rowid, content) VALUES (new.id, new.content); END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS skills_talent_fts_update",
    "DROP TRIGGER IF EXISTS skills_talent_fts_delete",
    "DROP TRIGGER IF EXISTS skills_talent_fts_insert",
    "DROP TABLE IF EXISTS skills_talent_fts",
]
POSTGRES_CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    # Django's icontains is UPPER(content) LIKE UPPER(%s): index that expression.
    f"CREATE INDEX skills_talent_trgm ON {DOCUMENTS} USING gin (UPPER(content) gin_trgm_ops)",
]
POSTGRES_DROP = ["DROP INDEX IF EXISTS skills_talent_trgm"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("skills", "0003_assessments_profiles_search")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        )
    ]
