"""Saved job-posting HTML -> text: the schema.org JobPosting block, else the main article."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from interview_closer.core import fastre
from interview_closer.readers.common import fail
from interview_closer.readers.html_dom import Node, parse_html

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Tags that start a new line of text when converting HTML to lines.
_BLOCKS = _HEADINGS | {
    "p", "div", "section", "article", "main", "header", "footer", "ul", "ol", "dl", "dt", "dd",
    "table", "thead", "tbody", "tr", "blockquote", "pre", "address", "figure", "figcaption",
    "details", "summary", "hr", "center", "body", "html",
}
# Page furniture that is never part of a posting, by tag, by ARIA role and by id/class word.
_NEVER_TEXT = frozenset({"script", "style", "noscript", "template", "svg", "iframe", "link",
                         "meta", "object", "canvas", "head", "title"})
_CHROME_TAGS = {"nav", "aside", "form", "button", "select", "input", "textarea", "dialog",
                "header", "footer"}
_CHROME_ROLES = {"navigation", "banner", "contentinfo", "complementary", "dialog",
                 "alertdialog", "search", "menu", "menubar", "toolbar"}
_CHROME_WORDS = {
    "cookie", "cookies", "consent", "gdpr", "banner", "modal", "newsletter", "popup", "overlay",
    "subscribe", "subscription", "share", "sharing", "social", "breadcrumb", "breadcrumbs",
    "sidebar", "navbar", "nav", "menu", "related", "similar", "recommended", "promo", "advert",
    "advertisement", "skip", "signup", "toast", "chat", "drawer", "footer", "masthead",
    "navigation", "apply", "login",
}
_JOB_WORDS = fastre.compile(r"job.?desc|jobdescription|description|job.?details?|job.?posting|"
                        r"posting.?(?:body|content)|vacancy", re.I)
_ARTICLE = ("main", "article")
_SPACE = fastre.compile(r"\s+")
_TAG = fastre.compile(r"<(?:[a-zA-Z][a-zA-Z0-9]*|/[a-zA-Z][a-zA-Z0-9]*|!--)[\s>/]")
_ZERO_WIDTH = str.maketrans({"\u200b": "", "\u200c": "", "\u200d": "", "\ufeff": "", "\xad": ""})
_TEASER = 300  # a JSON-LD description shorter than this may be a summary of the page
_EXTRA_FIELDS = ("responsibilities", "qualifications", "experienceRequirements",
                 "educationRequirements", "skills")


@dataclass(slots=True)
class HtmlPosting:
    """What a saved posting page yields: its text and, when found, title and company."""

    text: str
    title: str | None
    company: str | None


# Comment or CDATA wrappers old pages put around a JSON-LD block.
_SCRIPT_WRAPPER = fastre.compile(r"^\s*(?:<!--|//\s*<!\[CDATA\[)|(?:-->|//\s*\]\]>)\s*$")


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first bytes (<meta charset> or http-equiv)."""
    match = re.search(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", data[:4096], re.I)
    return match.group(1).decode("ascii") if match else None


def looks_like_html(data: bytes) -> bool:
    """True when the first bytes of an upload are an HTML document."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html", b"<?xml")) or bool(
        re.search(rb"<(?:head|body|meta|title)[\s>]", head)
    )


def html_posting(text: str, name: str) -> HtmlPosting:
    """Extract a posting from an HTML page; raise InputError when nothing readable is left."""
    root = _parse(text, name)
    job = _find_job_posting(root)
    title = _clean(_scalar(job.get("title")) or _scalar(job.get("name"))) if job else ""
    company = _company(job.get("hiringOrganization")) if job else ""
    body = _job_text(job, name) if job else ""
    title = title or _page_title(root)  # before _page_text strips the page's meta and header
    if len(body) < _TEASER:
        # No JobPosting, or one whose description is only a teaser of the visible posting.
        page = _page_text(root)
        if len(page) > 3 * len(body):
            body = page
    if not body.strip():
        raise fail(name, "HTML page has no readable posting text",
                   "save the posting page again once it has loaded, or copy its text into a .txt")
    return HtmlPosting(text=body, title=title or None, company=company or None)


def fragment_lines(fragment: str, name: str = "HTML") -> list[str]:
    """An HTML fragment as lines: headings and paragraphs alone, <li> as '- item'."""
    if not _TAG.search(fragment):
        if not _TAG.search(html.unescape(fragment)):
            # A plain-text description: its own line breaks are the only structure it has.
            return [line for line in map(_clean, fragment.splitlines()) if line]
        fragment = html.unescape(fragment)  # some sites escape the description's HTML twice
    return _lines(_parse(fragment, name))


def _parse(markup: str, name: str) -> Node:
    try:
        return parse_html(markup)
    except (AssertionError, ValueError, RecursionError):
        # html.parser still asserts on a few malformed declarations ("<![...").
        raise fail(name, "is HTML that cannot be parsed",
                   "save the posting page again, or copy its text into a .txt file") from None


def _find_job_posting(root: Node) -> dict[str, Any] | None:
    """The first schema.org JobPosting in the page's JSON-LD blocks (in @graph, lists...)."""
    for script in root.find_all(("script",)):
        if script.get("type").split(";")[0].strip().lower() != "application/ld+json":
            continue
        raw = script.text().strip()
        raw = _SCRIPT_WRAPPER.sub("", raw)
        try:
            data = json.loads(raw, strict=False)  # raw newlines inside strings are common
        except (ValueError, RecursionError):
            continue
        found = next(_job_nodes(data, 0), None)
        if found is not None:
            return found
    return None


def _job_nodes(node: object, depth: int) -> Iterator[dict[str, Any]]:
    if depth > 8:
        return
    if isinstance(node, list):
        for item in node:
            yield from _job_nodes(item, depth + 1)
    elif isinstance(node, dict):
        kinds = node.get("@type")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if any(isinstance(k, str) and k.split("/")[-1].lower() == "jobposting" for k in kinds):
            yield node
        for value in node.values():
            if isinstance(value, dict | list):
                yield from _job_nodes(value, depth + 1)


def _job_text(job: dict[str, Any], name: str) -> str:
    """The JobPosting description as lines, plus requirement fields it does not repeat."""
    lines = fragment_lines(_scalar(job.get("description")), name)
    seen = " ".join(lines).lower()
    for key in _EXTRA_FIELDS:
        value = job.get(key)
        parts = value if isinstance(value, list) else [value]
        extra: list[str] = []
        for part in parts:
            if isinstance(part, dict):
                part = part.get("description") or part.get("name")
            extra.extend(fragment_lines(_scalar(part), name))
        extra = [line for line in extra if line.lower() not in seen]
        if extra:
            heading = re.sub(r"(?<!^)(?=[A-Z])", " ", key).capitalize()
            lines.extend(["", heading, *extra])
    return "\n".join(lines).strip()


def _company(org: object) -> str:
    if isinstance(org, list):
        org = org[0] if org else None
    if isinstance(org, dict):
        return _clean(_scalar(org.get("name")) or _scalar(org.get("legalName")))
    return _clean(_scalar(org))


def _page_text(root: Node) -> str:
    """The main text of a page without its navigation, banners and other furniture."""
    for node in root.find_all(_NEVER_TEXT):
        node.remove()
    main = _main_container(root)
    total = main.text_size()
    for node in main.find_all():
        if node.tag in ("html", "body") or node.detached():
            continue
        verdict = _chrome(node)
        if verdict is None:
            continue
        # A guess from a class name or a <form> never drops a wrapper holding the posting
        # itself (ASP.NET wraps whole pages in a <form>; sites put "modal-open" on wrappers).
        if verdict == "guess" and (node.find(_ARTICLE) or node.text_size() > total / 2):
            continue
        node.remove()
    return "\n".join(_lines(main)).strip()


def _main_container(root: Node) -> Node:
    """The element most likely to hold the posting: main, article, role=main, job description."""
    groups = [
        root.find_all(("main",)),
        root.find_all(where=lambda node: node.get("role").lower() == "main"),
        root.find_all(("article",)),
        root.find_all(where=lambda node: bool(_JOB_WORDS.search(_attr_text(node)))),
    ]
    for group in groups:
        sized = [(node.text_size(), index, node) for index, node in enumerate(group)]
        sized = [item for item in sized if item[0]]
        if sized:
            return max(sized, key=lambda item: (item[0], -item[1]))[2]
    return root.find(("body",)) or root


def _chrome(node: Node) -> str | None:
    """'sure' for furniture by tag or ARIA role, 'guess' by form or id/class words, else None."""
    if node.tag in _CHROME_TAGS:
        # Inside the article a <header> holds the job title, so only page-level ones go.
        if node.tag in ("header", "footer") and node.has_ancestor(_ARTICLE):
            return None
        return "guess" if node.tag == "form" else "sure"
    if node.get("role").lower() in _CHROME_ROLES:
        return "sure"
    words = set(re.split(r"[^a-z]+", _attr_text(node).lower()))
    if node.get("aria-modal") == "true" or words & _CHROME_WORDS:
        return "guess"
    return None


def _attr_text(node: Node) -> str:
    return " ".join((node.get("id"), node.get("class"), node.get("aria-label")))


def _page_title(root: Node) -> str:
    """og:title, else the article's h1, else the first h1, else the <title>."""
    for meta in root.find_all(("meta",)):
        if "og:title" in (meta.get("property"), meta.get("name")) and _squash(meta.get("content")):
            return _squash(meta.get("content"))
    headings = root.find_all(("h1",))
    inside = [h for h in headings if h.has_ancestor(_ARTICLE)]
    for candidate in (*inside, *headings[:1], root.find(("title",))):
        if candidate is not None and _squash(candidate.text()):
            return _squash(candidate.text())
    return ""


def _lines(root: Node) -> list[str]:
    """Walk a tree and cut its text into lines at block boundaries; <li> lines get '- '."""
    lines: list[str] = []
    current: list[str] = []
    prefix = [""]  # the "- " owed to the first line of the list item being walked

    def flush() -> None:
        line = _squash("".join(current))
        current.clear()
        if line:
            lines.append(prefix[0] + line)
            prefix[0] = ""

    def end_item() -> None:
        flush()
        prefix[0] = ""

    # An explicit stack instead of recursion: saved pages can nest thousands of levels deep.
    stack: list[Node | str | Callable[[], None]] = [root]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            current.append(item)
            continue
        if not isinstance(item, Node):
            item()
            continue
        name = item.tag
        if name in _NEVER_TEXT and item is not root:
            continue
        if name == "br":
            flush()
        elif name == "li":
            flush()
            prefix[0] = "- "
            stack.append(end_item)
        elif name in ("td", "th"):
            current.append(" ")
            stack.append(" ")
        elif name in _BLOCKS:
            flush()
            if name in _HEADINGS and lines and lines[-1]:
                lines.append("")  # a blank line before a heading marks a new section
            stack.append(flush)
        stack.extend(reversed(item.children))
    flush()
    return lines


def _scalar(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def _clean(text: str) -> str:
    """Collapse whitespace and resolve entities left in JSON-LD strings."""
    return _squash(html.unescape(text))


def _squash(text: str) -> str:
    """Collapse runs of whitespace (non-breaking spaces too) and drop zero-width characters."""
    return _SPACE.sub(" ", text.translate(_ZERO_WIDTH)).strip()
