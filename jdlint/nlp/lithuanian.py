"""Lithuanian lemmas: spaCy's lookup table from the ``spacy-lookups-data`` package
(``spacy_lookups_data/data/lt_lemma_lookup.json.gz``: gzipped JSON object, form → lemma,
230,095 case-sensitive keys, 7.1 MB unpacked), loaded on first use, corrected by
``rules/lang/lt-lemmas.yaml``, with a suffix-stripping fallback (``stem``) for unknown words.

Only the data file is read: neither spaCy nor ``spacy_lookups_data`` is imported (the
package's ``__init__`` builds paths for every language). The raw table is compiled once into
a compact form and pickled in the user cache folder (``jdlint.nlp.resources.cache_dir``),
keyed by the data file's size and mtime and by ``FORMAT``:

* keys case-folded (125,207 left); a lower-case key wins over a capitalised one;
* every headword (a value of the table) maps to itself: the raw table sends many lemmas to
  something else ("teikti" → "teiktas", "aikštė" → "aikštyti"), 4,126 such keys;
* a genitive in "-os"/"-ės" listed under a verb while the noun ("-a"/"-ė") is a headword takes
  the noun ("dienos" → "diena", not "dienoti"), 143 keys;
* agent nouns in "-tojas" listed under the feminine ("tarnautojas" → "tarnautoja") take the
  masculine as the lemma of both genders (job titles are named in the masculine);
* lemma strings are shared, and a stem index (``stem(headword)`` → headword, only where the
  stem is unambiguous) lets unknown inflections reach their headword.

Measured (``bench/nlp.py``, medians of fresh processes): building from the JSON 0.65-0.9 s
(peak RSS 84 MB, 51 MB after); loading the 2.7 MB pickled compact form 51 ms, RSS 15 → 37 MB.
A 445-word document then costs 1.5 ms with the word cache cleared, 1.1 ms with it kept.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from jdlint.nlp.resources import cache_dir, overrides
from jdlint.text import fold

CACHE_SIZE = 1 << 16
FORMAT = 4
DATA_FILE = "lt_lemma_lookup.json.gz"

# NOTE: Lithuanian nominal, adjectival (definite forms too) and common verbal endings, for
# the fallback stemmer. Measured on the table itself (each known form treated as unknown):
# stem → headword finds the right lemma for 62 % of forms with these endings, 34 % with the
# shared ``jdlint.text.light_stem``.
_ENDINGS = tuple(
    sorted(
        set(
            """
            as o ui ą u e ai ų ams us ais uose ias io iui ią iu yje iai ių iams ius iais iuose
            is į ys ims imis yse ies imi a os oje oms omis ose ia ios ioje ioms iomis iose
            ė ės ei ę ėje ėms es ėmis ėse aus umi uje ūs ums umis am ame iam iame iems
            asis oji ojo osios ajam ajai ąjį ąją uoju ąja ajame ojoje ieji ųjų iesiems osioms
            uosius ąsias aisiais osiomis uosiuose osiose
            ti tis asi osi isi ėsi ate ome ote ime ite avo ėjo ydavo
            """.split()
        ),
        key=len,
        reverse=True,
    )
)
MIN_STEM = 3


def stem(word: str) -> str:
    """Strip the longest Lithuanian ending, keeping at least ``MIN_STEM`` letters."""
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return word[: -len(ending)]
    return word


class Table:
    """The compact lookup table: folded form → lemma, and stem → headword."""

    __slots__ = ("forms", "stems")

    def __init__(self, forms: dict[str, str], stems: dict[str, str]) -> None:
        self.forms = forms
        self.stems = stems


_table: Table | None = None


def data_path() -> Path:
    """Where ``spacy-lookups-data`` keeps the Lithuanian table (without importing it)."""
    import importlib.util

    spec = importlib.util.find_spec("spacy_lookups_data")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(
            "the Lithuanian lemma table needs the 'spacy-lookups-data' package "
            "(pip install 'spacy-lookups-data>=1.0.5')"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "data" / DATA_FILE


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


def _cache_file(source: Path) -> Path:
    stat = source.stat()
    return cache_dir() / f"lt-lemmas-f{FORMAT}-{stat.st_size}-{stat.st_mtime_ns}.pickle"


def _read_cache(path: Path) -> Table | None:
    import pickle

    try:
        with path.open("rb") as fh:
            forms, stems = pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
        return None
    if not isinstance(forms, dict) or not isinstance(stems, dict):
        return None
    return Table(forms, stems)


def _write_cache(path: Path, table: Table) -> None:
    import pickle
    import tempfile

    # NOTE: a read-only or missing home is not an error: the table is then built per process.
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump((table.forms, table.stems), fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        # NOTE: tables of older data or formats are never read again.
        for stale in path.parent.glob("lt-lemmas-*.pickle"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError:
        return


def load(use_cache: bool = True) -> Table:
    """Read the table from the cache, or build it from the package data (and cache it)."""
    source = data_path()
    cached = _cache_file(source) if use_cache else None
    if cached is not None and cached.is_file():
        table = _read_cache(cached)
        if table is not None:
            return table
    import gzip
    import json

    with gzip.open(source, "rb") as fh:
        raw: dict[str, str] = json.loads(fh.read())
    table = build(raw)
    if cached is not None:
        _write_cache(cached, table)
    return table


def table() -> Table:
    """The process's table (loaded once, on first use)."""
    global _table
    if _table is None:
        _table = load()
    return _table


def loaded() -> bool:
    """True once the table has been loaded in this process."""
    return _table is not None


def fallback(word: str, tab: Table) -> str:
    """Lemma of a word the table does not know: its headword through the stem index, else
    its light stem (so every inflection of one unknown word still shares one lemma)."""
    key = stem(word)
    return tab.stems.get(key, key)


@lru_cache(maxsize=CACHE_SIZE)
def lemma(word: str) -> str:
    """Lemma of one folded word (``jdlint.text.fold`` applied by the caller)."""
    fixes = overrides("lt")
    fixed = fixes.get(word)
    if fixed is not None:
        return fixed
    tab = table()
    found = tab.forms.get(word)
    if found is None:
        if "-" in word:
            found = "-".join(lemma(part) for part in word.split("-") if part)
        elif word.isalpha():
            found = fallback(word, tab)
        else:
            found = word
    return fixes.get(found, found)
