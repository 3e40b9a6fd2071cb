"""Issue 18 item 5: DOCX numbering that would grow what the reader produces is bounded.

Each file is built here, a few hundred KB at most, and linted in a subprocess with a time
limit (generous: the point is "ends with a result", not a speed budget).
"""

from __future__ import annotations

import json
import random
import string
import subprocess
import sys
from pathlib import Path

from test_hostile import NAMESPACES, p, xml_docx

ITEM = ('<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
        "<w:r><w:t>Ведёт учёт договоров.</w:t></w:r></w:p>")
NUM1 = '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'


def _level(text: str, start: str = "1") -> str:
    return (f'<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="{start}"/>'
            f'<w:numFmt w:val="decimal"/><w:lvlText w:val="{text}"/></w:lvl></w:abstractNum>')


def _lint(tmp_path: Path, numbering: str, items: int = 50) -> tuple[int, dict[str, object]]:
    path = tmp_path / "numbering.docx"
    body = p("Должностная инструкция") + ITEM * items
    path.write_bytes(xml_docx(body, {"numbering.xml": f"<w:numbering {NAMESPACES}>{numbering}"
                                                      "</w:numbering>"}))
    proc = subprocess.run([sys.executable, "-m", "jdlint", "check", "--isolated", "--no-cache",
                           "--output-format", "json", str(path)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert "Traceback" not in proc.stderr
    return proc.returncode, json.loads(proc.stdout)["files"][0]


def test_label_bomb_in_lvl_text_is_refused(tmp_path: Path) -> None:
    # NOTE: random letters keep the compression ratio under the ZIP-bomb limit, so only the
    # label limit can stop it (before the limit: 88 s and 180 million characters).
    rng = random.Random(7)
    text = "".join("%1" + rng.choice(string.ascii_letters) for _ in range(100_000))
    code, result = _lint(tmp_path, _level(text) + NUM1, items=300)
    assert code == 2
    error = result["error"]
    assert isinstance(error, dict) and "numbering level text" in error["message"]


def test_label_of_ordinary_length_is_read(tmp_path: Path) -> None:
    code, result = _lint(tmp_path, _level("Статья %1.") + NUM1)
    assert code in (0, 1) and result["error"] is None


def test_start_of_4000_digits_is_not_a_counter(tmp_path: Path) -> None:
    from jdlint.readers.numbering import _int

    assert _int("9" * 4000, 1) == 1 and _int("12", 1) == 12
    code, result = _lint(tmp_path, _level("%1.", start="9" * 4000) + NUM1)
    assert code in (0, 1) and result["error"] is None


def test_ten_thousand_list_definitions(tmp_path: Path) -> None:
    abstracts = "".join(_level("%1.").replace('w:abstractNumId="0"', f'w:abstractNumId="{i}"')
                        for i in range(10_000))
    nums = "".join(f'<w:num w:numId="{i + 1}"><w:abstractNumId w:val="{i}"/></w:num>'
                   for i in range(10_000))
    code, result = _lint(tmp_path, abstracts + nums)
    assert code in (0, 1, 2) and "Traceback" not in json.dumps(result)


def test_numstylelink_chain_of_ten_thousand(tmp_path: Path) -> None:
    chain = "".join(f'<w:abstractNum w:abstractNumId="{i}"><w:numStyleLink w:val="S{i + 1}"/>'
                    "</w:abstractNum>" for i in range(10_000))
    code, result = _lint(tmp_path, chain + NUM1)
    assert code in (0, 1, 2) and "Traceback" not in json.dumps(result)
