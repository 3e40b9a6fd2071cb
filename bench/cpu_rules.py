"""CPU time per document of each rule, and of reading and analysing (issue 19).

    PYTHONPATH=<tree> python bench/cpu_rules.py DIR [--top 20]

In one process: lints the first file and loads both languages' analysers (warm), then every
.docx/.txt of DIR in-process (``jdlint check --jobs 1 --no-cache --output-format json``, report
to /dev/null) with each rule's check wrapped in ``time.process_time``. Tokens are shared per
file, so a text's tokenisation is charged to the first rule that asks for it. ``~read_target``
is reading, ``~analyse_file`` reading plus the structure layer; ``~of which tokens``
(tokenising every text once) and ``~of which phrases`` (phrase matching) are inside the rules'
figures, and ``~json encoding`` is the report's. Run it on two trees in turn (A B A B) to
compare; CPU time still moves with the machine's load, so compare interleaved runs only.
"""

from __future__ import annotations

import argparse
import dataclasses
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("docs", type=Path)
    parser.add_argument("--top", type=int, default=20)
    args = parser.parse_args(argv)

    from click.testing import CliRunner

    import jdlint.engine.lint as lint_module
    import jdlint.engine.pipeline as pipeline
    from jdlint.cli import cli

    files = sorted(p for p in args.docs.iterdir() if p.suffix in (".docx", ".txt"))
    base = ["check", "--no-cache", "--no-progress", "--output-format", "json", "--jobs", "1",
            "--exit-zero", "-o", "/dev/null"]
    CliRunner().invoke(cli, [*base, str(files[0])])
    # NOTE: both languages' analysers loaded first, or the first rule to lemmatise the other
    # language is charged its one-time load (~70 ms: ~0.7 ms/doc over 100 files)
    from jdlint import nlp

    nlp.lemma("работа", "ru"), nlp.lemma("darbas", "lt")
    totals: dict[str, float] = {}

    def timed(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*a: Any, **k: Any) -> Any:
            start = time.process_time()
            out = func(*a, **k)
            # NOTE: a generator is run here so its work is charged; any other value is
            # returned as it came (a tuple made a list breaks a caller that adds tuples)
            if isinstance(out, Iterator):
                out = list(out)
            totals[name] = totals.get(name, 0.0) + time.process_time() - start
            return out
        return wrapper

    original = lint_module._run

    def run(file_documents: Any, rule_list: Sequence[Any], *a: Any, **k: Any) -> Any:
        wrapped = [r if r.check is None else dataclasses.replace(r, check=timed(r.code, r.check))
                   for r in rule_list]
        return original(file_documents, wrapped, *a, **k)

    lint_module._run = run
    # NOTE: analyse_file calls read_target through the module global, so both are seen.
    pipeline.read_target = timed("~read_target", pipeline.read_target)
    pipeline.analyse_file = timed("~analyse_file", pipeline.analyse_file)
    # NOTE: shared work, charged inside the rules above as well (overlapping figures): the
    # tokenising of every text (jdlint.nlp.tokens, called once per text through the
    # document's DocumentNLP), phrase matching, and the JSON report's encoding
    import jdlint.nlp as nlp
    import jdlint.output.json as json_output
    from jdlint.nlp.matcher import PhraseMatcher

    nlp.tokens = timed("~of which tokens", nlp.tokens)  # type: ignore[assignment]
    PhraseMatcher.find = timed("~of which phrases", PhraseMatcher.find)  # type: ignore[method-assign]
    json_output._dumps = timed("~json encoding", json_output._dumps)
    start = time.process_time()
    CliRunner().invoke(cli, [*base, *map(str, files)])
    total = time.process_time() - start
    print(f"{len(files)} documents, total {total / len(files) * 1000:.1f} ms/doc")
    for name, value in sorted(totals.items(), key=lambda kv: -kv[1])[:args.top]:
        print(f"{name:16s} {value / len(files) * 1000:6.2f} ms/doc {value / total * 100:5.1f} %")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
