"""Line roles: what each block is on its own (title, approval, section heading, numbered
clause, list item, acknowledgement, prose), before any decision about documents or noise.

Headings are recognised by meaning (synonyms in ``rules/lang/*.yaml``), not by exact text;
a numbered line is a heading only when it is short, names a section kind near its start and
does not read like a sentence, so "1. За ненадлежащее исполнение должностных обязанностей…"
stays a clause.
"""

from __future__ import annotations

import re
from collections import OrderedDict

from rapidfuzz import fuzz

from jdlint.core.model import Block, SectionKind
from jdlint.core.text import fold, roman_value, words
from jdlint.structure.falsenum import demote_false_numbers
from jdlint.structure.langdata import LangData, Phrase, any_phrase, find, stems
from jdlint.structure.line import Line, Role, new_line
from jdlint.structure.markers import Marker, parse_auto, parse_marker

# Lithuanian legal forms put the chapter number on its own line: "II SKYRIUS" / "VEIKLOS
# SRITIS"; subsections the same way: "PIRMASIS SKIRSNIS" / "KOMPETENCIJOS".
_CHAPTER = re.compile(r"^([IVXLC]{1,6})\s+(SKYRIUS|DALIS|SKYRIUS\.)$", re.IGNORECASE)
_SUBCHAPTER = re.compile(r"^[A-ZĄČĘĖĮŠŲŪŽ]+(IS|ASIS)\s+SKIRSNIS$", re.IGNORECASE)
_NUMBER_SUFFIX = re.compile(r"\s+(Nr\.?|№)\s*\S+$")

# A line ending with initials ("… Директор Ф. И. О.", "… И.И.") ends on a name, not a sentence.
_INITIALS_END = re.compile(r"(?:^|\s)(?:[A-ZА-ЯЁ]\.\s*){2,3}$")
_SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-ZА-ЯЁĄČĘĖĮŠŲŪŽ]")
# Infinitives and present-tense verbs open duties and rights, never headings.
_VERB = re.compile(
    r"(ать|ять|еть|ить|уть|ыть|ться|тись|ает|яет|еет|ует|ит|ют|ят|ется|ится"
    r"|ti|tis|uoja|ina|auja)$"
)
_QUESTION_START = re.compile(
    r"^(как\b|каков|какие\b|какой\b|где\b|сколько\b|почему\b|зачем\b|что такое\b"
    r"|kaip\b|kodėl\b|kur\b|kiek\b|ką\b)",
    re.IGNORECASE,
)


def _marker_of(block: Block) -> tuple[Marker | None, bool]:
    if block.auto_number:
        return parse_auto(block.auto_number, block.text), True
    return parse_marker(block.text), False


def _starts_with(phrases: tuple[Phrase, ...], seq: list[str], within: int) -> bool:
    return any(0 <= find(p, seq) <= within for p in phrases)


def heading_kind(body: str, marker: Marker | None, style_heading: bool,
                 ld: LangData) -> SectionKind | None:
    """The section kind a line names, if the line reads as a heading."""
    text = body.strip()
    if not text or len(text) > 120 or text[-1] in ";,":
        return None
    if marker is not None and (marker.kind in ("paren", "bullet") or len(marker.numbers) > 1):
        return None
    if text[0].islower() and not style_heading:
        return None
    seq = stems(text)
    # NOTE: a line that opens with a heading of two or more words is a heading even when it
    # runs on ("Specialieji reikalavimai šias pareigas einančiam valstybės tarnautojui:").
    # A numbered "8. Šias pareigas einantis darbuotojas vykdo šias funkcijas:" is a clause.
    named = (marker is None or text.isupper()) and any(
        len(phrase) > 1 and find(phrase, seq) == 0 for _kind, phrase in ld.sections)
    if not named and text.endswith(":") and (len(text) > 60 or lead_in_kind(text, ld)
                                             is not None):
        return None
    if not named and _reads_as_lead_in(text, seq, ld):
        return None
    if text.endswith(".") and len(text) > 40 and not style_heading and not text.isupper():
        return None
    if text.endswith("?") or _QUESTION_START.match(text):
        return None
    first = words(text)[:1]
    if first and _VERB.search(first[0]) and not first[0].endswith("ость") and not text.isupper():
        return None  # "Осуществлять взаимодействие …" is a duty, not a heading
    # NOTE: a line ending with "." or ":" names its section at once ("Основные обязанности:");
    # "7. Išsilavinimo ir darbo patirties reikalavimai:" opens a list inside a section.
    within = 1 if text.endswith((".", ":")) else (6 if len(seq) <= 8 else 2)
    if marker is None and text.endswith(":") and _modified_noun_last(text, seq, ld):
        within = len(seq)
    best: tuple[int, SectionKind] | None = None
    # "IV. Права." yes; "2. Pareigybės lygmuo – IV lygmuo." no; an all-caps heading may run on
    whole = text.endswith(".") and not text.isupper()
    for kind, phrase in ld.sections:
        pos = find(phrase, seq)
        if whole and (pos != 0 or len(phrase) != len(seq)):
            continue
        if 0 <= pos <= within and (best is None or pos < best[0]):
            best = (pos, kind)
    if best is None:
        return None
    if marker is None and not style_heading and len(seq) > 6 and not text.isupper() and not (
        named and text.endswith(":")
    ):
        return None  # an unnumbered sentence that merely mentions "права"
    return best[1]


def _modified_noun_last(text: str, seq: list[str], ld: LangData) -> bool:
    """An unnumbered short heading whose section noun comes last, after modifiers only.

    Lithuanian puts the post's name in the genitive before the noun ("Mokytojo padėjėjo
    funkcijos:"); with a colon such a line still opens its section, while a sentence with a
    verb ("Darbuotojas turi šias pareigas:") has a word that is no modifier.
    """
    tokens = words(text)
    if not ld.heading_modifiers or len(seq) > 5 or len(tokens) != len(seq) or len(seq) < 2:
        return False
    for _kind, phrase in ld.sections:
        start = len(seq) - len(phrase)
        if start > 0 and seq[start:] == list(phrase):
            return all(t.endswith(ld.heading_modifiers) and t not in ld.function_words
                       for t in tokens[:start])
    return False


def _reads_as_lead_in(text: str, seq: list[str], ld: LangData) -> bool:
    """A sentence that opens a list ("Работник несет ответственность за", "Darbuotojas
    atsako už") names the section's subject but is not its heading: it holds a lead-in
    phrase, or it stops on a preposition or conjunction that the next line completes."""
    if len(seq) > 2 and any(find(phrase, seq) >= 0 for _kind, phrase in ld.lead_ins):
        return True
    last = words(text)[-1:] if not text.isupper() else []
    return bool(last) and len(seq) > 1 and last[0] in ld.function_words


def is_title(body: str, ld: LangData) -> bool:
    """A short heading line naming the document type ("ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ менеджера …").

    Not a bracketed caption or its wrapped end ("(составитель должностной инструкции)",
    "утверждать должностную инструкцию)"), and not a sentence of the body that names the
    document ("Настоящая должностная инструкция разработана …").
    """
    text = _NUMBER_SUFFIX.sub("", body.strip())
    if not text or len(text) > 160 or text.endswith((";", ",")):
        return False
    if text.endswith(".") and not text.isupper() and not _INITIALS_END.search(text) and not (
        _named_title_with_dot(text, ld)
    ):
        return False  # "Настоящей должностной инструкцией." is a clause, not a title
    if text[0] in "([" or text.count(")") > text.count("("):
        return False  # a caption under a signature line, or the end of one
    seq = stems(text)
    if ld.title_alone and any(seq == list(p) for p in ld.title_alone):
        return True
    tokens = words(text)
    if tokens and tokens[0] in ld.self_reference:
        return False
    for phrase in ld.title:
        pos = find(phrase, seq)
        if pos < 0:
            continue
        if ld.lang == "lt":
            # Lithuanian puts the position first: "Vyr. buhalterio pareigybės aprašymas"
            if pos + len(phrase) == len(seq) or (pos == 0 and len(seq) == len(phrase)):
                return True
        elif pos <= 1:
            return not _has_predicate(tokens[pos + len(phrase) : pos + len(phrase) + 2], ld)
    return False


def _named_title_with_dot(text: str, ld: LangData) -> bool:
    """A short line that opens with the document's name and has no verb, closed by a dot
    ("Должностная инструкция старшего официанта." cut out of a web copy's run-on text)."""
    if ld.lang == "lt" or len(text) > 100:
        return False
    seq = stems(text)
    return any(len(p) > 1 and find(p, seq) == 0 for p in ld.title) and not _has_predicate(
        words(text), ld)


def _has_predicate(after: list[str], ld: LangData) -> bool:
    """A verb or short participle right after the document's name: a sentence, not a title."""
    return any(len(w) >= 6 and w.endswith(ld.title_predicates) for w in after)


def is_approval(body: str, ld: LangData) -> bool:
    """The first line of an approval block ("УТВЕРЖДАЮ", "TVIRTINU", "ATTVIRTAU")."""
    seq = stems(body)
    if not seq or len(body) > 200:
        return False
    if _starts_with(ld.approval, seq, 0):
        return True
    first = words(body)[0]
    # NOTE: machine-translated copies misspell it ("ATTVIRTAU"); a one-word line close to
    # the marker is still the approval stamp.
    return len(words(body)) <= 2 and len(first) >= 6 and any(
        fuzz.ratio(first, fold(" ".join(p))) >= 70 for p in ld.approval if len(p) == 1
    )


def is_ack(body: str, ld: LangData) -> bool:
    """The acknowledgement line ("С инструкцией ознакомлен(а)", "Susipažinau")."""
    seq = stems(body)
    return len(body) <= 200 and _starts_with(ld.acknowledgement, seq, 1)


def lead_in_kind(body: str, ld: LangData) -> SectionKind | None:
    """Kind revealed by a lead-in sentence ending with a colon ("… имеет право:")."""
    if not body.rstrip().endswith(":"):
        return None
    seq = stems(body)
    for kind, phrase in ld.lead_ins:
        if find(phrase, seq) >= 0:
            return kind
    return None


# NOTE: a line's role depends only on its text, its auto-number label, whether its style is a
# heading, and the language data, so it is kept across the files of a batch (issue 19: files
# of one batch repeat whole lines, and classifying was ~40 % of the structure layer). Least
# recently used first out; the entry holds its ``LangData``, so the ``id`` in the key is never
# another object's. Only lines without a number are kept whole: a numbered line's text (its
# typed number, or its auto-number label) is seldom met again in another file, and such lines
# pushed the recurring ones out; their role is kept by body below (``_ROLES``).
CLASSIFIED_LINES = 1 << 13
_Role = tuple[LangData, Role, Marker | None, str, SectionKind | None, SectionKind | None]
_CLASSIFIED: OrderedDict[tuple[str, str | None, bool, int], _Role] = OrderedDict()
# NOTE: what ``_role`` reads of a marker: whether there is one, its kind, whether it has more
# than one number, and whether it is glued to its text; the rest is the body's. A batch repeats
# its clause bodies under other numbers (issue 19: ~1,000 bodies in 1,000 generated files), so
# the role is kept per body (bounded by emptying; the entry holds its ``LangData`` as above).
ROLE_BODIES = 1 << 13
_Shape = tuple[str | None, bool, bool]
_BodyRole = tuple[LangData, Role, bool, bool, SectionKind | None, SectionKind | None]
_ROLES: dict[tuple[str, _Shape, bool, int], _BodyRole] = {}


def classify_line(block: Block, ld: LangData) -> Line:
    """Give one block its role."""
    auto = block.auto_number
    # NOTE: a line led by a digit (typed or auto-numbered) is seldom kept whole: not looked up
    numbered = (auto or block.text)[:1].isdigit()
    key = (block.text, auto, block.heading_level is not None, id(ld))
    found = None if numbered else _CLASSIFIED.get(key)
    if found is not None and found[0] is ld:
        try:
            _CLASSIFIED.move_to_end(key)
        except KeyError:  # NOTE: evicted by another thread since: simply not refreshed
            pass
        return new_line(block, found[1], found[2], found[3], found[4], found[5])
    marker, _auto = _marker_of(block)
    line = _line(block, marker, ld)
    if not numbered and (marker is None or marker.kind == "bullet"):
        _CLASSIFIED[key] = (ld, line.role, line.marker, line.body, line.kind, line.lead_in)
        if len(_CLASSIFIED) > CLASSIFIED_LINES:
            try:
                _CLASSIFIED.popitem(last=False)
            except KeyError:  # NOTE: emptied by another thread meanwhile
                pass
    return line


def _line(block: Block, marker: Marker | None, ld: LangData) -> Line:
    """The line of ``block`` with the given marker, its role kept by body (``_ROLES``)."""
    body = marker.rest if marker is not None else block.text
    style_heading = block.heading_level is not None
    shape: _Shape = (None, False, False) if marker is None else (
        marker.kind, len(marker.numbers) > 1, marker.glued)
    key = (body, shape, style_heading, id(ld))
    found = _ROLES.get(key)
    if found is None or found[0] is not ld:
        role, keeps_marker, whole_text, kind, lead_in = _role(body, marker, style_heading, ld)
        if len(_ROLES) >= ROLE_BODIES:
            _ROLES.clear()
        found = _ROLES[key] = (ld, role, keeps_marker, whole_text, kind, lead_in)
    return new_line(block, found[1], marker if found[2] else None,
                    block.text if found[3] else body, found[4], found[5])


def _classify(block: Block, ld: LangData) -> Line:
    """``classify_line`` without the caches."""
    marker, _auto = _marker_of(block)
    body = marker.rest if marker is not None else block.text
    role, keeps_marker, whole_text, kind, lead_in = _role(
        body, marker, block.heading_level is not None, ld)
    return Line(block, role, marker if keeps_marker else None,
                block.text if whole_text else body, kind=kind, lead_in=lead_in)


def _role(body: str, marker: Marker | None, style_heading: bool, ld: LangData
          ) -> tuple[Role, bool, bool, SectionKind | None, SectionKind | None]:
    """The role of a line with this body and marker: the role, whether the line keeps its
    marker, whether its body is the block's whole text (a number that is no marker), its
    section kind and its lead-in kind. Reads of the marker only what ``_Shape`` keeps."""
    if marker is None:
        # NOTE: stamps and titles first: "PAREIGYBĖS APRAŠYMAS" names the document, it is
        # not the section "Pareigybė".
        if is_approval(body, ld):
            return "approval", False, False, None, None
        if is_ack(body, ld):
            return "ack", False, False, None, None
        if is_title(body, ld):
            return "title", False, False, None, None
    if marker is None or marker.kind in ("decimal", "roman"):
        if marker is None or len(marker.numbers) == 1:
            kind = heading_kind(body, marker, style_heading, ld)
            if kind is not None:
                return "heading", True, False, kind, None
    if marker is None:
        return "prose", False, False, None, lead_in_kind(body, ld)
    if marker.kind == "roman":
        if not body or body[0].islower() or len(body) > 80:
            return "prose", False, True, None, None  # a snippet glued to "I."
        return "clause", True, False, None, None
    if marker.kind == "decimal":
        if marker.glued and not marker.rest:
            return "prose", False, True, None, None
        return "clause", True, False, None, lead_in_kind(body, ld)
    if marker.kind == "paren":
        return "sub", True, False, None, None
    return "bullet", True, False, None, None


def merge_chapters(lines: list[Line], ld: LangData) -> list[Line]:
    """Join "II SKYRIUS" and the title line after it into one numbered heading; keep
    subsection lines ("PIRMASIS SKIRSNIS" and its title) out of the clause list. Then give
    each numbered line a second look in its context (``falsenum``): dates and wrapped lines
    lose their "clause number", list items read as headings become clauses again."""
    return demote_false_numbers(_merge_chapters(lines, ld))


def _merge_chapters(lines: list[Line], ld: LangData) -> list[Line]:
    out = list(lines)
    for i, line in enumerate(out[:-1]):
        if line.marker is not None:
            continue
        text = line.block.text.strip()
        chapter = _CHAPTER.match(text)
        nxt = out[i + 1]
        if chapter:
            value = roman_value(chapter.group(1), any_case=True)
            if value is None or nxt.marker is not None:
                continue
            marker = Marker("roman", chapter.group(1), (value,), nxt.body)
            kind = heading_kind(nxt.body, None, True, ld) or SectionKind.UNKNOWN
            out[i] = Line(line.block, "heading", marker, nxt.body, kind=kind)
            out[i + 1] = Line(nxt.block, "part", None, nxt.body)
        elif _SUBCHAPTER.match(text) and nxt.marker is None:
            out[i] = Line(line.block, "part", None, line.body)
            out[i + 1] = Line(nxt.block, "part", None, nxt.body)
    return out


def looks_like_noise(line: Line, ld: LangData) -> bool:
    """Web noise inside an instruction: questions, first/second person, multi-sentence prose."""
    text = line.body.strip()
    if not text:
        return False
    if text.endswith("?") or _QUESTION_START.match(text):
        return True
    tokens = set(words(text))
    if tokens & ld.noise_words:
        return True
    return len(text) > 200 and len(_SENTENCE_BREAK.findall(text)) >= 1


def mentions(line: Line, phrases: tuple[Phrase, ...]) -> bool:
    """True when the line's body contains any of the phrases."""
    return any_phrase(phrases, stems(line.body))
