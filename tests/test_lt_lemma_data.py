"""The shipped Lithuanian lemma table (``jdlint/nlp/data/lt-lemmas.txt.gz``): compiled from
spaCy's lookup table by ``jdlint.nlp.lt_table``, read as plain data (no pickle, no cache
folder), its licence beside it, and rejected when malformed."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from jdlint.nlp import lithuanian, lt_table

DATA = Path(lithuanian.__file__).resolve().parent / "data"


def _lines() -> list[str]:
    return gzip.decompress(lithuanian.data_path().read_bytes()).decode("utf-8").split("\n")


def _pack(lines: list[str]) -> bytes:
    return gzip.compress("\n".join(lines).encode("utf-8"), mtime=0)


def test_build_compacts_the_raw_table() -> None:
    raw = {
        "Aikštė": "aikštė",
        "aikštė": "aikštyti",
        "aikštės": "aikštėti",
        "Teikti": "teikti",
        "teikti": "teiktas",
        "teikia": "teikti",
        "tarnautojas": "tarnautoja",
        "tarnautojo": "tarnautoja",
        "tarnautoja": "tarnautoja",
        "Vilnius": "Vilnius",
    }
    tab = lt_table.build(raw)
    assert tab.forms["aikštė"] == "aikštė"  # a headword maps to itself
    assert tab.forms["aikštės"] == "aikštė"  # genitive listed under a verb → the noun
    assert tab.forms["teikti"] == "teikti"
    assert tab.forms["teikia"] == "teikti"
    assert tab.forms["tarnautojo"] == "tarnautojas"  # masculine agent noun wins
    assert tab.forms["tarnautoja"] == "tarnautojas"
    assert tab.forms["vilnius"] == "vilnius"  # keys and values folded


def test_serialised_table_reads_back_identically() -> None:
    tab = lt_table.build({"Darbuotojas": "darbuotojas", "darbuotojo": "darbuotojas",
                          "baudos": "baudoti", "bauda": "bauda", "teisė": "teisė"})
    back = lithuanian.parse(lt_table.serialise(tab, "test", "0" * 64))
    assert back.forms == tab.forms and back.stems == tab.stems
    assert back.forms["baudos"] == "bauda"
    # NOTE: the same table gives the same bytes (no timestamp, sorted).
    assert lt_table.serialise(tab, "test", "0") == lt_table.serialise(tab, "test", "0")


def test_shipped_table_has_its_header_licence_and_known_words() -> None:
    header = json.loads(_lines()[0])
    assert header["format"] == lithuanian.FORMAT
    assert header["source"].startswith("spacy-lookups-data ")
    assert len(header["source_sha256"]) == 64
    licence = (DATA / "LICENSE-lt-lemmas.txt").read_text(encoding="utf-8")
    assert "MIT License" in licence and "ExplosionAI" in licence
    tab = lithuanian.load()
    assert len(tab.forms) == header["forms"] > 100_000
    assert len(tab.stems) == header["stems"]
    assert tab.forms["baudų"] == "bauda"
    assert tab.forms["darbuotojams"] == "darbuotojas"


def test_loading_writes_nothing_and_never_unpickles(tmp_path: Path) -> None:
    """The table is read from the package; no cache file is made, and ``pickle`` is never
    imported, so a forged file in the cache folder cannot run code."""
    code = (
        "import sys, jdlint.nlp as n\n"
        "assert n.lemma('baudos', 'lt') == 'bauda'\n"
        "print('pickle' in sys.modules)\n"
    )
    (tmp_path / "lt-lemmas-f4-1-2.pickle").write_bytes(b"cos\nsystem\n(S'exit 3'\ntR.")
    env = {**os.environ, "JDLINT_CACHE_DIR": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path)}
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "False"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lt-lemmas-f4-1-2.pickle"]


@pytest.mark.parametrize("damage", ["format", "count", "index", "lines"])
def test_malformed_table_is_rejected(damage: str) -> None:
    lines = _lines()
    header = json.loads(lines[0])
    if damage == "format":
        header["format"] = 99
        lines[0] = json.dumps(header)
    elif damage == "count":
        lines[3] = lines[3].rsplit("\t", 1)[0]
    elif damage == "index":
        lines[5] = lines[5] + " 999999999"
        lines[4] = lines[4] + "\tzzzz"
        header["stems"] += 1
        lines[0] = json.dumps(header)
    else:
        lines = lines[:3]
    with pytest.raises(ValueError):
        lithuanian.parse(_pack(lines))


def test_regenerating_from_spacy_lookups_data_gives_the_shipped_bytes() -> None:
    source = lt_table.source_path()
    if source is None or not source.is_file():
        pytest.skip("spacy-lookups-data is not installed (only needed to regenerate the table)")
    header = json.loads(_lines()[0])
    if header["source"] != lt_table.source_label():
        pytest.skip(f"installed {lt_table.source_label()}, shipped {header['source']}")
    assert lt_table.compile_file(source) == lithuanian.data_path().read_bytes()
