"""Amplification (issue 18, item 5): small files whose numbering or lists PRODUCE far more than
their bytes. Each is built at test time (a few KB), run through ``jdlint check`` in a separate
process with a timeout, and must end as one line of JD001 (or be read in linear time) — a hang
or a traceback fails. The timeout is a safety net against a hang, not a performance budget.
"""

from __future__ import annotations

import io
import json
import random
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from jdlint.readers.docx import MAX_RUNS
from jdlint.readers.limits import MAX_CHARS
from jdlint.readers.numbering import MAX_LIST_DEFINITIONS
from jdlint.testing.docxbuild import NAMESPACES, xml_docx
from jdlint.testing.odtbuild import number_style, odt_bytes, para

ROOT = Path(__file__).resolve().parents[1]
GOOD = ROOT / "corpus" / "ru" / "ru_hr_clean.txt"
TIMEOUT_S = 240.0  # a hang, not a budget (2 cores shared by many jobs)

_ITEM = ('<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr></w:pPr>'
         "<w:r><w:t>Ведёт учёт договоров.</w:t></w:r></w:p>")


def _p(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def _numbering(inner: str) -> str:
    return f"<w:numbering {NAMESPACES}>{inner}</w:numbering>"


def _abstract(aid: int, level: str, extra: str = "") -> str:
    return f'<w:abstractNum w:abstractNumId="{aid}">{extra}{level}</w:abstractNum>'


def _num(nid: int, aid: int, override: str = "") -> str:
    return f'<w:num w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>{override}</w:num>'


def _level(text: str = "%1.", start: str = "1", fmt: str = "decimal") -> str:
    return (f'<w:lvl w:ilvl="0"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/></w:lvl>')


def stored(data: bytes) -> bytes:
    """The same package without compression: the attack is the produced size, not a ZIP bomb
    (which the package limits refuse first, with another reason)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as zf:
        for info in src.infolist():
            zf.writestr(info.filename, src.read(info), compress_type=zipfile.ZIP_STORED)
    return out.getvalue()


def _docx(numbering: str, items: int = 200, num: int = 1) -> bytes:
    return stored(xml_docx(_p("Должностная инструкция") + _ITEM.format(num=num) * items,
                    {"numbering.xml": numbering}))


def lvltext_bomb() -> bytes:
    return _docx(_numbering(_abstract(0, _level("%1" * 1_000_000)) + _num(1, 0)))


def letters_label_bomb() -> bytes:
    # 127 references to a letter counter near Word's 32767: 160,000 characters per label
    return _docx(_numbering(_abstract(0, _level("%1" * 127, "32000", "lowerLetter"))
                            + _num(1, 0)))


def too_many_abstracts() -> bytes:
    return _docx(_numbering("".join(_abstract(i, _level())
                                    for i in range(MAX_LIST_DEFINITIONS + 1)) + _num(1, 0)))


def too_many_nums() -> bytes:
    return _docx(_numbering(_abstract(0, _level()) + "".join(
        _num(i, 0) for i in range(1, MAX_LIST_DEFINITIONS + 2))))


def runs_bomb() -> bytes:
    run = "<w:r><w:t>а</w:t></w:r>"
    return stored(xml_docx(_p("Должностная инструкция") + f"<w:p>{run * (MAX_RUNS + 1)}</w:p>"))


def text_bomb() -> bytes:
    # MAX_CHARS of text in few paragraphs: refused while reading, not after the rules ran
    rng = random.Random(18)
    chunk = 100_000
    body = "".join(_p("".join(rng.choices("абвгдежзиклмнопрстуф ", k=chunk)))
                   for _ in range(MAX_CHARS // chunk + 2))
    return xml_docx(_p("Должностная инструкция") + body)


def odt_prefix_bomb() -> bytes:
    style = number_style("L1", [{"num-format": "1", "num-prefix": "ab" * 300_000}])
    items = "".join(f"<text:list-item>{para('Ведёт учёт.')}</text:list-item>"
                    for _ in range(200))
    return stored(odt_bytes(para("Pareigybės aprašymas")
                            + f'<text:list text:style-name="L1">{items}</text:list>',
                            automatic=style))


def odt_bullet_bomb() -> bytes:
    style = ('<text:list-style style:name="L1"><text:list-level-style-bullet text:level="1" '
             f'text:bullet-char="{"•" * 300_000}"/></text:list-style>')
    items = "".join(f"<text:list-item>{para('Ведёт учёт.')}</text:list-item>"
                    for _ in range(200))
    return stored(odt_bytes(para("Pareigybės aprašymas")
                            + f'<text:list text:style-name="L1">{items}</text:list>',
                            automatic=style))


REFUSED: list[tuple[str, Callable[[], bytes], str, str]] = [
    ("lvltext.docx", lvltext_bomb, "docx", "numbering level text"),
    ("letters.docx", letters_label_bomb, "docx", "numbering label"),
    ("abstracts.docx", too_many_abstracts, "docx", "abstractNum definitions"),
    ("nums.docx", too_many_nums, "docx", "num definitions"),
    ("runs.docx", runs_bomb, "docx", "pieces of text"),
    ("text.docx", text_bomb, "docx", "characters of text"),
    ("prefix.odt", odt_prefix_bomb, "odt", "list level text"),
    ("bullet.odt", odt_bullet_bomb, "odt", "list level text"),
]


def check_subprocess(*paths: Path) -> tuple[int, dict[str, Any]]:
    """``jdlint check --output-format json --no-cache`` in its own process, with a timeout."""
    done = subprocess.run(
        [sys.executable, "-m", "jdlint", "check", "--output-format", "json", "--no-cache",
         *map(str, paths)], capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
    assert "Traceback" not in done.stderr
    return done.returncode, json.loads(done.stdout)


@pytest.mark.parametrize(("name", "make", "fmt", "reason"), REFUSED,
                         ids=[case[0] for case in REFUSED])
def test_amplifying_file_is_one_line_jd001(
    tmp_path: Path, name: str, make: Callable[[], bytes], fmt: str, reason: str
) -> None:
    bad = tmp_path / name
    bad.write_bytes(make())
    assert bad.stat().st_size < 5_000_000  # the point: small input, huge output
    code, report = check_subprocess(GOOD, bad)
    assert code == 2
    files = {entry["path"]: entry for entry in report["files"]}
    error = files[str(bad)]["error"]
    assert error is not None and error["code"] == "JD001", files[str(bad)]
    assert reason in error["message"] and "\n" not in error["message"]
    assert files[str(GOOD)]["error"] is None


def _linear_chain(length: int) -> bytes:
    # abstractNum i links (numStyleLink) to the style abstractNum i+1 defines (styleLink):
    # a chain rescanned per paragraph is quadratic; followed at most once per num, it is not.
    abstracts = "".join(
        _abstract(i, _level(), f'<w:numStyleLink w:val="s{i + 1}"/><w:styleLink w:val="s{i}"/>')
        for i in range(length))
    return _docx(_numbering(abstracts + _num(1, 0)), items=2000)


def _many_abstracts(count: int) -> bytes:
    levels = "".join(
        _abstract(i, f'<w:lvl w:ilvl="0"><w:pStyle w:val="S{i}"/><w:lvlText w:val="%1."/></w:lvl>')
        for i in range(count))
    body = _p("Должностная инструкция") + "".join(
        f'<w:p><w:pPr><w:pStyle w:val="S{count - 1}"/><w:numPr><w:numId w:val="1"/></w:numPr>'
        f"</w:pPr><w:r><w:t>Ведёт учёт {i}.</w:t></w:r></w:p>" for i in range(2000))
    return xml_docx(body, {"numbering.xml": _numbering(levels + _num(1, 0))})


@pytest.mark.parametrize("make", [lambda: _linear_chain(10_000), lambda: _many_abstracts(10_000)],
                         ids=["numStyleLink-chain", "10000-abstractNums"])
def test_long_chains_and_many_definitions_are_read(tmp_path: Path,
                                                   make: Callable[[], bytes]) -> None:
    path = tmp_path / "sarasai.docx"
    path.write_bytes(make())
    code, report = check_subprocess(path)
    assert code in (0, 1)
    entry = report["files"][0]
    assert entry["error"] is None and entry["documents"]


def test_resolution_follows_each_chain_once(monkeypatch: pytest.MonkeyPatch,
                                            tmp_path: Path) -> None:
    """Not a timing: the number of numStyleLink hops followed stays linear in the document."""
    from jdlint.readers import numbering, read_path

    hops = 0
    real = numbering.Numbering.__init__

    def counting(self: numbering.Numbering, *args: Any, **kwargs: Any) -> None:
        nonlocal hops
        real(self, *args, **kwargs)
        table = self._by_style_link

        class Counting(dict[str, numbering.AbstractNum]):
            def get(self, key: Any, default: Any = None) -> Any:
                nonlocal hops
                hops += 1
                return table.get(key, default)

        self._by_style_link = Counting(table)

    monkeypatch.setattr(numbering.Numbering, "__init__", counting)
    path = tmp_path / "chain.docx"
    path.write_bytes(_linear_chain(200))
    blocks = read_path(path).blocks
    assert sum(1 for b in blocks if b.auto_number) == 2000
    assert hops <= numbering.MAX_LINK_CHAIN + 1
