"""Build real input files for tests: PDF, DOCX, text, JSON Resume, HTML and broken variants.

Every `make_*` function writes one file at `path` (creating its folder) and returns the path,
so tests read exactly what a user would give the product. Nothing here imports our own code.
"""

from __future__ import annotations

import io
import json
import random
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

PAGE_BREAK = "\f"
"""Put this string in `make_pdf` lines to start a new page."""

_UNICODE_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
_LATIN1_FALLBACK = str.maketrans({"–": "-", "—": "-", "•": "*", "’": "'", "“": '"', "”": '"'})


def _ready(path: Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


# --------------------------------------------------------------------------- text files


def make_text(path: Path, text: str, *, encoding: str = "utf-8", bom: bool = False) -> Path:
    """Write `text` byte for byte in `encoding` (no newline translation); `bom` adds a BOM."""
    data = text.encode(encoding)
    if bom:
        data = ("\ufeff".encode(encoding) if encoding.startswith("utf-16") else b"\xef\xbb\xbf") \
            + data
    _ready(path).write_bytes(data)
    return Path(path)


def make_bytes(path: Path, data: bytes) -> Path:
    """Write raw bytes (for undecodable text and other hand-made broken files)."""
    _ready(path).write_bytes(data)
    return Path(path)


def make_binary(path: Path, size: int = 4096, *, seed: int = 7) -> Path:
    """Write `size` bytes of deterministic random binary data (NULs included)."""
    data = random.Random(seed).randbytes(size)
    return make_bytes(path, b"\x00" + data[1:])


def make_big_file(path: Path, size: int) -> Path:
    """Create a sparse file of `size` bytes quickly (for size-limit checks)."""
    with _ready(path).open("wb") as handle:
        handle.truncate(size)
    return Path(path)


# --------------------------------------------------------------------------- PDF


def pdf_bytes(lines: Sequence[str]) -> bytes:
    """A text PDF (fpdf2) with one text line per item; `PAGE_BREAK` items start a page."""
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    if _UNICODE_FONT.exists():
        pdf.add_font("body", fname=str(_UNICODE_FONT))
        font, table = "body", None
    else:
        font, table = "helvetica", _LATIN1_FALLBACK
    pdf.add_page()
    pdf.set_font(font, size=11)
    for line in lines:
        if line == PAGE_BREAK:
            pdf.add_page()
            continue
        text = line.translate(table) if table else line
        pdf.multi_cell(0, 6, text or " ", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())


def make_pdf(path: Path, lines: Sequence[str]) -> Path:
    """Write a PDF with a real text layer holding `lines` (see `pdf_bytes`)."""
    return make_bytes(path, pdf_bytes(lines))


def make_encrypted_pdf(path: Path, lines: Sequence[str], *, user_password: str = "secret",
                       owner_password: str = "owner") -> Path:
    """Write an RC4-encrypted text PDF; `user_password=""` makes owner-only protection."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(pdf_bytes(lines))).pages:
        writer.add_page(page)
    writer.encrypt(user_password, owner_password, algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return make_bytes(path, buffer.getvalue())


def make_scanned_pdf(path: Path, pages: int = 1) -> Path:
    """Write a PDF whose pages are only images of 'text' (no text layer), like a scan."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw

    image = Image.new("L", (850, 1100), 255)
    draw = ImageDraw.Draw(image)
    rng = random.Random(3)
    for row in range(40):
        y = 60 + row * 24
        draw.rectangle((70, y, 70 + rng.randint(300, 700), y + 10), fill=30)
    pdf = FPDF(format="letter")
    for _ in range(pages):
        pdf.add_page()
        pdf.image(image, x=0, y=0, w=pdf.w)
    return make_bytes(path, bytes(pdf.output()))


def make_corrupt_pdf(path: Path) -> Path:
    """Write a file that starts like a PDF but whose body is garbage."""
    junk = random.Random(11).randbytes(2048)
    return make_bytes(path, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog" + junk)


def make_empty_pdf(path: Path) -> Path:
    """Write a structurally valid PDF with a single blank page (no text at all)."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    buffer = io.BytesIO()
    writer.write(buffer)
    return make_bytes(path, buffer.getvalue())


# --------------------------------------------------------------------------- DOCX


def docx_bytes(paragraphs: Sequence[str], table_rows: Sequence[Sequence[str]] | None = None, *,
               table_at: int | None = None, merge: Iterable[tuple[int, int, int, int]] = (),
               header: Sequence[str] = ()) -> bytes:
    """A Word document built with python-docx.

    `paragraphs` become body paragraphs; one starting with "# " is a Heading 1 and one
    starting with "- " a real Word bullet ("List Bullet" style, the "- " removed), as Word
    users make them. `table_rows` adds a table (cells may hold "\\n" for several paragraphs)
    after paragraph number `table_at` (default: after all of them). `merge` lists cell
    ranges (row1, col1, row2, col2) to merge. `header` lines go in the page header.
    """
    import docx

    document = docx.Document()
    at = len(paragraphs) if table_at is None else table_at

    def add(text: str) -> None:
        if text.startswith("# "):
            document.add_heading(text[2:], level=1)
        elif text.startswith("- "):
            document.add_paragraph(text[2:], style="List Bullet")
        else:
            document.add_paragraph(text)

    for text in paragraphs[:at]:
        add(text)
    if table_rows:
        width = max(len(row) for row in table_rows)
        table = document.add_table(rows=len(table_rows), cols=width)
        for r, row in enumerate(table_rows):
            for c, value in enumerate(row):
                cell = table.cell(r, c)
                parts = value.split("\n")
                cell.paragraphs[0].text = parts[0]
                for part in parts[1:]:
                    cell.add_paragraph(part)
        for r1, c1, r2, c2 in merge:
            table.cell(r1, c1).merge(table.cell(r2, c2))
    for text in paragraphs[at:]:
        add(text)
    if header:
        head = document.sections[0].header
        head.paragraphs[0].text = header[0]
        for line in header[1:]:
            head.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_docx(path: Path, paragraphs: Sequence[str],
              table_rows: Sequence[Sequence[str]] | None = None, **options: Any) -> Path:
    """Write a .docx with paragraphs and an optional table (options as in `docx_bytes`)."""
    return make_bytes(path, docx_bytes(paragraphs, table_rows, **options))


def make_corrupt_docx(path: Path, kind: str = "truncated") -> Path:
    """Write a broken .docx: 'truncated' ZIP, 'not_zip', 'no_document' ZIP, or 'bad_xml'."""
    good = docx_bytes(["Jordan Rivera", "Backend engineer"])
    if kind == "truncated":
        return make_bytes(path, good[: len(good) // 2])
    if kind == "not_zip":
        return make_bytes(path, b"This is not a Word file at all, just text.\n" * 20)
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as source, \
            zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename == "word/document.xml":
                if kind == "no_document":
                    continue
                if kind == "bad_xml":
                    target.writestr(item, b"<w:document><w:body><w:p>unclosed")
                    continue
            target.writestr(item, source.read(item.filename))
    if kind not in ("no_document", "bad_xml"):
        raise ValueError(f"unknown corrupt-docx kind: {kind}")
    return make_bytes(path, buffer.getvalue())


def make_ole_file(path: Path) -> Path:
    """Write a file with an OLE2 header: an old .doc or a password-protected Office file."""
    return make_bytes(path, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + b"\xff" * 512)


# --------------------------------------------------------------------------- JSON Resume


def sample_json_resume() -> dict[str, Any]:
    """A small but complete JSON Resume (jsonresume.org schema) for a fictional engineer."""
    return {
        "basics": {
            "name": "Sam Okafor", "label": "Data Engineer", "email": "sam@example.org",
            "summary": "Data engineer who builds reliable batch and streaming pipelines.",
            "location": {"city": "Leeds", "countryCode": "GB"},
        },
        "work": [
            {"name": "Fernhill Energy", "position": "Data Engineer", "startDate": "2021-04",
             "highlights": ["Moved 40 nightly jobs from cron to Airflow, cutting failures by 70%",
                            "Built a Kafka consumer in Python that loads 2M meter reads a day"]},
            {"company": "Brookside Bank", "position": "Analyst", "startDate": "2018-09-01",
             "endDate": "2021-03-31", "summary": "Reporting for the retail lending team.",
             "highlights": ["Automated 12 monthly SQL reports"]},
        ],
        "volunteer": [{"organization": "Code Club", "position": "Mentor", "startDate": "2019"}],
        "education": [{"institution": "University of Leeds", "area": "Mathematics",
                       "studyType": "BSc", "startDate": "2014-09", "endDate": "2017-06"}],
        "skills": [{"name": "Languages", "keywords": ["Python", "SQL"]},
                   {"name": "Tools", "keywords": ["Airflow", "Kafka", "PostgreSQL"]}],
        "certificates": [{"name": "AWS Certified Cloud Practitioner",
                          "issuer": "Amazon Web Services", "date": "2022-05-10"}],
        "projects": [{"name": "meterviz", "description": "Open-source smart-meter dashboard",
                      "highlights": ["400 GitHub stars"]}],
        "languages": [{"language": "English", "fluency": "Native"}],
    }


def make_json_resume(path: Path, data: Any = None) -> Path:
    """Write a JSON Resume file (`sample_json_resume()` unless `data` is given)."""
    payload = sample_json_resume() if data is None else data
    return make_text(path, json.dumps(payload, indent=2, ensure_ascii=False) + "\n")


# --------------------------------------------------------------------------- HTML


def job_posting_jsonld(title: str, company: str, description_html: str,
                       **extra: Any) -> dict[str, Any]:
    """A schema.org JobPosting object as job boards embed it (extra fields merged in)."""
    return {"@context": "https://schema.org", "@type": "JobPosting", "title": title,
            "hiringOrganization": {"@type": "Organization", "name": company},
            "datePosted": "2024-05-02", "description": description_html, **extra}


def html_page(body: str, *, title: str = "Careers", jsonld: Any = None, head: str = "") -> str:
    """A whole HTML page around `body`, with an optional JSON-LD block in the head."""
    script = ""
    if jsonld is not None:
        script = ('<script type="application/ld+json">\n'
                  + json.dumps(jsonld, indent=1) + "\n</script>")
    return (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{title}</title>{head}{script}</head>\n<body>\n{body}\n</body></html>\n")


def make_html(path: Path, body: str, **options: Any) -> Path:
    """Write an HTML page (options as in `html_page`)."""
    return make_text(path, html_page(body, **options))
