"""Full backup as JSON (lossless: backup -> import into an empty database -> same backup).

Every table is written row by row in primary-key order with its own ids, so links
between rows survive. Date-times are ISO 8601 in UTC, dates ISO, JSON columns as-is.
The file carries no time stamp of its own, so two backups of the same data are equal.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Date, Table, func, insert, select, text
from sqlalchemy.orm import Session

from interview_closer.errors import DataError, UsageError
from interview_closer.storage.migrations import HEAD
from interview_closer.storage.models import TABLE_ORDER, Base, UTCDateTime

FORMAT = "interview-closer/backup@1"


def _tables() -> list[Table]:
    return [Base.metadata.tables[name] for name in TABLE_ORDER]


def _dump(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def export_backup(session: Session) -> dict[str, Any]:
    """Every row of every tracker table as plain data."""
    tables: dict[str, list[dict[str, Any]]] = {}
    for table in _tables():
        keys = list(table.primary_key.columns)
        rows = session.execute(select(table).order_by(*keys)).mappings()
        tables[table.name] = [{k: _dump(v) for k, v in row.items()} for row in rows]
    return {"format": FORMAT, "schema": HEAD, "tables": tables}


def _load(table: Table, row: dict[str, Any], where: str) -> dict[str, Any]:
    unknown = set(row) - set(table.columns.keys())
    if unknown:
        raise DataError(f"{where}: unknown column(s) {', '.join(sorted(unknown))}")
    out: dict[str, Any] = {}
    for column in table.columns:
        value = row.get(column.name)
        if value is None:
            out[column.name] = None
            continue
        try:
            if isinstance(column.type, UTCDateTime):
                value = datetime.fromisoformat(value)
                if value.tzinfo is None:
                    value = value.replace(tzinfo=UTC)
            elif isinstance(column.type, Date):
                value = date.fromisoformat(value)
        except (TypeError, ValueError) as exc:
            raise DataError(f"{where}: {column.name} '{value}' is not a valid date") from exc
        out[column.name] = value
    return out


def is_empty(session: Session) -> bool:
    """True when the database holds no applications and no contacts."""
    return all(
        not session.execute(select(func.count()).select_from(Base.metadata.tables[name])).scalar()
        for name in ("applications", "contacts")
    )


def import_backup(session: Session, data: Any) -> dict[str, int]:
    """Load a backup into an empty database; returns the number of rows per table."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise DataError(f"not an interview-closer backup (expected format {FORMAT})")
    if not isinstance(data.get("tables"), dict):
        raise DataError("the backup has no 'tables' mapping")
    if not is_empty(session):
        raise UsageError(
            "the database already holds applications; import into an empty one (pass --db)"
        )
    counts: dict[str, int] = {}
    for table in _tables():
        rows = data["tables"].get(table.name, [])
        if not isinstance(rows, list):
            raise DataError(f"backup table {table.name} is not a list of rows")
        if table.name == "settings":
            session.execute(table.delete())
        loaded = [_load(table, r, f"backup {table.name} row {i + 1}") for i, r in enumerate(rows)]
        if loaded:
            session.execute(insert(table), loaded)
        counts[table.name] = len(loaded)
    unknown = set(data["tables"]) - set(TABLE_ORDER)
    if unknown:
        raise DataError(f"the backup has unknown table(s) {', '.join(sorted(unknown))}")
    if session.get_bind().dialect.name == "postgresql":
        # Explicit ids do not advance PostgreSQL sequences; move them past the imported rows.
        for table in _tables():
            if "id" in table.columns and table.name != "settings":
                session.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
                    )
                )
    return counts
