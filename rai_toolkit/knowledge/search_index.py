"""The full-text index beside `SearchDocument`, one definition per database.

SQLite: two FTS5 tables kept in step by triggers: `unicode61` words (accents folded) and
`trigram` substrings, which find Arabic words inside their prefixed forms.
PostgreSQL: a `tsvector` column filled by a trigger with the text-search configuration of the
document's language and a GIN index. The configurations (rai_english, rai_french, rai_spanish,
rai_arabic) copy PostgreSQL's own and add `unaccent` where the server has it, so that, as on
SQLite, "securite" finds "sécurité".
"""

from __future__ import annotations

from django.db.backends.base.base import BaseDatabaseWrapper

from rai_toolkit.core.sql import run_for_vendor

DOCS = "knowledge_searchdocument"
WORDS = "knowledge_search_words"
TRIGRAMS = "knowledge_search_trigrams"

_SQLITE = [
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS {WORDS} USING fts5(
        title, summary, body, content='{DOCS}', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2')""",
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS {TRIGRAMS} USING fts5(
        title, summary, body, content='{DOCS}', content_rowid='id', tokenize='trigram')""",
]
for _table in (WORDS, TRIGRAMS):
    _SQLITE += [
        f"""CREATE TRIGGER IF NOT EXISTS {_table}_ai AFTER INSERT ON {DOCS} BEGIN
            INSERT INTO {_table}(rowid, title, summary, body)
            VALUES (new.id, new.title, new.summary, new.body); END""",
        f"""CREATE TRIGGER IF NOT EXISTS {_table}_ad AFTER DELETE ON {DOCS} BEGIN
            INSERT INTO {_table}({_table}, rowid, title, summary, body)
            VALUES ('delete', old.id, old.title, old.summary, old.body); END""",
        f"""CREATE TRIGGER IF NOT EXISTS {_table}_au AFTER UPDATE ON {DOCS} BEGIN
            INSERT INTO {_table}({_table}, rowid, title, summary, body)
            VALUES ('delete', old.id, old.title, old.summary, old.body);
            INSERT INTO {_table}(rowid, title, summary, body)
            VALUES (new.id, new.title, new.summary, new.body); END""",
    ]
# Ranking weights: a match in the title counts most, then the summary, then the body.
_SQLITE += [
    f"INSERT INTO {table}({table}, rank) VALUES ('rank', 'bm25(8.0, 3.0, 1.0)')"
    for table in (WORDS, TRIGRAMS)
]
_SQLITE_DROP = [
    *(f"DROP TRIGGER IF EXISTS {t}_{s}" for t in (WORDS, TRIGRAMS) for s in ("ai", "ad", "au")),
    f"DROP TABLE IF EXISTS {WORDS}",
    f"DROP TABLE IF EXISTS {TRIGRAMS}",
]

PG_LANGUAGES = {"en": "english", "fr": "french", "es": "spanish", "ar": "arabic"}
_CONFIGS = """DO $$
DECLARE base text;
BEGIN
  BEGIN
    CREATE EXTENSION IF NOT EXISTS unaccent;
  EXCEPTION WHEN OTHERS THEN
    RAISE WARNING 'unaccent is not available: PostgreSQL search will not ignore accents';
  END;
  FOREACH base IN ARRAY ARRAY['english', 'french', 'spanish', 'arabic'] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'rai_' || base) THEN
      EXECUTE format('CREATE TEXT SEARCH CONFIGURATION rai_%s (COPY = pg_catalog.%s)', base, base);
      IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'unaccent') THEN
        EXECUTE format('ALTER TEXT SEARCH CONFIGURATION rai_%s ALTER MAPPING '
                       'FOR hword, hword_part, word WITH unaccent, %s_stem', base, base);
      END IF;
    END IF;
  END LOOP;
END $$"""

_POSTGRES = [
    _CONFIGS,
    f"ALTER TABLE {DOCS} ADD COLUMN IF NOT EXISTS vector tsvector",
    # Kept in the row, not in TOAST: ranking reads every matching vector (twice as fast at 100k).
    f"ALTER TABLE {DOCS} ALTER COLUMN vector SET STORAGE MAIN",
    """CREATE OR REPLACE FUNCTION knowledge_search_config(lang text) RETURNS regconfig AS $$
       SELECT CASE lang WHEN 'fr' THEN 'rai_french' WHEN 'es' THEN 'rai_spanish'
                        WHEN 'ar' THEN 'rai_arabic' ELSE 'rai_english' END::regconfig
       $$ LANGUAGE sql IMMUTABLE""",
    """CREATE OR REPLACE FUNCTION knowledge_search_vector() RETURNS trigger AS $$
       BEGIN
         NEW.vector :=
           setweight(to_tsvector(knowledge_search_config(NEW.language), coalesce(NEW.title, '')), 'A')
           || setweight(to_tsvector(knowledge_search_config(NEW.language), coalesce(NEW.summary, '')), 'B')
           || setweight(to_tsvector(knowledge_search_config(NEW.language), coalesce(NEW.body, '')), 'C');
         RETURN NEW;
       END $$ LANGUAGE plpgsql""",
    f"DROP TRIGGER IF EXISTS knowledge_search_vector ON {DOCS}",
    f"""CREATE TRIGGER knowledge_search_vector BEFORE INSERT OR UPDATE ON {DOCS}
        FOR EACH ROW EXECUTE FUNCTION knowledge_search_vector()""",
    f"CREATE INDEX IF NOT EXISTS knowledge_search_vector_idx ON {DOCS} USING GIN (vector)",
]
_POSTGRES_DROP = [
    f"DROP TRIGGER IF EXISTS knowledge_search_vector ON {DOCS}",
    "DROP FUNCTION IF EXISTS knowledge_search_vector()",
    "DROP INDEX IF EXISTS knowledge_search_vector_idx",
    f"ALTER TABLE {DOCS} DROP COLUMN IF EXISTS vector",
    "DROP FUNCTION IF EXISTS knowledge_search_config(text)",
    *(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS rai_{base}" for base in PG_LANGUAGES.values()),
]


def install(connection: BaseDatabaseWrapper) -> None:
    run_for_vendor(connection, {"sqlite": _SQLITE, "postgresql": _POSTGRES})


def drop(connection: BaseDatabaseWrapper) -> None:
    run_for_vendor(connection, {"sqlite": _SQLITE_DROP, "postgresql": _POSTGRES_DROP})
