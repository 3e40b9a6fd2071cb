"""JD202 full-liability-without-agreement: the phrase rule plus the posts of the statutory list.

The patterns and contexts are data (``rules/JD202.yaml``) run by the phrase engine
(``jdlint.checks.generic``). What a phrase rule cannot see is the post the instruction is for:
a cashier or a storekeeper works on the Government's list of posts with which a written
full-liability agreement may be concluded (ТК РФ ст. 244; Постановление Минтруда РФ от
31.12.2002 № 85), so "является материально ответственным лицом" in such an instruction
states a status the agreement gives, and is not reported. Imposing full liability itself
("несет полную материальную ответственность") is reported for every post.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from jdlint import nlp
from jdlint.checks.generic import phrase
from jdlint.model import Document, Finding
from jdlint.registry import implements

if TYPE_CHECKING:
    from jdlint.engine import RuleContext


def _contains(words: Sequence[str], part: Sequence[str]) -> bool:
    n = len(part)
    return n > 0 and any(tuple(words[i:i + n]) == tuple(part) for i in range(len(words) - n + 1))


def on_statutory_list(doc: Document, posts: Sequence[str]) -> bool:
    """True when the instruction's post names one of ``posts`` (compared by lemmas)."""
    lang = doc.language or "ru"
    if not doc.position:
        return False
    words = nlp.lemmas(doc.position, lang)
    return any(_contains(words, nlp.lemmas(post, lang)) for post in posts)


@implements("JD202")
def full_liability_without_agreement(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """Full material liability without its legal ground (the phrase rule, see the module)."""
    lang = doc.language or "ru"
    posts = (ctx.options.get("listed_posts") or {}).get(lang) or ()
    status = set((ctx.options.get("status_phrases") or {}).get(lang) or ())
    listed = bool(status) and on_statutory_list(doc, posts)
    for finding in phrase(doc, ctx):
        if listed and finding.data and finding.data.get("phrase") in status:
            continue
        yield finding
