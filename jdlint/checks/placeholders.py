"""JD106 template-placeholder: prompts of a template that nobody filled in.

What counts as a placeholder is data (``data.patterns`` in ``rules/JD106.yaml``: regular
expressions with a language and a ``caption_ok`` flag); this module only decides *where* a
match is harmless. Two things are found:

* prompts in the text: "(Ф.И.О.)", "ООО «ХХХ»", "Иванов И.И.", "(įmonės pavadinimas)",
  "[вставить]" …;
* clauses with no content: a numbered item with no text, only the "." left of a deleted
  field (often a paragraph of its own), or only dots / an ellipsis ("2.5 …..",
  "3.6. ……… (другие обязанности)");
* holes in sentences (``placeholder_gaps``): a sentence that breaks off after a governing
  word ("подчиняется непосредственно .", "разработана в соответствии с") and bracketed
  template choices left unresolved ("(высшее; среднее)").

One finding per blank: a clause already reported is not reported again for another reason.

Pen-and-ink blanks are not placeholders: a caption such as "(подпись)", "(Ф.И.О.)" or
"(vardas, pavardė)" written next to or under a line of underscores is where the employee
writes by hand. A prompt with ``caption_ok`` is therefore skipped when it is such a caption
(enclosed in brackets or slashes beside a blank, followed by a blank, or on a caption line
under a line of underscores). A signer's caption ("(фамилия, инициалы)") on a line of its
own is a caption even without underscores (forms laid out in table cells lose them).
"ООО «ХХХ»" and "(наименование организации)" are never captions: they are typed content.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from jdlint.checklib import placeholder_gaps as gaps
from jdlint.checklib.place_maps import citable
from jdlint.checklib.placeholder_scan import live_per_block
from jdlint.checklib.truncation import at_text_end, cut_short
from jdlint.core.deferred import Deferred
from jdlint.core.model import Block, Clause, Document, Finding
from jdlint.core.records import record
from jdlint.ruleapi import implements

if TYPE_CHECKING:
    from jdlint.ruleapi import RuleContext

_BLANK = re.compile(r"_{3,}")
# NOTE: a run of dots or ellipsis characters long enough to stand for missing text ("…..",
# "………", "должностной…."); "…" counts as three dots.
_DOTS = re.compile(r"(?:\.|…){2,}|…")
_TRAILING_DOTS = re.compile(r"(?:\.|…)+\s*$")
_ENCLOSED = re.compile(r"\([^()]*\)|/[^/]*/")
# NOTE: what is left of an item whose text was deleted from the form: the closing ".", a
# blank, a table-cell bar.
_NO_TEXT = " .,;:-–—_|/"


@record(slots=True)
class _Pattern:
    regex: Deferred
    languages: frozenset[str]
    caption_ok: bool
    signer: bool
    # a date blank whose printed year digits ("200_") is a finding only when every year it
    # can still become has passed: the form was made for another decade
    stale_year: bool = False


@lru_cache(maxsize=8)
def _compile(entries: tuple[tuple[str, tuple[str, ...], bool, bool, bool], ...]
             ) -> tuple[_Pattern, ...]:
    # NOTE: no global flags: a pattern that should ignore case says so with "(?i)", because
    # "ХХХ" and "Vardas Pavardė" are placeholders only in their template spelling. Each is
    # compiled on its first use: the prefilter reads only the sources, and most are never run
    # on a typical document (issue 19: ~2.5 ms of a cold check).
    return tuple(_Pattern(Deferred(rx), frozenset(langs), ok, signer, stale)
                 for rx, langs, ok, signer, stale in entries)


def _past_decade(found: re.Match[str], year: int) -> bool:
    """True when the year field "200_" (fixed digits + blanks, four places in all) can no
    longer become the current year or a later one."""
    digits, blank = found.group("year"), found.group("blank")
    if len(digits) + len(blank) != 4:
        return False
    return int(digits + "9" * len(blank)) < year


def _patterns(data: Mapping[str, Any], lang: str) -> tuple[_Pattern, ...]:
    # NOTE: only the document language's patterns are compiled: a Russian document never
    # needs the Lithuanian ones (issue 19).
    entries = []
    for item in data.get("patterns") or ():
        langs = item.get("lang", ("ru", "lt"))
        langs = (langs,) if isinstance(langs, str) else tuple(langs)
        if lang not in langs:
            continue
        entries.append((str(item["regex"]), langs, bool(item.get("caption_ok", False)),
                        bool(item.get("signer", False)), bool(item.get("stale_year", False))))
    return _compile(tuple(entries))


def _dots_only(text: str) -> str | None:
    """The dot run of a clause body that is only dots (plus a bracketed hint), else None."""
    # NOTE: a run of two dots or an ellipsis in what is left without the brackets is in the
    # text itself (a bracket gives way to a space, which joins no dots): most clauses have
    # neither, and skip the substitution and the search (issue 19).
    if ".." not in text and "…" not in text:
        return None
    rest = _ENCLOSED.sub(" ", text)
    found = _DOTS.search(rest)
    if found is None:
        return None
    if rest.replace(found.group(0), "", 1).strip(" .…;:,-–—"):
        return None
    return found.group(0)


def _trailing_dots(text: str) -> str | None:
    """A dot run of ≥ 4 dots (an ellipsis counts 3) that ends an unfinished clause."""
    # NOTE: a run worth four dots ends, before the trailing blanks, in "…", or in a dot after
    # a dot or an ellipsis; most clauses end otherwise (issue 19: a regex search per clause).
    if not text.rstrip().endswith(("..", "…", "….")):
        return None
    found = _TRAILING_DOTS.search(text)
    if found is None:
        return None
    run = found.group(0).strip()
    if sum(3 if ch == "…" else 1 for ch in run) < 4:
        return None
    return run


def _is_blank_line(text: str) -> bool:
    """A line that is mostly underscores (a signature or date line to fill in by hand)."""
    if not _BLANK.search(text):
        return False
    letters = sum(ch.isalpha() for ch in _BLANK.sub("", _ENCLOSED.sub("", text)))
    return letters <= 40


def _caption_line(text: str) -> bool:
    """A line of captions only: "(личная подпись)   (ФИО)", "дата   подпись"."""
    rest = _ENCLOSED.sub("", text).strip()
    return not rest or (len(rest.split()) <= 6 and not any(ch.isdigit() for ch in rest))


def _is_caption(text: str, start: int, end: int, previous: str | None,
                signer: bool = False) -> bool:
    """True if the match ``text[start:end]`` is a caption of a pen-and-ink blank."""
    before, after = text[:start], text[end:]
    enclosed = (before.rstrip().endswith(("(", "/")) or text[start] in "(/"
                or text[end - 1] in ")/")
    if _BLANK.search(after[:8]) or re.match(r"\s*[/)]?\s*_{3,}", after):
        return True
    if signer and re.search(r"_{3,}\s*[/(]?\s*$", before):
        return True  # NOTE: "__________ Ф.И.О.": a signer's caption right after its blank
    if enclosed and _BLANK.search(before):
        return True
    return bool(previous is not None and _is_blank_line(previous) and _caption_line(text))


def _only_captions(text: str) -> bool:
    """A line holding nothing but bracketed captions and blanks: "(подпись)  (Ф.И.О.)"."""
    return not _BLANK.sub("", _ENCLOSED.sub("", text)).strip(" .,;:/\t")


def _previous_text(blocks: Sequence[Block], index: int, start: int) -> str | None:
    for i in range(index - 1, start - 1, -1):
        text = blocks[i].text.strip()
        if text:
            return text
    return None


def _captioned(doc: Document, index: int, reported: set[int]) -> bool:
    """True when the next non-empty line after ``index`` is a reported bracketed prompt."""
    blocks = doc.raw.blocks
    for i in range(index + 1, min(doc.span.stop, len(blocks))):
        text = blocks[i].text.strip()
        if text:
            return i in reported and text.startswith("(")
    return False


def _clause_block_starts(clauses: Sequence[Clause]) -> dict[int, Clause]:
    return {c.first_block: c for c in clauses}


def _empty_clauses(doc: Document, ctx: RuleContext, what: Mapping[str, Any],
                   reported: set[int], clauses: Sequence[Clause]) -> Iterator[Finding]:
    """Clauses with no content, only dots, or breaking off with dots."""
    for clause in clauses:
        if not clause.number or clause.first_block in doc.noise:
            continue
        text = clause.text.strip()
        if ".." not in text and "…" not in text and text.strip(_NO_TEXT):
            continue  # NOTE: no dot run, some text: nothing below applies (most clauses)
        dots = _dots_only(text) if text else None
        empty = dots is None and not text.strip(_NO_TEXT)
        tail = _trailing_dots(text) if not (empty or dots or clause.children) else None
        # NOTE: a date field is told only for a clause that would be reported (issue 19)
        if not (empty or dots or tail) or gaps.is_date_path(clause.path):
            continue
        if empty:
            # NOTE: a bare number as the last thing of a web copy cut by the page is the cut
            if at_text_end(doc, clause.first_block) and cut_short(doc):
                continue
            reported.add(clause.first_block)
            yield ctx.report(clause, what=ctx.localized(what["empty"]).format(
                clause=clause.path), data={"kind": "empty"})
        elif dots:
            reported.add(clause.first_block)
            yield ctx.report(clause, match=dots, what=ctx.localized(what["dots"]).format(
                match=text), data={"kind": "dots"})
        else:
            reported.add(clause.first_block)
            yield ctx.report(clause, match=tail, what=ctx.localized(
                what["unfinished"]).format(match=tail), data={"kind": "unfinished"})


@implements("JD106")
def template_placeholder(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """Report unfilled template prompts and clauses without content."""
    lang = doc.language or "ru"
    patterns = list(_patterns(ctx.data, lang))
    what: Mapping[str, Any] = ctx.texts["what"]
    blocks = doc.raw.blocks
    span = doc.span
    reported: set[int] = set()

    # NOTE: the clause tree is walked once, not by each part (issue 19)
    clauses = doc.clauses()
    dates = gaps.date_blocks(doc)

    # 1. Clauses with no content: "2.5.", "2.5 …..", "3.6. ……… (другие обязанности)".
    yield from _empty_clauses(doc, ctx, what, reported, clauses)

    # NOTE: a date field taken for a clause number ("00.00.00") does not make its caption
    # lines part of a clause.
    clause_starts = {c.first_block for c in clauses if c.number} - dates

    # 2. Prompts anywhere in the instruction (approval and acknowledgement blocks included).
    # NOTE: only the patterns whose literal words occur in a block are run on it (issue 19).
    lines = [(index, blocks[index].text) for index in span
             if index < len(blocks) and index not in doc.noise]
    lines = [(index, text) for index, text in lines if not text.isspace() and text]
    lives = live_per_block(tuple(p.regex for p in patterns), [text for _, text in lines],
                           signs=True)
    for (index, text), live in zip(lines, lives, strict=True):
        if not live:
            continue  # NOTE: no pattern can match here (most blocks)
        previous: str | None = None
        # NOTE: a line of its own holding only signer captions ("(фамилия, инициалы)",
        # "(vardas, pavardė)") is under a signature, filled in by hand; decided only when a
        # signer's prompt matched (two substitutions of every block otherwise).
        standalone: bool | None = None
        taken: list[tuple[int, int, str]] = []
        for number in live:
            pattern = patterns[number]
            for found in pattern.regex.finditer(text):
                start, end = found.span()
                if any(start < e and s < end for s, e, _ in taken):
                    continue
                if pattern.signer:
                    if standalone is None:
                        standalone = _only_captions(text) and index not in clause_starts
                    if standalone:
                        continue
                if pattern.stale_year and not _past_decade(found, ctx.today.year):
                    continue
                # NOTE: a field label followed by its value, "(должность руководителя)
                # Супервайзеру": the form was filled in.
                if text[start] == "(" and re.match(r"\s*[A-ZА-ЯЁĄČĘĖĮŠŲŪŽ][a-zа-яёąčęėįšųūž]",
                                                   text[end:]):
                    continue
                if pattern.caption_ok:
                    if previous is None:
                        previous = _previous_text(blocks, index, span.start) or ""
                    if _is_caption(text, start, end, previous or None, pattern.signer):
                        continue
                taken.append((start, end, "stale_date" if pattern.stale_year else "prompt"))
        for start, end, kind in sorted(taken):
            match = text[start:end]
            # NOTE: «ХХХ» is shown once quoted, not ««ХХХ»».
            shown = match.strip("«»\"„“” ") or match
            reported.add(index)
            yield ctx.report(citable(ctx, doc, index), match=match,
                             what=ctx.localized(what[kind]).format(match=shown),
                             data={"kind": kind, "placeholder": match})

    # 3. Holes in sentences: "подчиняется непосредственно .", "(высшее; среднее)".
    yield from _gaps(doc, ctx, reported, lang, clauses, dates)


_FIRST_ITEM = re.compile(r"(?:^|\.)(?:1|[аa]|I)$")


def _opens_list(doc: Document, index: int, starts: Mapping[int, Clause]) -> bool:
    """The line at ``index`` is the lead-in of a list that starts right under it: a sentence
    broken off after "несет ответственность за" whose complements are the items 4.1, 4.2 …
    (the colon forgotten), not a blank left in a template."""
    blocks = doc.raw.blocks
    nxt = next((i for i in range(index + 1, min(len(blocks), doc.span.stop))
                if blocks[i].text.strip()), None)
    clause = starts.get(nxt) if nxt is not None else None
    if clause is None or not _FIRST_ITEM.search(clause.path):
        return False
    # NOTE: a list of one item completes nothing: a second item must follow
    siblings = [c for c in starts.values() if c is not clause and c.depth == clause.depth
                and c.first_block > clause.first_block]
    return bool(siblings)


def _gaps(doc: Document, ctx: RuleContext, reported: set[int], lang: str,
          clauses: Sequence[Clause], dates: frozenset[int]) -> Iterator[Finding]:
    what: Mapping[str, Any] = ctx.texts["what"]
    found = sorted(gaps.units(doc, reported, clauses, dates), key=lambda u: u.starts[0][1])
    starts = _clause_block_starts(clauses)
    phrases, data, approval = ctx.phrases, ctx.data, doc.approval
    lists = gaps.word_lists(phrases, lang)
    previous_gap = -1
    for n, unit in enumerate(found):
        follows = found[n + 1].text if n + 1 < len(found) else None
        gap = gaps.alternatives(unit, data, lang, approval)
        if gap is None:
            gap = gaps.unfinished_known(unit, phrases, lang, follows, lists)
        # NOTE: one finding per blank: a clause whose prompt was already reported
        # ("подчиняется ____ (наименование должности)") gets no second one.
        if gap is None:
            continue
        taken = [b for _, b in unit.starts] if unit.clause else [gap.block]
        if any(b in reported for b in taken):
            continue
        # NOTE: the choices of a blank often sit in an unnumbered paragraph right after the
        # item they belong to ("сообщать ." + "(директору; иному лицу) о …"): one blank.
        if previous_gap == n - 1 and not unit.numbered and unit.text[:1] in "([":
            continue
        # NOTE: a form's blank line and the bracketed caption under it ("… договора с ____" +
        # "(наименование должности …)") are one blank, already reported at its caption.
        if not unit.clause and _captioned(doc, gap.block, reported):
            continue
        # NOTE: a sentence broken off by the end of a web copy ("… основы мерчендайзинга, в"
        # as the file's last line) was cut by the page, not left blank by the author.
        if gap.kind == "unfinished" and at_text_end(doc, gap.block) and cut_short(doc):
            continue
        if gap.kind == "unfinished" and not unit.text.rstrip().endswith((".", ";", "…")) \
                and _opens_list(doc, gap.block, starts):
            continue
        previous_gap = n
        reported.add(gap.block)
        yield ctx.report(citable(ctx, doc, gap.block), match=gap.match or None,
                         what=ctx.localized(what[gap.kind + "_gap"]).format(match=gap.shown),
                         data={"kind": gap.kind})
