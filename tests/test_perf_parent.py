"""Issue 19, the parent of a batch: a pool worker writes each file's JSON text itself
(``output.json.file_text``, sent as ``run.transfer.Rendered``) and the parent writes those
bytes as they are. The report stays the one ``render`` gives, byte for byte, whichever files
come rendered; files a waiver file or a baseline may change still come as results; the
result cache still gets every result."""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings

import jdlint.output.json as json_output
from jdlint.checkcli import emit
from jdlint.cli import cli
from jdlint.core import jsontext
from jdlint.core.model import Severity
from jdlint.core.results import FileResult
from jdlint.run.parallel import Rendering, iter_items, lint_job_light
from jdlint.run.runner import plan
from jdlint.run.transfer import Rendered, rendered
from jdlint.settings.resolve import Overrides
from tests.test_perf_rules import _VALUES

SOURCES = sorted((Path(__file__).resolve().parents[1] / "corpus" / "src").glob("*.txt"))


def _old_dumps(value: Any, indent: int) -> str:
    """``jsontext.dumps`` before ``encode`` was split out of it (kept as it was)."""
    cut = jsontext._WRAPPINGS.get(indent)
    try:
        data = orjson.dumps(value if cut is None else jsontext._nest(value, indent // 2),
                            default=jsontext._refuse, option=jsontext._OPTIONS)
    except TypeError:
        data = None
    if data is None or jsontext._divergent(data):
        text = jsontext._slow(value)
        return text.replace("\n", "\n" + " " * indent) if indent else text
    if cut is not None:
        return data[cut[0]:len(data) - cut[1]].decode()
    if indent:
        data = data.replace(b"\n", b"\n" + b" " * indent)
    return data.decode()


@settings(max_examples=300, deadline=None)
@given(_VALUES)
def test_encode_is_the_utf8_of_dumps(value: object) -> None:
    for indent in (0, 2, 4, 3):
        text = jsontext.encode(value, indent)
        expected = _old_dumps(value, indent)
        if isinstance(text, bytes):
            assert text == expected.encode()
        else:
            assert text == expected
        assert jsontext.dumps(value, indent) == expected


def test_encode_gives_bytes_on_the_fast_path_and_text_on_the_slow_one() -> None:
    assert isinstance(jsontext.encode({"a": [0.5, "б"]}, 4), bytes)
    assert isinstance(jsontext.encode({"a": 1e-05}, 4), str)  # repr's exponent: slow path


@pytest.fixture(scope="module")
def results() -> list[FileResult]:
    """Light results of real linting (findings, summaries), an unreadable file, and a file
    whose name holds a lone surrogate (a name the file system gave as bytes)."""
    work = plan([str(p) for p in SOURCES[:5]], Overrides())
    linted = [lint_job_light(job) for job in work.jobs]
    assert sum(len(r.findings) for r in linted) >= 5
    odd = FileResult(display_path="bad\udcff.txt", format=None, error="cannot read")
    gone = FileResult(display_path="zz/missing.docx", format=None, error="no such file")
    return [*linted[:2], odd, *linted[2:], gone]


def _bytes(chunks: Iterable[str | bytes]) -> bytes:
    return b"".join(c if isinstance(c, bytes) else c.encode("utf-8", "backslashreplace")
                    for c in chunks)


@pytest.mark.parametrize("pattern", ["none", "all", "odd", "even"])
def test_stream_chunks_is_render_whichever_files_come_rendered(
        results: list[FileResult], pattern: str) -> None:
    def want(n: int) -> bool:
        return {"none": False, "all": True, "odd": n % 2 == 1, "even": n % 2 == 0}[pattern]

    items = [rendered(r, json_output.file_text, False) if want(n) else r
             for n, r in enumerate(results)]
    expected = json_output.render(results).encode("utf-8", "backslashreplace")
    assert _bytes(json_output.stream_chunks(items)) == expected
    assert _bytes(json_output.stream_chunks([])) == json_output.render([]).encode()


def test_file_text_is_bytes_unless_strict_utf8_cannot_hold_it(results: list[FileResult]
                                                               ) -> None:
    texts = [json_output.file_text(r) for r in results]
    assert [type(t) for t in texts].count(str) == 1  # the surrogate's file
    assert isinstance(texts[2], str) and "\udcff" in texts[2]


def test_rendered_keeps_counts_worst_and_error(results: list[FileResult]) -> None:
    for result in results:
        item = rendered(result, json_output.file_text, keep=False)
        assert item.display_path == result.display_path
        assert item.error is (result.error is not None) and item.result is None
        assert item.counts == tuple(sum(f.severity is s for f in result.findings)
                                    for s in Severity)
        assert item.worst == max((int(f.severity) for f in result.findings), default=0)
        assert rendered(result, json_output.file_text, keep=True).result is result


def test_a_pool_sends_the_wanted_files_rendered() -> None:
    work = plan([str(p) for p in SOURCES[:6]], Overrides())
    wanted = {str(job.target) for job in work.jobs[::2]}
    items = list(iter_items(work.jobs, workers=2, rendering=Rendering(
        json_output.file_text, lambda job: str(job.target) in wanted)))
    kinds = [(i.display_path in wanted, isinstance(i, Rendered)) for i in items]
    assert kinds == [(w, w) for w, _ in kinds] and len(items) == 6
    direct = [lint_job_light(job) for job in work.jobs]
    assert [i.text if isinstance(i, Rendered) else json_output.file_text(i) for i in items] \
        == [json_output.file_text(r) for r in direct]


def _tree(root: Path) -> None:
    """Two config folders, one with a waiver file: some files stream rendered, some not."""
    for n, source in enumerate(SOURCES[:8]):
        folder = root / ("waived" if n % 2 else "plain")
        folder.mkdir(exist_ok=True)
        (folder / "jdlint.toml").write_text("", encoding="utf-8")
        shutil.copy(source, folder / source.name)
    future = "2099-12-31"
    (root / "waived" / "jdlint-waivers.toml").write_text(
        f"[[waiver]]\ncode = 'JD201'\nfile = 'waived/{SOURCES[1].name}'\nexpires = {future}\n"
        "reason = 'agreed'\nauthor = 'lawyer'\n", encoding="utf-8")


def _check(*args: str) -> Result:
    return CliRunner().invoke(cli, ["check", "--output-format", "json", "--exit-zero", *args])


def test_the_batch_report_is_the_one_process_report(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    _tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    seen: list[str] = []
    real = json_output.stream_chunks

    def spy(items: Iterable[Any]) -> Iterator[str | bytes]:
        return real(seen.append(type(i).__name__) or i for i in items)

    monkeypatch.setattr(json_output, "stream_chunks", spy)
    one = _check("--no-cache", "--jobs", "1", "plain", "waived")
    pooled = _check("--no-cache", "--jobs", "2", "plain", "waived")
    assert one.exit_code == pooled.exit_code == 0, pooled.output
    assert one.stdout_bytes == pooled.stdout_bytes
    assert seen.count("Rendered") == 4 and seen.count("FileResult") == 12
    assert len(json.loads(pooled.stdout)["files"]) == 8
    out = tmp_path / "out.json"
    assert _check("--no-cache", "--jobs", "2", "-o", str(out), "plain", "waived"
                  ).exit_code == 0
    assert out.read_bytes() == one.stdout_bytes


def test_rendered_results_still_fill_the_cache(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    _tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    cache = ["--cache-dir", str(tmp_path / "cache")]
    cold = _check("--no-cache", "--jobs", "1", "plain")
    first = _check(*cache, "--jobs", "2", "plain")
    # NOTE: the second run must not lint: every file comes from the cache the first filled
    import jdlint.run.parallel as parallel

    monkeypatch.setattr(parallel, "lint_job_light", lambda job: pytest.fail("linted"))
    second = _check(*cache, "--jobs", "2", "plain")
    assert cold.stdout_bytes == first.stdout_bytes == second.stdout_bytes


def test_bytes_reach_standard_output_only_through_a_utf8_text_layer(
        monkeypatch: pytest.MonkeyPatch) -> None:
    for encoding, raw in (("utf-8", True), ("UTF8", True), ("latin-1", False)):
        stream = io.TextIOWrapper(io.BytesIO(), encoding=encoding)
        monkeypatch.setattr("sys.stdout", stream)
        assert emit._utf8_stdout() is raw
    monkeypatch.setattr("sys.stdout", io.StringIO())
    assert emit._utf8_stdout() is False


@pytest.mark.parametrize(("encoding", "expected"), [("utf-8", "xcafé".encode()),
                                                    ("latin-1", b"xcaf\xe9")])
def test_emit_chunks_writes_bytes_as_their_text_would_be(
        monkeypatch: pytest.MonkeyPatch, encoding: str, expected: bytes) -> None:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding=encoding)
    monkeypatch.setattr("sys.stdout", stream)
    emit.emit_chunks(["x", "café".encode()], None, emit.Messages())
    stream.flush()
    assert raw.getvalue() == expected
