"""Read a page's real tags as a browser's tokenizer does, to check what markup a report actually contains."""

from __future__ import annotations

from html.parser import HTMLParser

URL_ATTRIBUTES = ("src", "href", "action", "formaction", "srcset", "poster", "data", "background", "xlink:href")


class Tags(HTMLParser):
    """Every start tag of a page with its attributes (text, however tag-like, is not a tag)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def named(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for t, attrs in self.tags if t == tag]

    def event_handlers(self) -> list[str]:
        return [a for _, attrs in self.tags for a in attrs if a.startswith("on")]


def attribute_urls(html: str) -> list[str]:
    """Values of every URL-carrying attribute in the page's real tags."""
    return [(attrs[k] or "").strip() for _, attrs in Tags(html).tags for k in URL_ATTRIBUTES if k in attrs]
