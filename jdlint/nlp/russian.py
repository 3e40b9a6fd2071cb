"""Russian lemmas: pymorphy3, one ``MorphAnalyzer`` per process (created on first use), a
per-process LRU cache of word → lemma, the domain override table
``rules/lang/ru-lemmas.yaml`` and, in ``jdlint check``, the word store of the cache folder
(``wordstore``: pymorphy3's answers from earlier runs, so a cold start need not load it).

The lemma of a word is the normal form of pymorphy3's first parse, with two corrections:

* a full participle (PRTF) whose word also parses as an adjective (ADJF) takes the
  adjective's normal form: pymorphy3 puts "установленном" under "установить" but
  "установленных" under "установленный", so rules would see two lemmas for one word;
* the override table, looked up first by the word form and then by the computed lemma
  ("штрафоваться" → "штрафовать", so "штрафуется" matches a rule word "штрафовать").

Measured (``bench/nlp.py``, medians): ``import pymorphy3`` + ``MorphAnalyzer()`` 57 ms in a
fresh process (+26 MB RSS: 15 → 41 MB); an uncached parse 11 µs/word with the C DAWG of
``pymorphy3[fast]`` (DAWG2 manylinux wheel, no compiler needed) vs 83 µs/word with the
pure-Python DAWG; a 675-word document 7.4 ms (C) vs 22 ms (pure) with the cache cleared,
1.6 ms once the batch's words are cached. Lemmas are case-folded with ё → е.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jdlint.core.text import fold
from jdlint.nlp import wordstore
from jdlint.nlp.resources import overrides

CACHE_SIZE = 1 << 16

_analyzer: Any = None


def analyzer() -> Any:
    """The process's ``pymorphy3.MorphAnalyzer`` (created, and pymorphy3 imported, once)."""
    global _analyzer
    if _analyzer is None:
        import pymorphy3

        _analyzer = pymorphy3.MorphAnalyzer(**_dictionary(pymorphy3.MorphAnalyzer))
    return _analyzer


def _dictionary(analyzer_class: Any) -> dict[str, str]:
    """Where the Russian dictionary is, named directly when pymorphy3 would find the same one.

    NOTE: without a path pymorphy3 looks its dictionaries up through the entry points of every
    installed package (``importlib.metadata``: ~25 ms of a cold start); its own environment
    variable (``PYMORPHY2_DICT_PATH`` today) keeps the lookup pymorphy3 does itself.
    """
    import os

    if analyzer_class.DICT_PATH_ENV_VARIABLE in os.environ:
        return {}
    try:
        import pymorphy3_dicts_ru
    except ImportError:
        return {}
    return {"path": pymorphy3_dicts_ru.get_path(), "lang": "ru"}


def loaded() -> bool:
    """True once the analyser has been created in this process."""
    return _analyzer is not None


@lru_cache(maxsize=CACHE_SIZE)
def lemma(word: str) -> str:
    """Lemma of one folded word (``jdlint.core.text.fold`` applied by the caller)."""
    table = overrides("ru")
    fixed = table.get(word)
    if fixed is not None:
        return fixed
    normal = analysed(word)
    return table.get(normal, normal)


@wordstore.stored("lemma")
def analysed(word: str) -> str:
    """pymorphy3's part of ``lemma``: the first parse's normal form, a participle that is also
    an adjective under the adjective's, folded; the word itself when nothing parses."""
    parses = analyzer().parse(word)
    if not parses:
        return word
    first = parses[0]
    normal: str = first.normal_form
    if first.tag.POS == "PRTF":
        for parse in parses[1:]:
            if parse.tag.POS == "ADJF":
                normal = parse.normal_form
                break
    return fold(normal)


@wordstore.stored("known", decode=wordstore.flag)
def known(word: str) -> bool:
    """A folded word is a form pymorphy3's dictionary knows, and not only as an abbreviation
    ("мо" for "МО" is not a word of running text)."""
    morph = analyzer()
    if not morph.word_is_known(word):
        return False
    return any("Abbr" not in p.tag and "UNKN" not in p.tag for p in morph.parse(word))


@wordstore.stored("prefix", decode=wordstore.flag)
def begins_known(word: str) -> bool:
    """Some form of pymorphy3's dictionary begins with the folded ``word``."""
    return bool(analyzer().dictionary.words.has_keys_with_prefix(word))
