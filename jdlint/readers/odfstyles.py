"""ODF styles as the ODT reader needs them: paragraph and text styles (parent chain, the name a
person sees, the list style a paragraph style carries, hidden text), list styles and the outline
style, from content.xml's automatic styles and styles.xml's named and automatic styles.
"""

from __future__ import annotations

from dataclasses import field
from typing import Any

from jdlint.core.records import record
from jdlint.readers.odfnumbering import STYLE_NS, TEXT_NS, ListStyle, parse_list_style

__all__ = ["OdfStyles"]

_T, _S = "{" + TEXT_NS + "}", "{" + STYLE_NS + "}"


@record(frozen=False, slots=True)
class _Style:
    parent: str | None = None
    display: str | None = None
    list_style: str | None = None
    hidden: bool = False
    automatic: bool = False


@record(frozen=False, slots=True)
class OdfStyles:
    """Paragraph and text styles, list styles and the outline style of one document."""

    styles: dict[str, _Style] = field(default_factory=dict)
    lists: dict[str, ListStyle] = field(default_factory=dict)
    outline: ListStyle | None = None

    def add(self, container: Any, automatic: bool) -> None:
        if container is None:
            return
        for el in container:
            if el.tag == _S + "style":
                props = el.find(_S + "text-properties")
                hidden = props is not None and props.get(_T + "display") == "none"
                self.styles.setdefault(el.get(_S + "name", ""), _Style(
                    el.get(_S + "parent-style-name"), el.get(_S + "display-name"),
                    el.get(_S + "list-style-name"), hidden, automatic))
            elif el.tag == _T + "list-style":
                style = parse_list_style(el)
                self.lists.setdefault(style.name, style)
            elif el.tag == _T + "outline-style" and self.outline is None:
                self.outline = parse_list_style(el)

    def _chain(self, name: str | None) -> list[_Style]:
        out: list[_Style] = []
        seen: set[str] = set()
        while name and name not in seen and name in self.styles and len(out) < 32:
            seen.add(name)
            out.append(self.styles[name])
            name = self.styles[name].parent
        return out

    def name(self, name: str | None) -> str | None:
        """The name a person sees: that of the first non-automatic style up the chain."""
        seen: set[str] = set()
        while name and name not in seen:
            seen.add(name)
            style = self.styles.get(name)
            if style is None:
                return name.replace("_20_", " ")
            if not style.automatic:
                return style.display or name.replace("_20_", " ")
            name = style.parent
        return None

    def list_style(self, name: str | None) -> str | None:
        return next((s.list_style for s in self._chain(name) if s.list_style), None)

    def hidden(self, name: str | None) -> bool:
        return bool(name) and any(s.hidden for s in self._chain(name)[:1])
