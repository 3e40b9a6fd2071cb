"""One folder holding the same instruction as .docx, .doc, .rtf, .odt, .pdf and .txt: ``jdlint
check`` on the folder gives the same findings for each (codes and clause numbers; locations
aside). The other formats are made from the corpus DOCX with LibreOffice at test time (skipped
where ``soffice`` is not installed); the TXT is the corpus's own twin of the same text.

Tracked changes (JD005) exist only where the format can carry them: a PDF and a plain text have
none, so JD005 is left out of their comparison and required of the others.
"""

from __future__ import annotations

import collections
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from jdlint.cli import cli
from jdlint.readers.convert import find_soffice

ROOT = Path(__file__).resolve().parents[1]
SOFFICE = find_soffice()
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")

# (corpus DOCX, its TXT twin): one Lithuanian instruction with tracked changes, one Russian
# instruction read from CP1251 text.
PAIRS = (("lt/lt_programmer_defects.tracked.docx", "lt/lt_programmer_defects.utf16.txt"),
         ("ru/ru_support_defects.docx", "ru/ru_support_defects.cp1251.txt"))
NO_REVISIONS = {"pdf", "txt"}

Found = collections.Counter[tuple[str, str | None]]


def _findings(folder: Path, cache: Path) -> dict[str, Found]:
    result = CliRunner().invoke(cli, ["check", "--output-format", "json", "--no-cache",
                                      "--cache-dir", str(cache), str(folder)],
                                catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    out: dict[str, Found] = {}
    for entry in json.loads(result.stdout)["files"]:
        assert entry["error"] is None, entry
        out[entry["format"]] = collections.Counter(
            (f["code"], f["location"]["clause"]) for f in entry["findings"])
    return out


@pytest.mark.parametrize(("docx", "txt"), PAIRS, ids=[p[0].split("/")[1] for p in PAIRS])
def test_one_instruction_in_six_formats_gives_one_set_of_findings(
        docx: str, txt: str, tmp_path: Path) -> None:
    source, folder = tmp_path / "source", tmp_path / "folder"
    source.mkdir()
    folder.mkdir()
    shutil.copyfile(ROOT / "corpus" / docx, source / "instruction.docx")
    shutil.copyfile(ROOT / "corpus" / docx, folder / "instruction.docx")
    shutil.copyfile(ROOT / "corpus" / txt, folder / "instruction.txt")
    profile = (tmp_path / "profile").as_uri()
    for target in ("doc", "rtf", "odt", "pdf"):
        subprocess.run([str(SOFFICE), f"-env:UserInstallation={profile}", "--headless",
                        "--norestore", "--convert-to", target, "--outdir", str(folder),
                        str(source / "instruction.docx")], stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600,
                       check=False)
    found = _findings(folder, tmp_path / "cache")
    assert sorted(found) == ["doc", "docx", "odt", "pdf", "rtf", "txt"]
    expected = found["docx"]
    assert sum(expected.values()) >= 5  # the instruction has defects to compare
    for fmt, got in found.items():
        if fmt in NO_REVISIONS:
            want = collections.Counter({k: n for k, n in expected.items() if k[0] != "JD005"})
            got = collections.Counter({k: n for k, n in got.items() if k[0] != "JD005"})
        else:
            want = expected
        assert got == want, fmt
