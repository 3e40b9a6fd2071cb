"""How the shipped Lithuanian lemma table (``jdlint/nlp/data/lt-lemmas.txt.gz``) is made from
spaCy's lookup table, and how to make it again. Not imported when jdlint lints.

The source is ``spacy_lookups_data/data/lt_lemma_lookup.json.gz`` of the ``spacy-lookups-data``
package (MIT licence, ExplosionAI GmbH; version and SHA-256 recorded in the data file;
licence text beside it in ``data/LICENSE-lt-lemmas.txt``): a gzipped JSON object, form →
lemma, 230,095 case-sensitive keys. ``build`` compiles it into the compact form jdlint reads:

* keys case-folded (125,207 left); a lower-case key wins over a capitalised one;
* every headword (a value of the table) maps to itself: the raw table sends many lemmas to
  something else ("teikti" → "teiktas", "aikštė" → "aikštyti"), 4,126 such keys;
* a genitive in "-os"/"-ės" listed under a verb while the noun ("-a"/"-ė") is a headword takes
  the noun ("dienos" → "diena", not "dienoti"), 143 keys;
* agent nouns in "-tojas" listed under the feminine ("tarnautojas" → "tarnautoja") take the
  masculine as the lemma of both genders (job titles are named in the masculine);
* a stem index (``lithuanian.stem(headword)`` → headword, only where the stem is unambiguous)
  lets unknown inflections reach their headword.

Regenerate (with ``spacy-lookups-data`` installed, e.g. ``pip install spacy-lookups-data``)::

    python -m jdlint.nlp.lt_table [SOURCE.json.gz]

The output is deterministic (sorted, gzip without a timestamp): the same source gives the same
bytes, which ``tests/test_lt_lemma_data.py`` checks when the package is installed.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import json
import sys
from pathlib import Path

from jdlint.core.text import fold
from jdlint.nlp.lithuanian import DATA_FILE, FORMAT, Table, stem

SOURCE_PACKAGE = "spacy_lookups_data"
SOURCE_FILE = "lt_lemma_lookup.json.gz"


def source_path() -> Path | None:
    """Where an installed ``spacy-lookups-data`` keeps the table (the package not imported:
    its ``__init__`` builds paths for every language), or None when it is not installed."""
    spec = importlib.util.find_spec(SOURCE_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "data" / SOURCE_FILE


def build(raw: dict[str, str]) -> Table:
    """Compile the raw spaCy table into the compact form (see the module docstring)."""
    shared: dict[str, str] = {}
    forms: dict[str, str] = {}
    for key, value in raw.items():
        folded = fold(key)
        if key == folded or folded not in forms:
            lem = fold(value)
            forms[folded] = shared.setdefault(lem, lem)
    for head in shared:
        forms[head] = head
    for form, lem in forms.items():
        # NOTE: genitives of feminine nouns listed under a verb ("dienos" → "dienoti",
        # "teisės" → "teisėti"): the noun wins when it is a headword.
        if lem.endswith(("ti", "tis")) and form.endswith(("os", "ės")):
            noun = form[:-2] + ("a" if form.endswith("os") else "ė")
            if noun in shared:
                forms[form] = shared[noun]
    # NOTE: agent nouns in "-tojas" are listed under the feminine ("tarnautojas" →
    # "tarnautoja"); job titles are named in the masculine, which becomes the lemma of both.
    feminine = {
        form[:-1]: form
        for form in forms
        if form.endswith("tojas") and form[:-1] in shared and forms[form] != form
    }
    for form, lem in forms.items():
        masculine = feminine.get(lem)
        if masculine is not None:
            forms[form] = shared.setdefault(masculine, masculine)
    for masculine in feminine.values():
        forms[masculine] = shared[masculine]
    stems: dict[str, str] = {}
    ambiguous: set[str] = set()
    for head in shared:
        key = stem(head)
        if key in ambiguous:
            continue
        if key in stems and stems[key] != head:
            del stems[key]
            ambiguous.add(key)
        else:
            stems[key] = head
    return Table(forms, stems)


def serialise(table: Table, source: str, digest: str) -> bytes:
    """The data file's bytes (format in ``jdlint.nlp.lithuanian.parse``): forms grouped under
    their lemma, each lemma written once, everything sorted, no timestamp in the gzip header."""
    grouped: dict[str, list[str]] = {}
    for form, lem in table.forms.items():
        grouped.setdefault(lem, []).append(form)
    lemmas = sorted(grouped)
    index = {lem: i for i, lem in enumerate(lemmas)}
    forms = [form for lem in lemmas for form in sorted(grouped[lem])]
    stems = sorted(table.stems)
    words = [*lemmas, *forms, *stems]
    if any(not w or "\t" in w or "\n" in w for w in words):
        raise ValueError("a word is empty or holds a tab or a line break")
    header = {
        "format": FORMAT,
        "source": source,
        "source_sha256": digest,
        "licence": "MIT (spacy-lookups-data, ExplosionAI GmbH): see LICENSE-lt-lemmas.txt",
        "lemmas": len(lemmas),
        "forms": len(forms),
        "stems": len(stems),
    }
    lines = [
        json.dumps(header, ensure_ascii=False, sort_keys=True),
        "\t".join(lemmas),
        " ".join(str(len(grouped[lem])) for lem in lemmas),
        "\t".join(forms),
        "\t".join(stems),
        " ".join(str(index[table.stems[key]]) for key in stems),
    ]
    text = "\n".join(lines) + "\n"
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def source_label() -> str:
    """"spacy-lookups-data 1.0.5: …/lt_lemma_lookup.json.gz" for the installed version."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("spacy-lookups-data")
    except PackageNotFoundError:
        found = "unknown version"
    return f"spacy-lookups-data {found}: spacy_lookups_data/data/{SOURCE_FILE}"


def compile_file(source: Path) -> bytes:
    """The data file compiled from the raw table at ``source``."""
    data = source.read_bytes()
    raw: dict[str, str] = json.loads(gzip.decompress(data))
    return serialise(build(raw), source_label(), hashlib.sha256(data).hexdigest())


def main(argv: list[str] | None = None) -> int:
    """Write ``jdlint/nlp/data/lt-lemmas.json.gz`` from the source table."""
    args = sys.argv[1:] if argv is None else argv
    source = Path(args[0]) if args else source_path()
    if source is None or not source.is_file():
        print("lt_table: the source table was not found (pip install spacy-lookups-data, or "
              "give its lt_lemma_lookup.json.gz)", file=sys.stderr)
        return 2
    target = Path(__file__).resolve().parent / "data" / DATA_FILE
    target.write_bytes(compile_file(source))
    print(f"wrote {target} ({target.stat().st_size:,} bytes) from {source}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
