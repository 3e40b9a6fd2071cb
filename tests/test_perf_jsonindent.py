"""``core.jsontext.dumps`` with an extra indent: an even one is orjson's own (the value nested
in one-item lists, then cut out), an odd one replaces line breaks as before; both are the
text the old code gave, byte for byte, fast path or slow (issue 19)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from jdlint.core import jsontext
from tests.test_perf_rules import _VALUES


def _old(value: object, indent: int) -> str:
    """The code this replaces: no indent, then every line break followed by the indent."""
    text = jsontext.dumps(value)
    return text.replace("\n", "\n" + " " * indent) if indent else text


@settings(max_examples=400, deadline=None)
@given(_VALUES)
def test_every_indent_gives_the_old_text(value: object) -> None:
    for indent in (0, 2, 3, 4, 6, 8, 10):
        assert jsontext.dumps(value, indent) == _old(value, indent)


@pytest.mark.parametrize("value", [1.5, 0, None, True, "строка\nnauja", [], {}, [[]], {"a": {}},
                                   1e-05, 1e16, [1e-05], {"x": 1e16}, -0.0, "1e5",
                                   {"deep": [[[[0.25, {"k": [None]}]]]]}])
def test_edge_values_at_each_indent(value: object) -> None:
    for indent in (2, 4, 6, 8):
        assert jsontext.dumps(value, indent) == _old(value, indent)


def test_a_plain_report_stays_on_the_fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    report = {"path": "a/b.docx", "findings": [{"code": "JD403", "matrix": [[0.5, 0.0]]}],
              "documents": [], "error": None}
    expected = _old(report, 4)
    monkeypatch.setattr(jsontext, "_slow", lambda value: pytest.fail("slow path"))
    assert jsontext.dumps(report, 4) == expected
    assert jsontext.dumps(report, 2).startswith('{\n    "path": "a/b.docx",\n')


def test_the_wrappings_are_what_orjson_writes() -> None:
    import orjson

    for indent, (head, tail) in jsontext._WRAPPINGS.items():
        data = orjson.dumps(jsontext._nest("v", indent // 2), option=orjson.OPT_INDENT_2)
        assert data[head:len(data) - tail] == b'"v"'
