"""Profiles: which sections an instruction needs, in which order, per jurisdiction and employer.

The data lives in ``rules/profiles.yaml`` (lawyer-editable, with the source of each profile and
a note that for Russia the section set is practice, not statute). This module loads and
validates it once per process and picks a profile for a document with data-driven heuristics:
the document's language, then civil-service / public-body marker words from the YAML.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from jdlint.catalogue.markerscan import count_hits
from jdlint.catalogue.ruledata import LANGUAGES, RuleDataError, rules_dir
from jdlint.core.model import Document, SectionKind
from jdlint.core.records import record
from jdlint.core.rulestore import load_yaml_file

__all__ = [
    "Profile",
    "choose_profile",
    "get_profile",
    "load_profiles",
    "profile_names",
    "section_title",
]


@record(slots=True)
class Profile:
    """Required/recommended sections and their order for one kind of instruction."""

    name: str
    language: str
    title: str
    required: tuple[SectionKind, ...]
    recommended: tuple[SectionKind, ...]
    order: tuple[SectionKind, ...]
    expected_blocks: tuple[SectionKind, ...]
    # NOTE: kinds listed together in ``order`` ([duties, qualification]) share a rank: the
    # official templates place them either way round, so neither order is a defect.
    ranks: Mapping[SectionKind, int]
    source: str
    form: tuple[str, ...]
    markers: tuple[re.Pattern[str], ...]
    min_markers: int
    priority: int

    def rank(self, kind: SectionKind) -> int:
        """The place of ``kind`` in the profile's order (kinds in one group share it)."""
        return self.ranks[kind]

    def marker_hits(self, text: str) -> int:
        """How many distinct markers of this profile occur in ``text``."""
        # NOTE: a whole document is searched with every case-insensitive marker; only where
        # its literal words stand can one match (markerscan: never drops a match)
        return count_hits(self.markers, text)


@record(slots=True)
class _Data:
    profiles: Mapping[str, Profile]
    defaults: Mapping[str, str]
    titles: Mapping[str, Mapping[str, str]]


def _kinds(name: str, fieldname: str, value: Any) -> tuple[SectionKind, ...]:
    try:
        return tuple(SectionKind(v) for v in value or ())
    except ValueError as exc:
        raise RuleDataError(f"profiles.yaml: field 'profiles.{name}.{fieldname}': {exc}") from None


def _order(name: str, value: Any) -> tuple[tuple[SectionKind, ...], dict[SectionKind, int]]:
    """The flat order and each kind's rank; a nested list is a group of one rank."""
    flat: list[SectionKind] = []
    ranks: dict[SectionKind, int] = {}
    for rank, item in enumerate(value or ()):
        group = _kinds(name, "order", item if isinstance(item, list) else [item])
        for kind in group:
            if kind in ranks:
                raise RuleDataError(f"profiles.yaml: field 'profiles.{name}.order': "
                                    f"{kind.value} is placed twice")
            ranks[kind] = rank
            flat.append(kind)
    return tuple(flat), ranks


def _profile(name: str, d: Mapping[str, Any]) -> Profile:
    where = f"profiles.yaml: field 'profiles.{name}"
    if d.get("language") not in LANGUAGES:
        raise RuleDataError(f"{where}.language': must be one of {', '.join(LANGUAGES)}")
    order, ranks = _order(name, d.get("order"))
    required = _kinds(name, "required", d.get("required"))
    recommended = _kinds(name, "recommended", d.get("recommended"))
    missing = [k.value for k in (*required, *recommended) if k not in order]
    if missing:
        raise RuleDataError(f"{where}.order': does not place {', '.join(missing)}")
    try:
        markers = tuple(re.compile(m, re.IGNORECASE) for m in d.get("markers") or ())
    except re.error as exc:
        raise RuleDataError(f"{where}.markers': invalid regex: {exc}") from None
    if not str(d.get("source") or "").strip():
        raise RuleDataError(f"{where}.source': say where the section set comes from")
    return Profile(
        name=name,
        language=str(d["language"]),
        title=str(d.get("title") or name),
        required=required,
        recommended=recommended,
        order=order,
        ranks=MappingProxyType(ranks),
        expected_blocks=_kinds(name, "expected_blocks", d.get("expected_blocks")),
        source=" ".join(str(d["source"]).split()),
        form=tuple(str(f) for f in d.get("form") or ()),
        markers=markers,
        min_markers=int(d.get("min_markers", 0)),
        priority=int(d.get("priority", 0)),
    )


@lru_cache(maxsize=4)
def _load(path: Path) -> _Data:
    data = load_yaml_file(path)
    if not isinstance(data, Mapping) or not isinstance(data.get("profiles"), Mapping):
        raise RuleDataError("profiles.yaml: field 'profiles': must be a mapping")
    profiles = {str(n): _profile(str(n), d) for n, d in data["profiles"].items()}
    defaults = {str(k): str(v) for k, v in (data.get("defaults") or {}).items()}
    for key in (*LANGUAGES, "none"):
        if defaults.get(key) not in profiles:
            raise RuleDataError(f"profiles.yaml: field 'defaults.{key}': must name a profile")
    titles = {str(k): dict(v) for k, v in (data.get("section_titles") or {}).items()}
    absent = [k.value for k in SectionKind if k.value not in titles]
    if absent:
        raise RuleDataError(f"profiles.yaml: field 'section_titles': missing {', '.join(absent)}")
    return _Data(profiles, defaults, titles)


def _default() -> _Data:
    # NOTE: resolving the path touches the disk; choose_profile asks once per document
    return _load(_default_path())


@lru_cache(maxsize=1)
def _default_path() -> Path:
    return (rules_dir() / "profiles.yaml").resolve()


def load_profiles(path: Path | None = None) -> Mapping[str, Profile]:
    """All profiles by name (cached per process)."""
    return (_load(path.resolve()) if path else _default()).profiles


def profile_names() -> tuple[str, ...]:
    """Names of the profiles, for ``--profile`` choices and config validation."""
    return tuple(load_profiles())


def get_profile(name: str) -> Profile:
    """A profile by name; an unknown name raises ``ValueError`` with a "did you mean"."""
    profiles = load_profiles()
    if name not in profiles:
        close = difflib.get_close_matches(name, list(profiles), n=1)
        hint = f"; did you mean {close[0]}?" if close else ""
        raise ValueError(f"unknown profile {name!r} ({', '.join(profiles)}){hint}")
    return profiles[name]


def section_title(kind: SectionKind | str, lang: str) -> str:
    """Display title of a section kind in ``lang`` ("rights", "ru" → "Права")."""
    titles = _default().titles
    entry = titles.get(str(kind), {})
    return entry.get(lang) or entry.get("en") or str(kind)


def choose_profile(doc: Document) -> str:
    """Pick a profile for a document: by language, then by civil-service / public-body markers.

    Among the profiles of the document's language, the one with the most marker hits wins if it
    reaches its ``min_markers``; ties go to the higher ``priority``. Otherwise the language's
    default profile (``defaults`` in profiles.yaml).
    """
    data = _default()
    if doc.language is None:
        return data.defaults["none"]
    text = "\n".join(b.text for b in doc.own_blocks() if b.index not in doc.noise)
    best: tuple[int, int, str] | None = None
    for profile in data.profiles.values():
        if profile.language != doc.language or not profile.markers:
            continue
        hits = profile.marker_hits(text)
        if hits < max(profile.min_markers, 1):
            continue
        candidate = (hits, profile.priority, profile.name)
        if best is None or candidate[:2] > best[:2]:
            best = candidate
    return best[2] if best else data.defaults[doc.language]
