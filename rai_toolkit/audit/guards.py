"""Database triggers that refuse UPDATE and DELETE on the audit table.

They stop the application (and anyone using its database role) from rewriting history; a person
with DDL rights can still drop them, which is what the hash chain and `verify_audit` detect.
"""

from __future__ import annotations

from django.db.backends.base.base import BaseDatabaseWrapper

from rai_toolkit.core.sql import run_for_vendor

TABLE = "audit_auditentry"

_SQLITE_INSTALL = [
    f"""CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON {TABLE}
        BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END""",
    f"""CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON {TABLE}
        BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END""",
]
_SQLITE_DROP = ["DROP TRIGGER IF EXISTS audit_no_update", "DROP TRIGGER IF EXISTS audit_no_delete"]

_PG_INSTALL = [
    """CREATE OR REPLACE FUNCTION audit_refuse_change() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'audit trail is append-only'; END; $$ LANGUAGE plpgsql""",
    f"DROP TRIGGER IF EXISTS audit_no_change ON {TABLE}",
    f"""CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON {TABLE}
        FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()""",
]
_PG_DROP = [f"DROP TRIGGER IF EXISTS audit_no_change ON {TABLE}"]


def install(connection: BaseDatabaseWrapper) -> None:
    run_for_vendor(connection, {"sqlite": _SQLITE_INSTALL, "postgresql": _PG_INSTALL})


def drop(connection: BaseDatabaseWrapper) -> None:
    run_for_vendor(connection, {"sqlite": _SQLITE_DROP, "postgresql": _PG_DROP})
