"""Build OpenDocument text (.odt) files for tests: a ZIP with ``mimetype`` first (stored),
``content.xml``, ``styles.xml`` and a manifest, from XML snippets.

This module owns the test-side ODT writer: :func:`odt_bytes` wraps a body and style snippets
into a package; :func:`para`, :func:`heading`, :func:`olist` and :func:`number_style` write the
snippets so that tests read as the document they build (text is XML-escaped).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

__all__ = ["NS", "bullet_style", "heading", "number_style", "odt_bytes", "olist", "para",
           "text_to_odt"]

MIME = "application/vnd.oasis.opendocument.text"
NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'office:version="1.3"'
)
_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest '
    'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
    f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{MIME}"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)


def para(text: str, style: str | None = None) -> str:
    """A ``text:p``; ``text`` may hold snippets already (pass them through :func:`escape`
    yourself for literal text with markup)."""
    attr = f" text:style-name={quoteattr(style)}" if style else ""
    return f"<text:p{attr}>{escape(text)}</text:p>"


def heading(text: str, level: int, **attrs: str) -> str:
    """A ``text:h`` at outline ``level`` (extra attributes as ``name="value"`` of text:)."""
    extra = "".join(f" text:{k.replace('_', '-')}={quoteattr(v)}" for k, v in attrs.items())
    return f'<text:h text:outline-level="{level}"{extra}>{escape(text)}</text:h>'


def olist(items: Sequence[str | tuple[str, str]], style: str | None = None,
          **attrs: str) -> str:
    """A ``text:list`` of items. An item is a snippet (a paragraph, a nested list) or
    (snippet, start-value). ``attrs``: continue_numbering="true", continue_list="L1",
    xml_id="L1" (written xml:id)."""
    head = f" text:style-name={quoteattr(style)}" if style else ""
    for key, value in attrs.items():
        name = "xml:id" if key == "xml_id" else "text:" + key.replace("_", "-")
        head += f" {name}={quoteattr(value)}"
    body = []
    for item in items:
        if isinstance(item, tuple):
            snippet, start = item
            body.append(f'<text:list-item text:start-value="{start}">{snippet}</text:list-item>')
        else:
            body.append(f"<text:list-item>{item}</text:list-item>")
    return f"<text:list{head}>{''.join(body)}</text:list>"


def number_style(name: str, levels: Sequence[dict[str, str]], tag: str = "text:list-style"
                 ) -> str:
    """A list style; each level a dict of ODF attributes without prefix handling:
    {"num-format": "1", "num-suffix": ".", "display-levels": "2", "start-value": "3"}."""
    out = [f"<{tag} style:name={quoteattr(name)}>"]
    element = "text:outline-level-style" if tag == "text:outline-style" \
        else "text:list-level-style-number"
    for i, level in enumerate(levels, 1):
        attrs = "".join(
            f" {'text' if k in ('display-levels', 'start-value') else 'style'}:{k}="
            f"{quoteattr(v)}" for k, v in level.items())
        out.append(f'<{element} text:level="{i}"{attrs}/>')
    out.append(f"</{tag}>")
    return "".join(out)


def bullet_style(name: str, char: str = "•") -> str:
    """A one-level bullet list style."""
    return (f"<text:list-style style:name={quoteattr(name)}><text:list-level-style-bullet "
            f"text:level=\"1\" text:bullet-char={quoteattr(char)}/></text:list-style>")


def odt_bytes(body: str, *, styles: str = "", automatic: str = "", master: str = "",
              tracked: str = "", extra: dict[str, bytes] | None = None,
              mimetype_first: bool = True) -> bytes:
    """An ODT package: ``body`` inside office:text (after ``tracked``, the changes log),
    ``styles`` in styles.xml's office:styles (list and outline styles, named styles),
    ``automatic`` in content.xml's automatic styles, ``master`` inside office:master-styles."""
    content = (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {NS}>'
               f"<office:automatic-styles>{automatic}</office:automatic-styles>"
               f"<office:body><office:text>{tracked}{body}</office:text></office:body>"
               "</office:document-content>")
    style_xml = (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles {NS}>'
                 f"<office:styles>{styles}</office:styles>"
                 f"<office:master-styles>{master}</office:master-styles>"
                 "</office:document-styles>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        members = {"content.xml": content.encode(), "styles.xml": style_xml.encode(),
                   "META-INF/manifest.xml": _MANIFEST.encode(), **(extra or {})}
        if mimetype_first:
            zf.writestr(zipfile.ZipInfo("mimetype"), MIME, compress_type=zipfile.ZIP_STORED)
        for name, data in members.items():
            zf.writestr(name, data)
        if not mimetype_first:
            zf.writestr("mimetype", MIME)
    return buf.getvalue()


def text_to_odt(text: str) -> bytes:
    """An ODT of a plain-text instruction: one paragraph per non-empty line, typed numbers kept
    as text (what a person typing in LibreOffice without auto-numbering makes)."""
    return odt_bytes("".join(para(line.strip()) for line in text.splitlines() if line.strip()))
