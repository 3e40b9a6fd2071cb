"""Accuracy on real documents written by others, guarded in CI.

``bench/accuracy.py`` runs ``../shared/wild/score.py`` on the installed jdlint per gold file and
variant; the measurement must not fall below ``bench/accuracy-floor.json``. Without the shared
folder (a user's clone) the measurement test skips; the floor logic is tested everywhere.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _accuracy() -> ModuleType:
    spec = importlib.util.spec_from_file_location("jdlint_bench_accuracy",
                                                  ROOT / "bench" / "accuracy.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


acc = _accuracy()


def _fig(**values: float) -> dict[str, Any]:
    return dict(values)


def test_below_floor_reports_each_drop() -> None:
    floor = {"gold-a.yaml/txt": {"recall_high": 0.5, "precision": 0.9}}
    figures = {"gold-a.yaml/txt": _fig(recall_high=0.49, precision=0.95)}
    assert acc.below_floor(figures, floor) == [
        "gold-a.yaml/txt recall_high=0.49 is below the floor 0.5"]


def test_below_floor_equal_passes_and_missing_metric_fails() -> None:
    floor = {"gold-a.yaml/docx": {"precision": 0.9, "numbering_agreement": 0.99}}
    assert acc.below_floor({"gold-a.yaml/docx": _fig(precision=0.9, numbering_agreement=0.99)},
                           floor) == []
    problems = acc.below_floor({"gold-a.yaml/docx": _fig(precision=0.91)}, floor)
    assert problems == ["gold-a.yaml/docx numbering_agreement=None is below the floor 0.99"]


def test_new_gold_file_has_no_floor_and_vanished_one_is_not_checked() -> None:
    floor = {"gold-a.yaml/txt": {"precision": 0.9}}
    assert acc.below_floor({"gold-z.yaml/txt": _fig(precision=0.0)}, floor) == []


def test_floor_only_rises_unless_reset(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "floor.json"
    monkeypatch.setattr(acc, "FLOOR", path)
    acc.write_floor({"gold-a.yaml/txt": _fig(recall_high=0.5678, precision=0.9)}, set())
    assert acc.load_floor() == {"gold-a.yaml/txt": {"recall_high": 0.567, "precision": 0.9}}
    acc.write_floor({"gold-a.yaml/txt": _fig(recall_high=0.4, precision=0.95)}, set())
    assert acc.load_floor()["gold-a.yaml/txt"] == {"recall_high": 0.567, "precision": 0.95}
    acc.write_floor({"gold-a.yaml/txt": _fig(recall_high=0.4, precision=0.8)}, {"gold-a.yaml"})
    assert acc.load_floor()["gold-a.yaml/txt"] == {"recall_high": 0.4, "precision": 0.8}
    assert json.loads(path.read_text(encoding="utf-8"))["about"]


def test_committed_floor_is_well_formed() -> None:
    floor = acc.load_floor()
    assert floor, "bench/accuracy-floor.json is missing or empty"
    for key, limits in floor.items():
        assert key.split("/")[1] in ("txt", "docx"), key
        assert set(limits) <= set(acc.METRICS), key
        assert all(0.0 <= v <= 1.0 for v in limits.values()), key


@pytest.mark.skipif(not (acc.WILD / "score.py").exists(),
                    reason="../shared/wild is absent (a user's clone)")
def test_wild_accuracy_holds_the_floor() -> None:
    figures = acc.measure()
    assert figures, "the scorer measured nothing"
    for key, f in figures.items():
        assert f["errors"] == 0, f"{key}: jdlint failed on {f['errors']} document(s)"
    assert acc.below_floor(figures, acc.load_floor()) == []
