"""Generic data kinds: rules written in YAML only. ``kind: phrase`` lists lemma patterns.

A phrase rule (``rules/JDxxx.yaml``) carries, per language (``ru``, ``lt``):

``patterns``
    lemma patterns (``jdlint.nlp.matcher``): every inflection matches, ``*`` is a gap of up
    to two words ("лишение * премии"). A sentence that matches is a finding, unless:
``exceptions``
    patterns of lawful terms that contain a pattern ("административный штраф" for "штраф"):
    a match overlapping one of them is dropped;
``contexts``
    lawful contexts, keyed by window: ``sentence`` (the same sentence), ``clause`` (the same
    clause) or ``document`` (anywhere in the instruction): "в пределах своей трудовой
    функции", "договор о полной материальной ответственности";
``requires``
    optional patterns that must also be in the same sentence ("ущерб" for "гражданским
    законодательством"); a sentence wrapped from the clause's previous line counts whole;
``escalate``
    patterns that, in the same clause, raise the finding to ``options.escalate_severity``
    (default error): "без дополнительной оплаты", "в полном размере".

Built in, switched by options: a negation or prohibition before the match in the same
sentence ("работодатель не вправе применять штрафы", "draudžiama", "negali"; ``negation``,
extra cues in ``negations``) or a negated predicate after it ("штрафы не применяются",
"sutartys netaikomos"), a quotation of the law (the match inside quotation marks in a
sentence that cites an article or a code; ``quotation``). ``scope`` limits the rule to
section kinds; the approval and acknowledgement blocks and web noise are never searched. One
finding per clause (``per_clause``). With ``jurisdiction: auto`` the rule runs only on
instructions under the law of a country its ``legal_basis`` covers (see
``jdlint.checklib.jurisdiction``) and the message gets ``{jurisdiction}``.

The machinery is ``jdlint.checklib.matching``; Python checks reuse it through ``spec_of`` and
``find`` and add their own logic.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from jdlint.checklib.matching import phrase_findings
from jdlint.core.model import Document, Finding
from jdlint.ruleapi import implements

if TYPE_CHECKING:
    from jdlint.ruleapi import RuleContext


@implements("phrase")
def phrase(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """The check of every ``kind: phrase`` rule."""
    return phrase_findings(doc, ctx)
