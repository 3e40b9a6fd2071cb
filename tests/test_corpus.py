"""The bundled corpus (corpus/): it is rebuilt exactly from its sources, every file's
recognised structure matches its snapshot, and every form of one source (TXT in each encoding,
DOCX with auto-numbering, typed numbers, split runs, an approval table) reads the same.

Update snapshots after an intended change with ``JDLINT_UPDATE_SNAPSHOTS=1 pytest``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from jdlint.engine.pipeline import Settings, analyse_file

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
EXPECTED = CORPUS / "expected"
FILES = sorted(p for lang in ("ru", "lt") for p in (CORPUS / lang).glob("*.*")
               if p.suffix in (".txt", ".docx"))
MANIFEST: list[dict[str, Any]] = yaml.safe_load((CORPUS / "manifest.yaml").read_text("utf-8"))
UPDATE = os.environ.get("JDLINT_UPDATE_SNAPSHOTS") == "1"


def structure(path: Path) -> dict[str, Any]:
    """The part of the analysis a snapshot pins down."""
    fa = analyse_file(path, Settings())
    docs = []
    for doc in fa.documents:
        docs.append({
            "classification": doc.classification,
            "language": doc.language,
            "profile": doc.profile,
            "title": doc.title,
            "position": doc.position,
            "approval": doc.approval is not None,
            "acknowledgement": doc.acknowledgement is not None,
            "sections": [
                {"kind": s.kind.value, "number": s.number, "heading": s.heading,
                 "clauses": [[c.path, c.text[:80]] for c in s.all_clauses()]}
                for s in doc.sections
            ],
        })
    return {"documents": docs, "noise_blocks": len(fa.noise)}


def test_corpus_has_both_languages_and_formats() -> None:
    names = {p.name for p in FILES}
    assert len(FILES) >= 24
    assert any(n.startswith("ru_") and n.endswith(".docx") for n in names)
    assert any(n.startswith("lt_") and n.endswith(".docx") for n in names)
    assert any(".cp1251." in n for n in names) and any(".cp1257." in n for n in names)
    assert any(".utf16." in n for n in names) and any(".tracked." in n for n in names)


def test_build_is_reproducible() -> None:
    """The committed corpus files are exactly what corpus/build.py makes from the sources."""
    run = subprocess.run([sys.executable, str(CORPUS / "build.py"), "--check"],
                         capture_output=True, text=True, cwd=ROOT, check=False)
    assert run.returncode == 0, run.stdout + run.stderr


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_structure_snapshot(path: Path) -> None:
    snapshot = EXPECTED / path.parent.name / (path.name + ".json")
    actual = structure(path)
    if UPDATE or not snapshot.exists():
        snapshot.parent.mkdir(parents=True, exist_ok=True)
        snapshot.write_text(json.dumps(actual, ensure_ascii=False, indent=1) + "\n", "utf-8")
        if not UPDATE:
            pytest.fail(f"snapshot {snapshot.name} was missing and has been written; rerun")
    assert actual == json.loads(snapshot.read_text("utf-8"))


def _forms(entry: dict[str, Any]) -> list[Path]:
    folder = CORPUS / entry["lang"]
    return sorted(folder.glob(entry["name"] + ".*"))


def _clauses(path: Path) -> list[tuple[str, str, str]]:
    fa = analyse_file(path, Settings())
    return [(s.kind.value, c.path, c.text) for d in fa.documents for s in d.sections
            for c in s.all_clauses()]


@pytest.mark.parametrize("entry", [e for e in MANIFEST if len(e["outputs"]) > 1],
                         ids=lambda e: e["name"])
def test_every_form_reads_the_same(entry: dict[str, Any]) -> None:
    forms = sorted(_forms(entry), key=lambda p: ".tracked." in p.name)
    assert len(forms) == len(entry["outputs"])
    base = _clauses(forms[0])
    assert len(base) > 10
    for other in forms[1:]:
        got = _clauses(other)
        if ".tracked." in other.name:
            # the tracked copy differs by one inserted and one deleted phrase only
            assert [g[:2] for g in got] == [b[:2] for b in base], other.name
            assert sum(1 for g, b in zip(got, base, strict=True) if g != b) <= 2
        else:
            assert got == base, other.name


def test_clean_documents_are_single_instructions() -> None:
    for entry in MANIFEST:
        if not entry.get("clean"):
            continue
        for path in _forms(entry):
            fa = analyse_file(path, Settings())
            assert [d.classification for d in fa.documents] == ["instruction"], path.name
            doc = fa.documents[0]
            assert doc.language == entry["lang"], path.name
            assert doc.profile == entry["profile"], path.name
            assert doc.title, path.name
