"""Lithuanian lemmas: a form → lemma table shipped with jdlint
(``jdlint/nlp/data/lt-lemmas.txt.gz``, 125,207 case-folded forms), loaded on first use and
kept for the process, corrected by ``rules/lang/lt-lemmas.yaml``, with a suffix-stripping
fallback (``stem``) for unknown words.

The table is spaCy's Lithuanian lookup table (``spacy-lookups-data``, MIT licence; the text is
in ``data/LICENSE-lt-lemmas.txt``) compiled once, when it is regenerated, by
``jdlint.nlp.lt_table`` (which says what the compilation changes and how to run it again). Only
that 0.5 MB file ships, not the 99 MB package. It is plain data, gzipped text that cannot run
code (no pickle, no cache folder): forms grouped under their lemma, and the stem index (stem →
headword) that lets unknown inflections reach their headword (format in ``parse``).

Measured (2-core machine shared under load): loading the table 0.25-0.4 s once per process
(gunzip + JSON + a dict of 125,207 forms), RSS +30 MB; what it replaced was a 0.65-0.9 s build
from spaCy's JSON, cached as a pickle in the user's cache folder. A 445-word document then
costs 1.5 ms with the word cache cleared, 1.1 ms with it kept.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jdlint.nlp.resources import overrides

CACHE_SIZE = 1 << 16
FORMAT = 1
DATA_FILE = "lt-lemmas.txt.gz"

# NOTE: Lithuanian nominal, adjectival (definite forms too) and common verbal endings, for
# the fallback stemmer. Measured on the table itself (each known form treated as unknown):
# stem → headword finds the right lemma for 62 % of forms with these endings, 34 % with the
# shared ``jdlint.core.text.light_stem``.
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
    """The shipped table (``jdlint/nlp/data/lt-lemmas.txt.gz``)."""
    return Path(__file__).resolve().parent / "data" / DATA_FILE


def parse(data: bytes) -> Table:
    """The table from the data file's bytes; anything but the expected shape is an error.

    The file is gzipped UTF-8 text, six lines: a JSON header (format, source and its SHA-256,
    licence, and the counts below); the lemmas, tab-separated; how many forms each lemma
    has, space-separated; the forms, tab-separated, grouped by lemma in that order; the stems,
    tab-separated; the index (into the lemmas) of each stem's headword. Building the dicts
    from these lines runs in C (split, zip, repeat): about as fast as the pickle it replaced.
    """
    import gzip
    import json
    from itertools import chain, repeat

    lines = gzip.decompress(data).decode("utf-8").split("\n")
    header = json.loads(lines[0]) if lines else None
    if not isinstance(header, dict) or header.get("format") != FORMAT or len(lines) != 7:
        raise ValueError(f"{DATA_FILE}: not a format-{FORMAT} Lithuanian lemma table")
    lemmas = lines[1].split("\t")
    counts = [int(n) for n in lines[2].split()]
    forms = lines[3].split("\t")
    stems = lines[4].split("\t")
    heads = [int(n) for n in lines[5].split()]
    if (len(lemmas), len(forms), len(stems)) != (
        header.get("lemmas"), header.get("forms"), header.get("stems")
    ) or len(counts) != len(lemmas) or sum(counts) != len(forms) or len(heads) != len(stems) \
            or min(counts, default=1) < 1 or not all(0 <= i < len(lemmas) for i in heads):
        raise ValueError(f"{DATA_FILE}: the counts do not match the header")
    # NOTE: one lemma string shared by all its forms.
    table = dict(zip(forms, chain.from_iterable(map(repeat, lemmas, counts)), strict=True))
    index = dict(zip(stems, map(lemmas.__getitem__, heads), strict=True))
    return Table(table, index)


def load() -> Table:
    """Read the shipped table."""
    return parse(data_path().read_bytes())


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
    """Lemma of one folded word (``jdlint.core.text.fold`` applied by the caller)."""
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
