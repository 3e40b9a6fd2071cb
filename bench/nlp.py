"""NLP layer costs: load times, cold and warm lemmatisation per document, µs per word, RSS.

    python bench/nlp.py [--repeat 3] [--out bench/RESULTS-nlp.md]

Documents are the texts of ``corpus/src`` (``ru_*.txt``, ``lt_*.txt``), tokenised one line
(paragraph) per call as the rules do. Every "cold" figure comes from a fresh interpreter
(this script re-runs itself with ``--child``), so imports and loads are really paid:

* ``import jdlint.nlp`` alone;
* first document of a language in a new process: load (pymorphy3 analyser / LT table) and
  the whole document; RSS before and after;
* Russian with the pure-Python DAWG (the C ``dawg`` module blocked) for comparison;
* Lithuanian: the table shipped as data (``jdlint/nlp/data/lt-lemmas.txt.gz``);
* the tokenizers: the regex (default), spaCy's blank "ru" / "lt" tokenizer as shipped, and
  jdlint's spaCy backend (``jdlint.nlp.spacy_backend``): set-up (``import spacy``,
  ``spacy.blank``, tuning), µs per word and ms per document, alone and inside
  ``nlp.tokens()``; and a cold first document with ``JDLINT_TOKENIZER=spacy``.

"Warm" figures are medians over ``--repeat`` passes in one process: per document with the
word → lemma cache cleared before each document, and with the cache kept (steady state of a
batch), plus the analyser / table alone per word, no cache.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "corpus" / "src"


def rss_mb() -> float:
    """Current resident set size of this process, MB."""
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def docs(lang: str) -> list[list[str]]:
    """The corpus documents of ``lang`` as lists of non-empty lines."""
    out = []
    for path in sorted(SOURCES.glob(f"{lang}_*.txt")):
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
        out.append(lines)
    return out


def _block_c_dawg() -> None:
    """Make ``import dawg`` fail so pymorphy3 falls back to the pure-Python DAWG."""

    class Blocker:
        def find_spec(self, name: str, *_: Any) -> None:
            if name == "dawg":
                raise ImportError("blocked by bench")

    sys.meta_path.insert(0, Blocker())


# ---------------------------------------------------------------- children (fresh processes)


def child_import() -> dict[str, Any]:
    t0 = time.perf_counter()
    import jdlint.nlp  # noqa: F401

    heavy = [m for m in ("pymorphy3", "spacy", "dawg", "spacy_lookups_data") if m in sys.modules]
    return {"import_ms": (time.perf_counter() - t0) * 1e3, "heavy_modules": heavy}


def child_cold(lang: str) -> dict[str, Any]:
    rss0 = rss_mb()
    t0 = time.perf_counter()
    from jdlint import nlp

    t1 = time.perf_counter()
    nlp.lemma("работа" if lang == "ru" else "darbas", lang)
    t2 = time.perf_counter()
    rss_loaded = rss_mb()
    doc = docs(lang)[0]
    words = 0
    for line in doc:
        words += sum(1 for t in nlp.tokens(line, lang) if t.is_word)
    t3 = time.perf_counter()
    fast = "dawg" in sys.modules
    return {
        "import_ms": (t1 - t0) * 1e3,
        "load_ms": (t2 - t1) * 1e3,
        "first_doc_ms": (t3 - t2) * 1e3,
        "words": words,
        "rss_start": rss0,
        "rss_loaded": rss_loaded,
        "rss_after_doc": rss_mb(),
        "c_dawg": fast,
    }


def child_spacy(lang: str) -> dict[str, Any]:
    """spaCy's blank tokenizer alone, jdlint's spaCy backend and the regex, on one language."""
    t0 = time.perf_counter()
    import spacy

    t1 = time.perf_counter()
    plain = spacy.blank(lang)
    t2 = time.perf_counter()
    from jdlint import nlp as jnlp
    from jdlint.nlp import spacy_backend
    from jdlint.nlp.tokenize import split

    spacy_backend.pipeline(lang)
    t3 = time.perf_counter()
    corpus = docs(lang)
    lines = [ln for d in corpus for ln in d]
    words = sum(1 for ln in lines for *_, kind in split(ln) if kind == "word")
    jnlp.lemmas("x", lang)

    def best(func: Any) -> tuple[float, int]:
        n, times = 0, []
        for _ in range(5):
            t = time.perf_counter()
            n = func()
            times.append(time.perf_counter() - t)
        return min(times), n

    rows = {
        "spacy_plain": best(lambda: sum(len(plain.tokenizer(ln)) for ln in lines)),
        "spacy_backend": best(
            lambda: sum(1 for ln in lines for _ in spacy_backend.split(ln, lang))
        ),
        "regex": best(lambda: sum(1 for ln in lines for _ in split(ln))),
    }
    for name in ("regex", "spacy"):
        jnlp.set_tokenizer(name)
        rows[f"tokens_{name}"] = best(
            lambda: sum(len(jnlp.tokens(ln, lang)) for ln in lines)
        )
    out: dict[str, Any] = {
        "import_ms": (t1 - t0) * 1e3,
        "blank_ms": (t2 - t1) * 1e3,
        "customise_ms": (t3 - t2) * 1e3,
        "docs": len(corpus),
        "words": words,
    }
    for name, (secs, count) in rows.items():
        out[f"{name}_us_word"] = secs / words * 1e6
        out[f"{name}_ms_doc"] = secs / len(corpus) * 1e3
        out[f"{name}_tokens"] = count
    return out


def child_warm(lang: str, repeat: int) -> dict[str, Any]:
    from jdlint import nlp
    from jdlint.core.text import fold
    from jdlint.nlp import lithuanian, russian
    from jdlint.nlp.tokenize import split

    corpus = docs(lang)
    nlp.lemma("x", lang)
    words = [p for d in corpus for ln in d for p, _, _, k in split(ln) if k == "word"]
    n_words = len(words)

    def run() -> None:
        for d in corpus:
            for ln in d:
                nlp.tokens(ln, lang)

    def per_doc_cleared() -> float:
        total = 0.0
        for d in corpus:
            nlp.clear_caches()  # NOTE: the word caches of nlp.tokens too, not only the LRUs
            t = time.perf_counter()
            for ln in d:
                nlp.tokens(ln, lang)
            total += time.perf_counter() - t
        return total

    cleared = statistics.median(per_doc_cleared() for _ in range(repeat))
    run()
    kept = []
    for _ in range(repeat):
        t = time.perf_counter()
        run()
        kept.append(time.perf_counter() - t)
    warm = statistics.median(kept)
    folded = [fold(w) for w in words]
    t = time.perf_counter()
    if lang == "ru":
        analyser = russian.analyzer()
        for w in folded:
            _ = analyser.parse(w)[0].normal_form
    else:
        table = lithuanian.table()
        for w in folded:
            table.forms.get(w) or lithuanian.fallback(w, table)
    raw = time.perf_counter() - t
    t = time.perf_counter()
    for d in corpus:
        for ln in d:
            for _ in split(ln):
                pass
    tok = time.perf_counter() - t
    return {
        "docs": len(corpus),
        "words": n_words,
        "distinct": len(set(folded)),
        "cleared_ms_doc": cleared / len(corpus) * 1e3,
        "cleared_us_word": cleared / n_words * 1e6,
        "warm_ms_doc": warm / len(corpus) * 1e3,
        "warm_us_word": warm / n_words * 1e6,
        "raw_us_word": raw / n_words * 1e6,
        "tokenize_us_word": tok / n_words * 1e6,
        "cache_info": str(
            russian.lemma.cache_info() if lang == "ru" else lithuanian.lemma.cache_info()
        ),
    }


# ---------------------------------------------------------------- parent


def run_child(*args: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--child", *args]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env)
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def median_child(repeat: int, *args: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run a cold child ``repeat`` times; numeric fields are medians."""
    runs = [run_child(*args, env=env) for _ in range(repeat)]
    merged: dict[str, Any] = dict(runs[-1])
    for key, value in runs[-1].items():
        if isinstance(value, float):
            merged[key] = statistics.median(r[key] for r in runs)
    return merged


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    ns = parser.parse_args()
    if ns.child:
        mode, *rest = ns.child
        if "pure" in rest:
            _block_c_dawg()
        if mode == "import":
            res = child_import()
        elif mode == "cold":
            res = child_cold(rest[0])
        elif mode == "spacy":
            res = child_spacy(rest[0])
        else:
            res = child_warm(rest[0], ns.repeat)
        print(json.dumps(res))
        return

    r = ns.repeat
    os.environ.pop("JDLINT_TOKENIZER", None)  # NOTE: the regex rows need the default backend
    imp = median_child(r, "import")
    lt_shipped = median_child(r, "cold", "lt")
    lt_warm = run_child("warm", "lt")
    sp_lt = median_child(r, "spacy", "lt")
    ru_fast = median_child(r, "cold", "ru")
    ru_pure = median_child(r, "cold", "ru", "pure")
    ru_warm = run_child("warm", "ru")
    ru_warm_pure = run_child("warm", "ru", "pure")
    sp_ru = median_child(r, "spacy", "ru")
    env_spacy = {**os.environ, "JDLINT_TOKENIZER": "spacy"}
    ru_spacy_cold = median_child(r, "cold", "ru", env=env_spacy)

    lines = [
        "# NLP layer benchmark",
        "",
        f"Machine: {platform.machine()}, Python {platform.python_version()}, "
        f"{platform.system().lower()}; one process, one core. Documents: corpus/src "
        f"({ru_warm['docs']} RU, {lt_warm['docs']} LT; "
        f"{ru_warm['words'] / ru_warm['docs']:.0f} / {lt_warm['words'] / lt_warm['docs']:.0f} "
        "words per document), tokenised one line per call. Cold = fresh process, "
        f"median of {r}.",
        "",
        f"`import jdlint.nlp`: {imp['import_ms']:.1f} ms; heavy modules imported: "
        f"{', '.join(imp['heavy_modules']) or 'none'}.",
        "",
        "## Cold: first use in a new process",
        "",
        "| case | load ms | first doc ms | RSS before → loaded → after doc (MB) |",
        "| --- | ---: | ---: | --- |",
    ]
    for name, c in (
        ("ru, pymorphy3 + C DAWG (pymorphy3[fast])", ru_fast),
        ("ru, pymorphy3 pure-Python DAWG", ru_pure),
        ("lt, table shipped as data (gzipped text)", lt_shipped),
    ):
        lines.append(
            f"| {name} | {c['load_ms']:.0f} | {c['first_doc_ms']:.1f} | "
            f"{c['rss_start']:.0f} → {c['rss_loaded']:.0f} → {c['rss_after_doc']:.0f} |"
        )
    lines += [
        "",
        "## Warm: one process, analyser loaded",
        "",
        "| case | ms/doc, cache cleared per doc | µs/word | ms/doc, cache kept | µs/word "
        "| analyser alone µs/word (no cache) | tokenizer µs/word |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, w in (
        ("ru, C DAWG", ru_warm),
        ("ru, pure-Python DAWG", ru_warm_pure),
        ("lt", lt_warm),
    ):
        lines.append(
            f"| {name} | {w['cleared_ms_doc']:.2f} | {w['cleared_us_word']:.1f} | "
            f"{w['warm_ms_doc']:.2f} | {w['warm_us_word']:.1f} | {w['raw_us_word']:.1f} | "
            f"{w['tokenize_us_word']:.2f} |"
        )
    lines += [
        "",
        "## Tokenizers: the regex (default) and the spaCy backend",
        "",
        "Set-up is paid once per process, in a fresh one (median of the cold runs); per-word and "
        "per-document figures are the best of 5 passes over the language's documents, one line "
        "per call. `tokens()` includes lemmas (cache warm).",
        "",
        "| lang | tokenizer | set-up ms | ms/doc | µs/word | tokens |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for lang, sp in (("ru", sp_ru), ("lt", sp_lt)):
        lines += [
            f"| {lang} | jdlint.nlp.tokenize (regex, default) | 0 | {sp['regex_ms_doc']:.2f} | "
            f"{sp['regex_us_word']:.2f} | {sp['regex_tokens']} |",
            f'| {lang} | spaCy `spacy.blank("{lang}")` tokenizer, untuned | '
            f"{sp['import_ms']:.0f} import + {sp['blank_ms']:.0f} blank | "
            f"{sp['spacy_plain_ms_doc']:.2f} | {sp['spacy_plain_us_word']:.2f} | "
            f"{sp['spacy_plain_tokens']} |",
            f"| {lang} | jdlint.nlp.spacy_backend (tuned) | import + "
            f"{sp['customise_ms']:.0f} `pipeline()` (blank + tuning) | "
            f"{sp['spacy_backend_ms_doc']:.2f} | "
            f"{sp['spacy_backend_us_word']:.2f} | {sp['spacy_backend_tokens']} |",
            f"| {lang} | `nlp.tokens()`, regex backend | | {sp['tokens_regex_ms_doc']:.2f} | "
            f"{sp['tokens_regex_us_word']:.2f} | {sp['tokens_regex_tokens']} |",
            f"| {lang} | `nlp.tokens()`, spaCy backend | | {sp['tokens_spacy_ms_doc']:.2f} | "
            f"{sp['tokens_spacy_us_word']:.2f} | {sp['tokens_spacy_tokens']} |",
        ]
    lines += [
        "",
        "Cold, first RU document in a new process with `JDLINT_TOKENIZER=spacy`: import "
        f"{ru_spacy_cold['import_ms']:.0f} ms, analyser {ru_spacy_cold['load_ms']:.0f} ms, "
        f"first document {ru_spacy_cold['first_doc_ms']:.0f} ms (spaCy's start-up included; "
        f"{ru_fast['first_doc_ms']:.1f} ms with the regex), RSS "
        f"{ru_spacy_cold['rss_start']:.0f} → {ru_spacy_cold['rss_after_doc']:.0f} MB "
        f"(regex: {ru_fast['rss_start']:.0f} → {ru_fast['rss_after_doc']:.0f} MB).",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    if ns.out:
        ns.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
