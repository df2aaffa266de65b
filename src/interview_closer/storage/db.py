"""Opening the tracker database: URL, engine, pragmas, migrations and readable errors.

SQLite (the default, a file in the user's data folder) runs in WAL mode with foreign
keys on; a write transaction starts with BEGIN IMMEDIATE so two programs never
deadlock upgrading a read lock. PostgreSQL works through the same code by URL.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.orm import Session

from interview_closer.errors import StorageError
from interview_closer.paths import data_dir
from interview_closer.storage.migrations import HEAD, REVISIONS

ENV_URL = "CLOSER_DATABASE_URL"
ENV_BUSY = "CLOSER_BUSY_TIMEOUT_MS"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_PG_MIGRATION_LOCK = 7_300_201  # any fixed number: serialises concurrent first opens


def default_url() -> str:
    """The SQLite file in CLOSER_DATA_DIR, else in the platform's user data folder."""
    return f"sqlite:///{data_dir() / 'closer.db'}"


def resolve_url(url: str | None = None) -> str:
    """The database URL to use: the one given, else CLOSER_DATABASE_URL, else the default."""
    return url or os.environ.get(ENV_URL) or default_url()


def _where(url: str) -> str:
    try:
        parsed = make_url(url)
    except ArgumentError:
        return url
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or ":memory:"
    return parsed.render_as_string(hide_password=True)


def storage_error(exc: BaseException, url: str) -> StorageError:
    """A one-line StorageError for a database failure, saying what to do about it."""
    where = _where(url)
    message = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0] if str(exc) else ""
    low = message.lower()
    if "database is locked" in low or "database table is locked" in low:
        text_ = f"the database {where} is busy (locked by another program); try again shortly"
    elif "readonly database" in low or "read-only" in low:
        text_ = f"the database {where} is read-only; check its permissions or pass --db"
    elif "unable to open database file" in low:
        text_ = f"cannot open the database {where}: its folder is missing or not writable"
    elif "file is not a database" in low or "malformed" in low:
        text_ = (
            f"{where} is not a usable interview-closer database (corrupt or another format); "
            "restore it from a backup or pass --db"
        )
    elif "disk is full" in low or "no space" in low:
        text_ = f"the disk holding {where} is full; free some space and try again (nothing saved)"
    elif "disk i/o error" in low:
        text_ = f"disk I/O error on {where}; check the disk and try again (nothing saved)"
    elif "connection" in low and ("refused" in low or "failed" in low or "timeout" in low):
        text_ = f"cannot connect to the database {where}: {message}"
    else:
        text_ = f"database error on {where}: {message}"
    return StorageError(text_)


@contextlib.contextmanager
def translate_errors(url: str) -> Iterator[None]:
    """Turn driver and file-system errors inside the block into StorageError."""
    try:
        yield
    except StorageError:
        raise
    except (DBAPIError, OSError) as exc:
        raise storage_error(exc, url) from exc
    except Exception as exc:
        # The sqlite3 module raises its own errors outside SQLAlchemy (e.g. in pragmas).
        if type(exc).__module__ in ("sqlite3", "_sqlite3") or "psycopg" in type(exc).__module__:
            raise storage_error(exc, url) from exc
        raise


def _sqlite_hooks(engine: Engine, busy_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" hook below own the transactions (pysqlite's are lazy).
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {busy_ms}")
            cursor.execute("PRAGMA foreign_keys = ON")
            try:
                cursor.execute("PRAGMA journal_mode = WAL")
            except Exception as exc:  # a read-only file cannot switch modes; reads still work
                if "readonly" not in str(exc).lower():
                    raise
            cursor.execute("PRAGMA synchronous = NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get("closer_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


class Database:
    """An open tracker database: hand out one session per user action."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url
        self.where = _where(url)
        self.is_sqlite = engine.dialect.name == "sqlite"

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction: committed when the block ends, rolled back on any error."""
        bind = self.engine.execution_options(closer_write=True)
        with (
            translate_errors(self.url),
            Session(bind=bind, expire_on_commit=False) as session,
            session.begin(),
        ):
            yield session

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading in one transaction (a consistent snapshot).

        Closing (not rolling back) ends it, so objects read stay usable afterwards.
        """
        with translate_errors(self.url), Session(bind=self.engine) as session:
            yield session

    def close(self) -> None:
        """Release every pooled connection."""
        self.engine.dispose()


def current_revision(conn: Connection) -> str | None:
    """The schema revision stamped in the database, None for an empty database."""
    if not inspect(conn).has_table("alembic_version"):
        if inspect(conn).get_table_names():
            raise StorageError("not an interview-closer database (it has other tables)")
        return None
    row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
    return row[0] if row else None


def migrate(engine: Engine, url: str, target: str = HEAD) -> None:
    """Upgrade the schema to `target` (default: head) unless it is there already."""
    with engine.connect() as probe:
        found = current_revision(probe)
        probe.rollback()
    if found is not None and found not in REVISIONS:
        raise StorageError(
            f"the database {_where(url)} was made by a newer interview-closer (schema {found}); "
            "upgrade interview-closer to use it"
        )
    if found == target:
        return  # the usual case: no Alembic import, no extra work
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.execution_options(closer_write=True).begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text(f"SELECT pg_advisory_xact_lock({_PG_MIGRATION_LOCK})"))
        if current_revision(conn) == target:  # another program migrated it meanwhile
            return
        config.attributes["connection"] = conn
        command.upgrade(config, target)


def open_database(
    url: str | None = None, *, upgrade: bool = True, target: str = HEAD
) -> Database:
    """Open (creating and migrating as needed) the tracker database at `url`."""
    url = resolve_url(url)
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StorageError(f"'{url}' is not a database URL (e.g. sqlite:///closer.db)") from exc
    busy_ms = int(os.environ.get(ENV_BUSY, "5000"))
    kwargs: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            folder = Path(parsed.database).expanduser().resolve().parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StorageError(f"cannot create the data folder {folder}: {exc}") from exc
        kwargs["connect_args"] = {"timeout": busy_ms / 1000}
    elif parsed.get_backend_name() == "postgresql":
        kwargs["pool_pre_ping"] = False
        kwargs["connect_args"] = {"connect_timeout": 10}
    try:
        engine = create_engine(url, **kwargs)
    except (ArgumentError, NoSuchModuleError, ImportError) as exc:
        raise StorageError(f"cannot use the database URL {_where(url)}: {exc}") from exc
    if engine.dialect.name == "sqlite":
        _sqlite_hooks(engine, busy_ms)
    database = Database(engine, url)
    if upgrade:
        with translate_errors(url):
            try:
                migrate(engine, url, target)
            except StorageError:
                engine.dispose()
                raise
    return database
