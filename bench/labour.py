"""Cost of the labour-law rules (JD201–JD211) per document: lemmatisation and the rules.

    python bench/labour.py [--repeat 5]

Documents are the corpus files of ``corpus/ru`` and ``corpus/lt`` (TXT forms), read and
analysed once (reading is not measured here: see ``bench/reading.py``). Figures, printed as
Markdown:

* cold: a fresh interpreter (this script re-runs itself with ``--child``) imports jdlint, loads
  the rules and lints the first document of a language with JD2xx only: the pymorphy3
  analyser / Lithuanian table load, the rule data compilation and the document are all paid;
* warm, lemmas: every block of a document tokenised and lemmatised with the word → lemma and
  token caches cleared before each document (``jdlint.nlp.clear_caches``);
* warm, rules: JD201–JD211 on a document, caches cleared before each document (lemmas and
  rules together), and with caches kept (the steady state of a batch).

Medians over ``--repeat`` passes, ms per document. What the rules find (their cases and the
real documents of ``../shared/wild``) is ``bench/labour_reach.py``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def files(lang: str) -> list[Path]:
    return sorted(p for p in (ROOT / "corpus" / lang).glob("*.txt") if ".utf16." not in p.name)


def child_cold(lang: str) -> dict[str, Any]:
    start = time.perf_counter()
    from jdlint.engine.lint import lint
    from jdlint.engine.pipeline import Settings, analyse_file
    from jdlint.engine.registry import load_rules

    rules = [r for c, r in load_rules().items() if c.startswith("JD2")]
    fa = analyse_file(files(lang)[0], Settings())
    loaded = time.perf_counter()
    lint(fa.documents, rules)
    done = time.perf_counter()
    return {"import_and_read_ms": (loaded - start) * 1e3, "first_lint_ms": (done - loaded) * 1e3}


def _clear() -> None:
    from jdlint import nlp

    nlp.clear_caches()


def warm(lang: str, repeat: int) -> dict[str, Any]:
    from jdlint import nlp
    from jdlint.engine.lint import lint
    from jdlint.engine.pipeline import Settings, analyse_file
    from jdlint.engine.registry import load_rules

    rules = [r for c, r in load_rules().items() if c.startswith("JD2")]
    docs = [analyse_file(p, Settings()).documents for p in files(lang)]
    words = sum(len(nlp.lemmas(b.text, lang)) for d in docs for b in d[0].raw.blocks)
    for d in docs:  # NOTE: loads the analyser and compiles the rule data once
        lint(d, rules)
    lem: list[float] = []
    cold_rules: list[float] = []
    warm_rules: list[float] = []
    for _ in range(repeat):
        for d in docs:
            _clear()
            t = time.perf_counter()
            for b in d[0].raw.blocks:
                nlp.tokens(b.text, lang)
            lem.append((time.perf_counter() - t) * 1e3)
            _clear()
            t = time.perf_counter()
            lint(d, rules)
            cold_rules.append((time.perf_counter() - t) * 1e3)
            t = time.perf_counter()
            lint(d, rules)
            warm_rules.append((time.perf_counter() - t) * 1e3)
    return {"docs": len(docs), "words_per_doc": words / max(len(docs), 1),
            "lemmas_cleared_ms": statistics.median(lem),
            "rules_cleared_ms": statistics.median(cold_rules),
            "rules_cached_ms": statistics.median(warm_rules)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--child", choices=["ru", "lt"])
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child_cold(args.child)))
        return
    print("| language | docs | words/doc | cold: import+read | cold: first JD2xx lint | "
          "lemmas, cache cleared | JD2xx, cache cleared | JD2xx, cache kept |")
    print("|---|---|---|---|---|---|---|---|")
    for lang in ("ru", "lt"):
        colds = [json.loads(subprocess.run([sys.executable, __file__, "--child", lang],
                                           capture_output=True, text=True, check=True).stdout)
                 for _ in range(3)]
        cold = {k: statistics.median(c[k] for c in colds) for k in colds[0]}
        w = warm(lang, args.repeat)
        print(f"| {lang} | {w['docs']} | {w['words_per_doc']:.0f} | "
              f"{cold['import_and_read_ms']:.0f} ms | {cold['first_lint_ms']:.0f} ms | "
              f"{w['lemmas_cleared_ms']:.2f} ms | {w['rules_cleared_ms']:.2f} ms | "
              f"{w['rules_cached_ms']:.2f} ms |")


if __name__ == "__main__":
    main()
