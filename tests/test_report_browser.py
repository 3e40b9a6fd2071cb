"""The HTML report in a real browser (issue 17 item 9): headless Chromium screenshots at
1280 and 390 px, no horizontal overflow down to 360 px, and a print to PDF where 11 findings
take at most 4 A4 pages, page 1 is not the title alone, and no finding is split across pages.
Skips cleanly where Chromium is not installed (CI installs it)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from jdlint.cli import cli

ROOT = Path(__file__).resolve().parents[1]
SALES = ROOT / "corpus" / "ru" / "ru_sales_defects.docx"  # 11 findings


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("chromium is not installed (.ci/run installs the Debian package)")


def _browser(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp / 'profile'}", *args],
        capture_output=True, text=True, timeout=180, check=False)


@pytest.fixture(scope="module")
def report_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "report.html"
    result = CliRunner().invoke(cli, ["report", str(SALES), "--isolated", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def _json_findings() -> list[dict[str, object]]:
    import json

    result = CliRunner().invoke(cli, ["check", str(SALES), "--isolated", "--no-cache",
                                      "--output-format", "json"])
    data = json.loads(result.output[result.output.index("{"):])
    return [f for file in data["files"] for f in file["findings"]]


def _frame(report: Path, tmp: Path, width: int, script: str = "") -> Path:
    """A page holding the report in a frame ``width`` px wide: headless Chromium does not make
    windows narrower than 500 px, a frame can be a phone's width."""
    page = tmp / f"frame{width}.html"
    page.write_text(
        '<!DOCTYPE html><html><body style="margin:0">'
        f'<iframe id="f" src="{report.as_uri()}" style="width:{width}px;height:1600px;'
        f'border:0"></iframe><script>{script}</script></body></html>', encoding="utf-8")
    return page


@pytest.mark.parametrize("width", [1280, 390])
def test_screenshot(report_html: Path, tmp_path: Path, width: int) -> None:
    shot = tmp_path / f"shot{width}.png"
    page = _frame(report_html, tmp_path, width)
    run = _browser(tmp_path, f"--window-size={max(width, 500)},1600", f"--screenshot={shot}",
                   "--allow-file-access-from-files", page.as_uri())
    if not shot.exists():
        pytest.skip(f"chromium could not start here: {run.stderr.strip()[-300:]}")
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(data[16:20], "big") == max(width, 500)
    assert len(data) > 20_000  # a rendered page, not a blank one


_MEASURE = """document.getElementById("f").addEventListener("load", function () {
  var d = this.contentDocument, w = this.contentWindow, wide = [];
  d.querySelectorAll("body *").forEach(function (e) {
    var r = e.getBoundingClientRect();
    if (r.right > w.innerWidth + 1) wide.push(e.tagName + "." + e.className);
  });
  document.body.setAttribute("data-wide", wide.slice(0, 5).join(" ") || "none");
  document.body.setAttribute("data-sw", String(d.documentElement.scrollWidth));
  document.body.setAttribute("data-iw", String(w.innerWidth));
});"""


@pytest.mark.parametrize("width", [1280, 390, 360])
def test_no_horizontal_overflow(report_html: Path, tmp_path: Path, width: int) -> None:
    # NOTE: the report has no scripts; the test's frame page measures it after load and
    # --dump-dom prints what it found.
    page = _frame(report_html, tmp_path, width, _MEASURE)
    run = _browser(tmp_path, f"--window-size={max(width, 500)},900",
                   "--allow-file-access-from-files", "--dump-dom", page.as_uri())
    found = re.search(r'data-wide="([^"]*)" data-sw="(\d+)" data-iw="(\d+)"', run.stdout)
    if found is None:
        pytest.skip(f"chromium could not start here: {run.stderr.strip()[-300:]}")
    wide, scroll, inner = found.group(1), int(found.group(2)), int(found.group(3))
    assert inner <= width
    assert scroll <= inner and wide == "none", wide


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_print_fits_and_keeps_findings_whole(report_html: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    pdf = tmp_path / "report.pdf"
    run = _browser(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
                   report_html.as_uri())
    if not pdf.exists():
        pytest.skip(f"chromium could not start here: {run.stderr.strip()[-300:]}")
    pages = [_squash(p.extract_text()) for p in PdfReader(pdf).pages]
    findings = _json_findings()
    assert len(findings) == 11
    assert len(pages) <= 4, len(pages)
    # page 1 holds more than the title: the first finding's code is on it
    first = min(findings, key=lambda f: f["location"]["block"])  # type: ignore[index]
    assert str(first["code"]) in pages[0]
    # every finding's rule name and the start and end of its excerpt are on one page
    for f in findings:
        excerpt = _squash(str(f["excerpt"]))
        head, tail = excerpt[:25], excerpt[-15:]
        name = f"{f['code']}{f['name']}"
        assert any(name in p and head in p and tail in p for p in pages), f["code"]
