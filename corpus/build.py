"""Regenerate the jdlint test corpus from ``corpus/src`` and ``corpus/manifest.yaml``.

Every manifest entry names a UTF-8 source text ``corpus/src/<name>.txt`` (LF line ends, typed
clause numbers) and the output forms to render into ``corpus/<lang>/``:

========================  ==================================  ====================================
form                      file                                what it is
========================  ==================================  ====================================
``txt-utf8``              ``<name>.txt``                      the source as is (UTF-8, LF)
``txt-cp1251``            ``<name>.cp1251.txt``               Windows-1251, CRLF
``txt-cp1257``            ``<name>.cp1257.txt``               Windows-1257, CRLF
``txt-utf16``             ``<name>.utf16.txt``                UTF-16 LE with BOM, CRLF
``docx-auto``             ``<name>.docx``                     typed numbers -> Word auto-numbering
``docx-typed``            ``<name>.typed.docx``               numbers typed in the paragraph text
``docx-runs``             ``<name>.runs.docx``                auto-numbering, words split over runs
``docx-table-approval``   ``<name>.table-approval.docx``      approval block in a 1x2 table, typed
``docx-tracked``          ``<name>.tracked.docx``             typed, one tracked insertion and one
                                                              tracked deletion (``revisions``)
========================  ==================================  ====================================

In DOCX forms the leading indentation of a line (used in the TXT sources to push the approval
block to the right) is dropped; one line is one paragraph.

The build is deterministic: DOCX parts are re-zipped in a fixed order with a fixed timestamp,
the core properties get fixed dates and author, and tracked-change ids are renumbered per file,
so rebuilding gives identical bytes. Before writing, the manifest is validated and every
``excerpt`` of a defect or trap is checked against the source text and its clause.

Usage::

    python corpus/build.py           # write corpus/ru/* and corpus/lt/*, remove stale files
    python corpus/build.py --check   # exit 1 if a file is missing, stale or different
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from jdlint.testing.docxbuild import P, Table, build_docx, text_to_docx

CORPUS = Path(__file__).resolve().parent
SRC = CORPUS / "src"
MANIFEST = CORPUS / "manifest.yaml"

LANGS = ("ru", "lt")
KINDS = ("instruction", "web-copy", "article", "vacancy")
PROFILES = ("ru-standard", "lt-private", "lt-civil-service", "lt-public-contract")
SUFFIX = {
    "txt-utf8": ".txt",
    "txt-cp1251": ".cp1251.txt",
    "txt-cp1257": ".cp1257.txt",
    "txt-utf16": ".utf16.txt",
    "docx-auto": ".docx",
    "docx-typed": ".typed.docx",
    "docx-runs": ".runs.docx",
    "docx-table-approval": ".table-approval.docx",
    "docx-tracked": ".tracked.docx",
}
CODE = re.compile(r"JD\d{3}")
NUMBER = re.compile(r"\s*(\d{1,3}(?:\.\d{1,3})*)\.?(?=\s)")
APPROVAL = re.compile(r"(УТВЕРЖДАЮ|УТВЕРЖДЕН[АО]?|TVIRTINU|PATVIRTINTA)\b")

FIXED_ZIP_TIME = (2024, 1, 1, 0, 0, 0)
FIXED_DATE = "2024-01-01T00:00:00Z"
AUTHOR = "jdlint corpus"


class ManifestError(ValueError):
    """The manifest or a source text does not satisfy the corpus rules."""


@dataclass(frozen=True)
class Entry:
    """One manifest entry, validated."""

    name: str
    lang: str
    outputs: tuple[str, ...]
    revisions: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def source(self) -> Path:
        return SRC / f"{self.name}.txt"

    def target(self, form: str) -> Path:
        return CORPUS / self.lang / f"{self.name}{SUFFIX[form]}"


# ----------------------------------------------------------------------------- validation


def _clause_blocks(text: str) -> Iterator[tuple[str, str]]:
    """(typed clause number, clause text up to the next numbered line) for every clause."""
    lines = text.splitlines()
    starts = [(i, m.group(1)) for i, line in enumerate(lines) if (m := NUMBER.match(line))]
    for k, (i, number) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
        yield number, "\n".join(lines[i:end])


def _check_item(name: str, text: str, item: Any, where: str) -> None:
    if not isinstance(item, dict) or not CODE.fullmatch(str(item.get("code", ""))):
        raise ManifestError(f"{name}: {where}: needs a JDnnn code: {item!r}")
    if not item.get("note"):
        raise ManifestError(f"{name}: {where} {item['code']}: needs a note")
    clause, excerpt = item.get("clause"), item.get("excerpt")
    if clause is not None and not isinstance(clause, str):
        raise ManifestError(f"{name}: {item['code']}: clause must be a string or null")
    if excerpt is None:
        return
    if excerpt not in text:
        raise ManifestError(f"{name}: {item['code']}: excerpt not in source: {excerpt!r}")
    if clause is not None and not any(
        number == clause and excerpt in block for number, block in _clause_blocks(text)
    ):
        raise ManifestError(f"{name}: {item['code']}: excerpt not in clause {clause}: {excerpt!r}")


def _entry(raw: Any) -> Entry:
    if not isinstance(raw, dict):
        raise ManifestError(f"manifest entry is not a mapping: {raw!r}")
    name = str(raw.get("name", ""))
    if not re.fullmatch(r"(ru|lt)_[a-z0-9_]+", name):
        raise ManifestError(f"bad name {name!r}")
    for key, allowed in (("lang", LANGS), ("kind", KINDS), ("profile", PROFILES)):
        if raw.get(key) not in allowed:
            raise ManifestError(f"{name}: {key} must be one of {allowed}")
    if not name.startswith(raw["lang"] + "_"):
        raise ManifestError(f"{name}: name does not start with its language")
    outputs = tuple(raw.get("outputs") or ())
    if not outputs or any(form not in SUFFIX for form in outputs):
        raise ManifestError(f"{name}: outputs must be a non-empty subset of {tuple(SUFFIX)}")
    source = SRC / f"{name}.txt"
    if not source.is_file():
        raise ManifestError(f"{name}: missing source {source}")
    text = source.read_text(encoding="utf-8")
    defects, traps = raw.get("defects") or [], raw.get("traps") or []
    if bool(raw.get("clean")) == bool(defects):
        raise ManifestError(f"{name}: clean must be true exactly when defects is empty")
    for item in defects:
        _check_item(name, text, item, "defect")
        for form in item.get("only_in") or ():
            if form not in outputs:
                raise ManifestError(f"{name}: only_in {form} is not among the outputs")
    for item in traps:
        _check_item(name, text, item, "trap")
    revisions = raw.get("revisions") or {}
    if ("docx-tracked" in outputs) != bool(revisions):
        raise ManifestError(f"{name}: docx-tracked needs revisions, and only it")
    if revisions and set(revisions) != {"insert", "delete"}:
        raise ManifestError(f"{name}: revisions needs exactly insert and delete")
    return Entry(name, raw["lang"], outputs, revisions)


def load_manifest(path: Path = MANIFEST) -> list[Entry]:
    """Read and validate the manifest; raise ManifestError on the first problem."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(raw, list):
        raise ManifestError("the manifest must be a list of entries")
    entries = [_entry(item) for item in raw]
    names = [e.name for e in entries]
    if len(set(names)) != len(names):
        raise ManifestError("duplicate names in the manifest")
    return entries


# ----------------------------------------------------------------------------- rendering


def _txt(encoding: str, crlf: bool) -> Callable[[Entry, str], bytes]:
    def render(entry: Entry, text: str) -> bytes:
        body = text.replace("\n", "\r\n") if crlf else text
        try:
            return body.encode(encoding)
        except UnicodeEncodeError as exc:
            bad = body[exc.start : exc.end]
            raise ManifestError(f"{entry.name}: {bad!r} cannot be written in {encoding}") from exc

    return render


def _paragraph_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines()]


def _clause_line(lines: list[str], clause: str) -> int:
    for i, line in enumerate(lines):
        m = NUMBER.match(line)
        if m and m.group(1) == clause:
            return i
    raise ManifestError(f"no line numbered {clause}")


def _typed_items(entry: Entry, text: str, table_approval: bool) -> list[P | Table]:
    lines = _paragraph_lines(text)
    items: list[P | Table] = [P(line) for line in lines]
    if entry.revisions:
        ins, dele = entry.revisions["insert"], entry.revisions["delete"]
        i = _clause_line(lines, ins["clause"])
        items[i] = P(lines[i], inserted=ins["text"])
        d = _clause_line(lines, dele["clause"])
        items[d] = P(lines[d], deleted=dele["text"])
    if table_approval:
        start = next((i for i, line in enumerate(lines) if APPROVAL.match(line)), None)
        if start is None:
            raise ManifestError(f"{entry.name}: docx-table-approval needs an approval block")
        end = next((i for i in range(start, len(lines)) if not lines[i]), len(lines))
        left = "\n".join(line for line in lines[:start] if line)
        right = "\n".join(lines[start:end])
        items = [Table([[left, right]]), *items[end:]]
    return items


def _docx(entry: Entry, text: str, form: str) -> bytes:
    flat = "\n".join(_paragraph_lines(text))
    if form == "docx-auto":
        data = text_to_docx(flat, numbering="auto")
    elif form == "docx-runs":
        data = text_to_docx(flat, numbering="auto", split_runs=True)
    elif form == "docx-typed":
        data = text_to_docx(flat, numbering="typed")
    else:
        data = build_docx(_typed_items(entry, text, table_approval=form == "docx-table-approval"))
    return _deterministic(data, entry.name)


def _deterministic(data: bytes, title: str) -> bytes:
    """Re-zip with fixed timestamps and order; fix core properties and revision ids."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            blob = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                blob = _core_properties(blob.decode("utf-8"), title).encode("utf-8")
            elif info.filename == "word/document.xml":
                blob = _renumber_revisions(blob.decode("utf-8")).encode("utf-8")
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, blob)
    return out.getvalue()


def _core_properties(xml: str, title: str) -> str:
    replacements = {
        r"<dc:title\s*/>|<dc:title>.*?</dc:title>": f"<dc:title>{title}</dc:title>",
        r"<dc:creator>.*?</dc:creator>": f"<dc:creator>{AUTHOR}</dc:creator>",
        r"<dc:description>.*?</dc:description>": "<dc:description/>",
        r"(<dcterms:created[^>]*>).*?(</dcterms:created>)": rf"\g<1>{FIXED_DATE}\g<2>",
        r"(<dcterms:modified[^>]*>).*?(</dcterms:modified>)": rf"\g<1>{FIXED_DATE}\g<2>",
    }
    for pattern, new in replacements.items():
        xml = re.sub(pattern, new, xml, count=1)
    return xml


def _renumber_revisions(xml: str) -> str:
    counter = iter(range(1, 1 << 20))
    return re.sub(
        r'(<w:(?:ins|del)\b[^>]*?\bw:id=")\d+(")',
        lambda m: f"{m.group(1)}{next(counter)}{m.group(2)}",
        xml,
    )


RENDERERS: dict[str, Callable[[Entry, str], bytes]] = {
    "txt-utf8": _txt("utf-8", crlf=False),
    "txt-cp1251": _txt("cp1251", crlf=True),
    "txt-cp1257": _txt("cp1257", crlf=True),
    "txt-utf16": _txt("utf-16", crlf=True),
}


def render(entry: Entry, form: str) -> bytes:
    """The bytes of one output form of one entry."""
    text = entry.source.read_text(encoding="utf-8")
    if form in RENDERERS:
        return RENDERERS[form](entry, text)
    return _docx(entry, text, form)


def build(entries: list[Entry]) -> dict[Path, bytes]:
    """Every output file of the corpus with its bytes."""
    return {entry.target(form): render(entry, form) for entry in entries for form in entry.outputs}


def _stale(expected: dict[Path, bytes]) -> list[Path]:
    found = [p for lang in LANGS if (CORPUS / lang).is_dir() for p in (CORPUS / lang).iterdir()]
    return sorted(p for p in found if p.is_file() and p not in expected)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    try:
        files = build(load_manifest())
    except ManifestError as exc:
        print(f"corpus/build.py: {exc}", file=sys.stderr)
        return 2
    stale = _stale(files)
    if args.check:
        differ = [p for p, data in files.items() if not p.is_file() or p.read_bytes() != data]
        for path in differ + stale:
            print(f"out of date: {path.relative_to(CORPUS)}", file=sys.stderr)
        return 1 if differ or stale else 0
    for path in stale:
        path.unlink()
    for path, data in sorted(files.items()):
        path.parent.mkdir(exist_ok=True)
        if not path.is_file() or path.read_bytes() != data:
            path.write_bytes(data)
    print(f"corpus: {len(files)} files from {len(load_manifest())} documents")
    return 0


if __name__ == "__main__":
    sys.exit(main())
