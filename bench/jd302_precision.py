"""Measure JD302's precision and recall per threshold on labelled clause pairs.

Every pair of clauses that JD302 would compare (same instruction, same section and list, same
figures) and that scores at least ``--floor`` is listed from: the project corpus
(``corpus/src``), and, when present beside the project, the shared seed documents
(``../shared/seeds``) and real Word files (``../shared/real-docs``). Labels live in
``bench/jd302-labels.yaml`` by file name, instruction index and the two clause paths (never the
text, so no third-party wording is copied here): ``same`` = the same clause in other words,
``different`` = two clauses a lawyer would keep. An unlabelled pair above the floor is printed
so it can be judged and added.

    python bench/jd302_precision.py [--floor 40] [--show]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
LABELS = Path(__file__).with_name("jd302-labels.yaml")
THRESHOLDS = (50, 55, 60, 65, 70, 75, 80, 85, 90)


def sources() -> list[Path]:
    """The documents the measurement runs on (shared ones only when present)."""
    files = sorted((ROOT / "corpus" / "src").glob("*.txt"))
    files += sorted((SHARED / "seeds").glob("*.txt"))
    files += sorted((SHARED / "real-docs").glob("*.docx"))
    return files


def scored_pairs(floor: float) -> list[dict[str, Any]]:
    """Every comparable pair at or above ``floor``, with its score and texts."""
    from jdlint.catalogue.ruledata import load_catalogue
    from jdlint.checklib.containment import contained_pairs
    from jdlint.checks.duplicates import candidates, similarity_pairs, weights
    from jdlint.readers import read_path
    from jdlint.structure import analyse

    meta = load_catalogue()["JD302"]
    out: list[dict[str, Any]] = []
    for path in sources():
        for doc in analyse(read_path(path)).documents:
            if doc.classification != "instruction" or doc.language is None:
                continue
            items = candidates(doc, meta.phrases, int(meta.options["stem-length"]))
            pairs = similarity_pairs(items, min_lemmas=int(meta.options["min-words"]),
                                     floor=floor)
            known = {(i, j) for i, j, _ in pairs}
            # the containment pairs JD302 adds on top of the similarity ones
            pairs += [p for p in contained_pairs([c.stems for c in items],
                                                 [(c.copy.scope, c.figures) for c in items],
                                                 int(meta.options["contained-min-stems"]),
                                                 weights(items)) if (p[0], p[1]) not in known]
            for i, j, score in pairs:
                a, b = items[i].copy.clause, items[j].copy.clause
                out.append({"file": path.name, "doc": doc.index, "a": a.path, "b": b.path,
                            "score": round(score, 1), "text_a": a.text, "text_b": b.text})
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--floor", type=float, default=40.0)
    parser.add_argument("--show", action="store_true", help="print every pair with its label")
    args = parser.parse_args(argv)
    labels = {(e["file"], e["doc"], e["a"], e["b"]): e["label"]
              for e in yaml.safe_load(LABELS.read_text("utf-8"))["pairs"]}
    present = {p.name for p in sources()}
    pairs = scored_pairs(args.floor)
    unlabelled = 0
    for pair in sorted(pairs, key=lambda p: -p["score"]):
        label = labels.get((pair["file"], pair["doc"], pair["a"], pair["b"]))
        pair["label"] = label
        if label is None:
            unlabelled += 1
        if args.show or label is None:
            print(f"{pair['score']:5.1f} {label or '?':9} {pair['file']}#{pair['doc']} "
                  f"{pair['a']} ~ {pair['b']}: {pair['text_a'][:60]} | {pair['text_b'][:60]}")
    # NOTE: recall counts every pair labelled "same" in the files present, scored or not.
    positives = sum(1 for key, label in labels.items() if label == "same" and key[0] in present)
    print(f"\n{len(pairs)} pairs scored >= {args.floor:g}, {positives} labelled 'same', "
          f"{unlabelled} unlabelled")
    print("| min-similarity | reported | same | different | precision | recall |")
    print("|---:|---:|---:|---:|---:|---:|")
    for threshold in THRESHOLDS:
        chosen = [p for p in pairs if p["score"] >= threshold and p["label"]]
        same = sum(1 for p in chosen if p["label"] == "same")
        precision = f"{same / len(chosen):.0%}" if chosen else "—"
        recall = f"{same / positives:.0%}" if positives else "—"
        print(f"| {threshold} | {len(chosen)} | {same} | {len(chosen) - same} | {precision} "
              f"| {recall} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
