"""`closer vocab`: import the O*NET and ESCO taxonomies into the user's vocabulary."""

from __future__ import annotations

from pathlib import Path

import typer

from interview_closer.errors import InputError, UsageError

SOURCES = ("onet", "esco")
# The official files are a few MB; anything far larger is not one of them.
MAX_BYTES = 200 * 1024 * 1024

vocab_app = typer.Typer(
    help="Add the official O*NET or ESCO skill taxonomies to your vocabulary.",
    no_args_is_help=True,
)


@vocab_app.command("import")
def import_cmd(
    source: str = typer.Argument(..., help="Which taxonomy the file is: onet or esco."),
    file: Path = typer.Argument(
        ...,
        help="O*NET 'Technology Skills.txt', or an ESCO skills CSV (official export or "
        "the simplified id,description form).",
    ),
) -> None:
    """Import a downloaded taxonomy file; it is kept in your data folder and used from then on."""
    from interview_closer.core.vocab import user_vocab_dir, write_vocab_file
    from interview_closer.core.vocab_import import parse_esco_skills, parse_onet_technology

    kind = source.lower()
    if kind not in SOURCES:
        raise UsageError(f"unknown taxonomy '{source}': use 'onet' or 'esco'")
    text = read_taxonomy_file(file)
    if kind == "onet":
        entries = parse_onet_technology(text, str(file))
    else:
        entries = parse_esco_skills(text, str(file))
    if not entries:
        raise InputError(f"{file}: no skills found in the file; check that it is the right export")
    target_dir = user_vocab_dir()
    try:
        target_dir.mkdir(parents=True, exist_ok=True)
        target = target_dir / f"{kind}.tsv"
        write_vocab_file(target, entries)
    except OSError as exc:
        raise InputError(
            f"{target_dir}: cannot write the vocabulary there ({exc.strerror}); "
            "set CLOSER_DATA_DIR to a writable folder"
        ) from exc
    typer.echo(f"imported {len(entries)} {kind.upper()} skills from {file} into {target}")


@vocab_app.command("stats")
def stats_cmd() -> None:
    """Show how many skills the built-in and imported vocabularies hold."""
    from interview_closer.core.vocab import builtin_vocab_files, read_vocab_file, user_vocab_dir

    user_dir = user_vocab_dir()
    user_files = sorted(user_dir.glob("*.tsv")) if user_dir.is_dir() else []
    total = 0
    for label, paths in (("built-in", builtin_vocab_files()), ("imported", user_files)):
        for path in paths:
            count = len(read_vocab_file(path))
            total += count
            typer.echo(f"{label:9s} {path.name:24s} {count:7d}")
    typer.echo(f"{'total':34s} {total:7d}")


def read_taxonomy_file(path: Path) -> str:
    """The text of a taxonomy file (UTF-8, else cp1252), or a one-line InputError."""
    if not path.is_file():
        raise InputError(f"{path}: no such file; give the path of the downloaded taxonomy file")
    size = path.stat().st_size
    if size == 0:
        raise InputError(f"{path}: the file is empty; download it again")
    if size > MAX_BYTES:
        raise InputError(
            f"{path}: the file is larger than {MAX_BYTES // 2**20} MB; is it the right export?"
        )
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise InputError(f"{path}: the file is binary, not a text export; unzip it first")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def register(app: typer.Typer) -> None:
    """Attach the `vocab` command group to the main app."""
    app.add_typer(vocab_app, name="vocab")
