"""The printable one-page close card as a standalone HTML page (Jinja2, autoescaped)."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from interview_closer import __version__
from interview_closer.core.models import Plan
from interview_closer.render.card_view import card_view
from interview_closer.render.common import WORDS_PER_MINUTE

if TYPE_CHECKING:
    from jinja2 import Environment

TEMPLATE = "close_card.html.j2"
MACROS = "close_card_macros.html.j2"
# The card quotes up to two resume lines per skill; the text view shows them all.
CARD_QUOTES = 2


@lru_cache(maxsize=1)
def template_environment() -> Environment:
    """The Jinja2 environment for the package's card templates, with autoescape always on."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    return Environment(
        loader=PackageLoader("interview_closer", "data/templates"),
        # Always on, whatever the file extension: every resume and posting string is
        # untrusted, and a posting carrying <script> must come out as text.
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_html(plan: Plan) -> str:
    """The plan as a self-contained HTML close card (embedded CSS, prints on one page)."""
    template = template_environment().get_template(TEMPLATE)
    return template.render(
        card=card_view(plan, max_quotes=CARD_QUOTES),
        words_per_minute=WORDS_PER_MINUTE,
        generated_by=f"Made with interview-closer {__version__}",
    )
