"""A drafted note as an .eml file (RFC 5322, built with `email`) or as a mailto: link."""

from __future__ import annotations

from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid
from urllib.parse import quote


def to_eml(
    *,
    subject: str,
    body: str,
    date: datetime,
    to_name: str | None = None,
    to_email: str | None = None,
    from_email: str | None = None,
) -> bytes:
    """The note as an unsent e-mail message (UTF-8 text), ready to open in a mail program."""
    message = EmailMessage(policy=SMTP)
    if to_email:
        local, _, domain = to_email.partition("@")
        message["To"] = Address(display_name=to_name or "", username=local, domain=domain)
    if from_email:
        local, _, domain = from_email.partition("@")
        message["From"] = Address(username=local, domain=domain)
    message["Subject"] = subject
    message["Date"] = format_datetime(date)
    message["Message-ID"] = make_msgid(domain="interview-closer.invalid")
    message["X-Unsent"] = "1"  # mail programs open it as a draft to send
    message.set_content(body, charset="utf-8")
    return message.as_bytes()


def mailto(to_email: str | None, subject: str, body: str) -> str:
    """A mailto: link (RFC 6068) that opens the note in the user's mail program."""
    address = quote(to_email or "", safe="@")
    crlf = body.replace("\r\n", "\n").replace("\n", "\r\n")
    return f"mailto:{address}?subject={quote(subject, safe='')}&body={quote(crlf, safe='')}"
