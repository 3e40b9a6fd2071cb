"""The rule registry: joins the checks bound by ``@implements("JD004")`` to the rules' YAML.

Discovery imports every module of the package ``jdlint.checks`` once (pkgutil), so the engine
never imports concrete rules and nobody keeps a hand-written list of them. ``load_rules`` joins
the catalogue (``ruledata``) with the implementations; ``consistency_errors`` is the meta-test
that every non-removed YAML has an implementation (unless it is preview or not a check) and
every implementation has a YAML. It is checked in tests, not at user run time, so a user never
sees a crash because a rule file is ahead of the code.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Mapping

from jdlint.catalogue.ruledata import DATA_KINDS, KINDS, RuleDataError, RuleMeta, load_catalogue
from jdlint.core.records import record
from jdlint.ruleapi import Check, RegistryError, implementations, implements

__all__ = [
    "NO_CHECK_KINDS",
    "Check",
    "RegistryError",
    "Rule",
    "consistency_errors",
    "discover",
    "implements",
    "load_rules",
]

# NOTE: JD001 is the reader's error record and JD000 the engine's crash record: both have YAML
# (docs, messages) but no check function.
NO_CHECK_KINDS = frozenset({"input", "internal"})

_discovered = False


def discover() -> Mapping[str, Check]:
    """Import every module of ``jdlint.checks`` once and return the registered checks."""
    global _discovered
    if not _discovered:
        import jdlint.checks as package

        for info in pkgutil.iter_modules(package.__path__, prefix=f"{package.__name__}."):
            importlib.import_module(info.name)
        _discovered = True
    return implementations()


@record(slots=True)
class Rule:
    """A rule as the engine runs it: metadata plus the check (``None`` if nothing to run)."""

    meta: RuleMeta
    check: Check | None

    @property
    def code(self) -> str:
        """The rule's code, "JD201"."""
        return self.meta.code


def consistency_errors(catalogue: Mapping[str, RuleMeta] | None = None,
                       checks: Mapping[str, Check] | None = None) -> list[str]:
    """Disagreements between YAML and implementations, one sentence each (empty = consistent)."""
    catalogue = load_catalogue() if catalogue is None else catalogue
    checks = discover() if checks is None else checks
    errors: list[str] = []
    for code, meta in catalogue.items():
        has_check = code in checks
        if meta.status == "removed":
            if has_check:
                errors.append(f"{code} is removed but still has an implementation")
        elif meta.kind in NO_CHECK_KINDS:
            if has_check:
                errors.append(f"{code} has kind {meta.kind!r} (no check) but is implemented")
        elif meta.kind == "python" and not has_check and meta.status != "preview":
            errors.append(f"{code} ({meta.status}) has no implementation: add "
                          f"@implements({code!r}) in jdlint/checks/ or mark it status: preview")
    for kind in DATA_KINDS:
        if kind not in checks:
            errors.append(f"data kind {kind!r} has no generic check: add @implements({kind!r})")
    for code in checks:
        if code not in catalogue and code not in KINDS:
            errors.append(f"{code} is implemented but rules/{code}.yaml does not exist")
    return errors


def load_rules(catalogue: Mapping[str, RuleMeta] | None = None) -> dict[str, Rule]:
    """Every non-removed rule by code, with its check when one is registered.

    Data kinds (``DATA_KINDS``) get their check from the generic implementation registered
    under the kind name (``@implements("phrase")``); a data rule with nothing to run raises
    ``RuleDataError`` naming its file, so it is never listed or selected while finding nothing.
    """
    catalogue = load_catalogue() if catalogue is None else catalogue
    checks = discover()
    rules: dict[str, Rule] = {}
    for code, meta in catalogue.items():
        if meta.status == "removed":
            continue
        check = checks.get(code)
        if check is None and meta.kind in DATA_KINDS:
            check = checks.get(meta.kind)
            if check is None:
                where = meta.path.name if meta.path else code
                raise RuleDataError(f"{where}: field 'kind': {meta.kind!r} has no check in this "
                                    "jdlint")
        rules[code] = Rule(meta, check)
    return rules
