"""A small HTML tree on the standard library's html.parser.

Why not BeautifulSoup: importing bs4 costs about 80-100 ms (soupsieve compiles its CSS
grammar at import), most of a `closer prep` run's start-up budget. This tree is built
by the same tokenizer bs4's "html.parser" mode uses and offers the few queries the
posting reader needs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from html.parser import HTMLParser

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link",
                  "meta", "param", "source", "track", "wbr"})
# Tags that end an open <p> when they start (HTML's optional end tag rule, simplified).
_CLOSES_P = frozenset({"address", "article", "aside", "blockquote", "details", "div", "dl",
                       "fieldset", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
                       "h6", "header", "hr", "main", "nav", "ol", "p", "pre", "section",
                       "table", "ul"})
_LIST_SCOPE = frozenset({"ul", "ol", "menu"})


class Node:
    """An element: tag name, attributes, children (nodes and text strings) and parent."""

    __slots__ = ("attrs", "children", "parent", "tag")

    def __init__(self, tag: str, attrs: dict[str, str], parent: Node | None = None) -> None:
        self.tag = tag
        self.attrs = attrs
        self.children: list[Node | str] = []
        self.parent = parent

    def get(self, name: str) -> str:
        """An attribute's value, '' when absent."""
        return self.attrs.get(name) or ""

    def classes(self) -> list[str]:
        """The words of the class attribute."""
        return self.get("class").split()

    def elements(self) -> Iterator[Node]:
        """Every element below this one, in document order."""
        stack = [child for child in reversed(self.children) if isinstance(child, Node)]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(child for child in reversed(node.children) if isinstance(child, Node))

    def find_all(self, tags: frozenset[str] | set[str] | tuple[str, ...] = (),
                 where: Callable[[Node], bool] | None = None) -> list[Node]:
        """Elements below this one with one of `tags` (any tag if empty) passing `where`."""
        return [node for node in self.elements()
                if (not tags or node.tag in tags) and (where is None or where(node))]

    def find(self, tags: frozenset[str] | set[str] | tuple[str, ...]) -> Node | None:
        """The first element below this one with one of `tags`."""
        return next((node for node in self.elements() if node.tag in tags), None)

    def has_ancestor(self, tags: frozenset[str] | set[str] | tuple[str, ...]) -> bool:
        """True when an element above this one has one of `tags`."""
        node = self.parent
        while node is not None:
            if node.tag in tags:
                return True
            node = node.parent
        return False

    def text(self) -> str:
        """All the text below this element, concatenated."""
        parts: list[str] = []
        stack: list[Node | str] = [self]
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                parts.append(item)
            else:
                stack.extend(reversed(item.children))
        return "".join(parts)

    def text_size(self) -> int:
        """How many non-space characters of text lie below this element."""
        return sum(1 for char in self.text() if not char.isspace())

    def remove(self) -> None:
        """Detach this element (and everything below it) from the tree."""
        if self.parent is not None:
            self.parent.children = [c for c in self.parent.children if c is not self]
            self.parent = None

    def detached(self) -> bool:
        """True once this element or one above it has been removed from the document."""
        node = self
        while node.parent is not None:
            node = node.parent
        return node.tag != "#document"


class _Builder(HTMLParser):
    """Feeds html.parser events into a Node tree, tolerating unclosed and stray tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _CLOSES_P and self.stack[-1].tag == "p":
            self.stack.pop()
        if tag == "li":
            self._close_open_item()
        parent = self.stack[-1]
        node = Node(tag, {name: value or "" for name, value in attrs}, parent)
        parent.children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        parent = self.stack[-1]
        parent.children.append(Node(tag, {name: value or "" for name, value in attrs}, parent))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return
        # A stray end tag with nothing open to close is ignored, as browsers do.

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)

    def _close_open_item(self) -> None:
        """A new <li> ends the previous one of the same list."""
        for depth in range(len(self.stack) - 1, 0, -1):
            tag = self.stack[depth].tag
            if tag == "li":
                del self.stack[depth:]
                return
            if tag in _LIST_SCOPE:
                return


def parse_html(markup: str) -> Node:
    """Parse an HTML document or fragment into a tree; comments and doctypes are dropped."""
    builder = _Builder()
    builder.feed(markup)
    builder.close()
    return builder.root
