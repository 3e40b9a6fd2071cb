"""Reading + structure throughput on a generated corpus, against python-docx's own load.

    python bench/reading.py [--docs 300] [--repeat 3] [--out bench/RESULTS-reading.md]

Generates DOCX and TXT instructions from the corpus sources (each one varied so no two files
are equal), then measures per document, median of ``--repeat`` passes, one process, one core:

* python-docx ``Document()`` + every paragraph's text (the floor the budget is stated against)
* jdlint's DOCX reader alone, and reader + structure (``analyse``)
* the same for TXT
* peak resident memory of the process

Numbers go to stdout and to a Markdown file with the machine they came from.
"""

from __future__ import annotations

import argparse
import platform
import random
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import docx

from jdlint.readers import read_path
from jdlint.structure import analyse
from jdlint.testing.docxbuild import text_to_docx

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "corpus" / "src").glob("*.txt"))


def _vary(text: str, rng: random.Random) -> str:
    """Shuffle a few duty lines and stretch the text to about four pages."""
    lines = text.splitlines()
    extra = [ln for ln in lines if ln[:2].strip().isdigit() and len(ln) > 60]
    rng.shuffle(extra)
    return "\n".join(lines + [""] + [f"Примечание: {ln}" for ln in extra[:5]])


def generate(folder: Path, count: int) -> tuple[list[Path], list[Path]]:
    """Write ``count`` DOCX and ``count`` TXT files into ``folder``."""
    rng = random.Random(20261127)
    texts = [p.read_text(encoding="utf-8") for p in SOURCES]
    docx_files, txt_files = [], []
    for i in range(count):
        text = _vary(texts[i % len(texts)], rng)
        d = folder / f"doc{i:05d}.docx"
        d.write_bytes(text_to_docx(text))
        t = folder / f"doc{i:05d}.txt"
        t.write_text(text, encoding="utf-8")
        docx_files.append(d)
        txt_files.append(t)
    return docx_files, txt_files


def _python_docx(path: Path) -> None:
    document = docx.Document(str(path))
    for paragraph in document.paragraphs:
        _ = paragraph.text


def _read(path: Path) -> None:
    read_path(path)


def _read_analyse(path: Path) -> None:
    analyse(read_path(path))


def measure(files: list[Path], fn: Callable[[Path], None], repeat: int) -> float:
    """Median milliseconds per document over ``repeat`` passes."""
    passes = []
    for _ in range(repeat):
        start = time.perf_counter()
        for path in files:
            fn(path)
        passes.append((time.perf_counter() - start) * 1000 / len(files))
    return statistics.median(passes)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and write the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS-reading.md")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        docx_files, txt_files = generate(Path(tmp), args.docs)
        _read_analyse(docx_files[0])  # warm imports and caches once
        rows = [
            ("python-docx Document() + paragraph texts", measure(docx_files, _python_docx,
                                                                 args.repeat)),
            ("jdlint DOCX reader", measure(docx_files, _read, args.repeat)),
            ("jdlint DOCX reader + structure", measure(docx_files, _read_analyse, args.repeat)),
            ("jdlint TXT reader", measure(txt_files, _read, args.repeat)),
            ("jdlint TXT reader + structure", measure(txt_files, _read_analyse, args.repeat)),
        ]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    floor = rows[0][1]
    lines = [
        "# Reading and structure benchmark",
        "",
        f"Machine: {platform.machine()}, {platform.processor() or 'cpu ?'}, Python "
        f"{platform.python_version()}, {sys.platform}; one process, one core.",
        f"Corpus: {args.docs} generated DOCX + {args.docs} TXT instructions (RU and LT, "
        f"from corpus/src), median of {args.repeat} passes.",
        "",
        "| step | ms/doc | docs/s | × python-docx load |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name, ms in rows:
        lines.append(f"| {name} | {ms:.2f} | {1000 / ms:.0f} | {ms / floor:.2f} |")
    lines += ["", f"Peak resident memory: {peak_mb:.0f} MB.", ""]
    report = "\n".join(lines)
    print(report)
    args.out.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
