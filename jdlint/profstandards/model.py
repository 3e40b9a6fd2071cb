"""The data format of a professional standard (``rules/profstandards/*.yaml``): typed, frozen
objects, their validation from YAML and their serialisation back to YAML-ready mappings.

Owns the one distinction every check depends on: ``None`` means MISSING (nobody has seen the
data: a check that needs it switches itself off), ``()`` means the standard has NONE (e.g. a
generalised function with no experience requirement). Every element carries its provenance:
``verbatim`` (copied from the official text or the Ministry of Labour registry export) or
``secondary`` (taken from a document that quotes the standard; unverified). The format is
documented for people in ``rules/profstandards/README.md``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, Final, Literal, cast

from jdlint.core.records import record

__all__ = [
    "FORMAT_VERSION",
    "Classifier",
    "GeneralFunction",
    "LabourFunction",
    "Order",
    "Provenance",
    "Standard",
    "StandardDataError",
    "standard_from_mapping",
    "standard_to_mapping",
]

FORMAT_VERSION: Final = 1
Provenance = Literal["verbatim", "secondary"]
OrderStatus = Literal["current", "superseded", "unknown"]
_PROVENANCES: Final = ("verbatim", "secondary")
_STATUSES: Final = ("current", "superseded", "unknown")


class StandardDataError(ValueError):
    """A standard file is malformed; the message names the file and the field."""


@record(slots=True)
class Classifier:
    """One code of a classifier (OKZ, OKVED, ...): "2434", "Специалисты по сбыту ИКТ"."""

    code: str
    name: str


@record(slots=True)
class Order:
    """The order that approved one version of the standard ("679н" of 2020-09-29)."""

    number: str
    date: dt.date
    status: OrderStatus
    provenance: Provenance
    issuer: str | None = None
    registration: str | None = None
    entry_into_force: dt.date | None = None
    note: str | None = None
    source: str | None = None


@record(slots=True)
class LabourFunction:
    """A labour function (ТФ) with its labour actions, skills and knowledge."""

    code: str | None
    name: str
    provenance: Provenance
    level: str | None = None
    actions: tuple[str, ...] | None = None
    skills: tuple[str, ...] | None = None
    knowledge: tuple[str, ...] | None = None
    note: str | None = None

    @property
    def label(self) -> str:
        """The code when known ("A/01.4"), else the name."""
        return self.code or self.name


@record(slots=True)
class GeneralFunction:
    """A generalised labour function (ОТФ): level, requirements, titles and its labour
    functions. ``skills``/``knowledge`` hold lists known only for the whole ОТФ (pooled)."""

    code: str | None
    name: str
    provenance: Provenance
    level: str | None = None
    job_titles: tuple[str, ...] | None = None
    education: tuple[str, ...] | None = None
    experience: tuple[str, ...] | None = None
    special_conditions: tuple[str, ...] | None = None
    other_characteristics: tuple[str, ...] | None = None
    functions: tuple[LabourFunction, ...] | None = None
    skills: tuple[str, ...] | None = None
    knowledge: tuple[str, ...] | None = None
    note: str | None = None
    source: str | None = None

    @property
    def label(self) -> str:
        """The code when known ("A"), else the name."""
        return self.code or self.name


@record(slots=True)
class Standard:
    """A professional standard: identity, approving orders and (current) content."""

    code: str
    name: str
    provenance: Provenance
    orders: tuple[Order, ...]
    functions: tuple[GeneralFunction, ...] | None
    complete: bool
    missing: tuple[str, ...] = ()
    registration_number: str | None = None
    kind_of_activity: str | None = None
    purpose: str | None = None
    okz: tuple[Classifier, ...] | None = None
    okved: tuple[Classifier, ...] | None = None
    source: str | None = None
    path: str | None = None

    @property
    def current(self) -> Order | None:
        """The order of the version in force, if the data says which one it is."""
        return next((o for o in self.orders if o.status == "current"), None)

    def all_labour_functions(self) -> tuple[LabourFunction, ...]:
        """Every ТФ of every ОТФ, in order."""
        return tuple(tf for otf in self.functions or () for tf in otf.functions or ())


class _Reader:
    def __init__(self, where: str) -> None:
        self.where = where

    def fail(self, field: str, problem: str) -> StandardDataError:
        return StandardDataError(f"{self.where}: field '{field}': {problem}")

    def text(self, field: str, value: Any) -> str:
        if not isinstance(value, str | int | float) or not str(value).strip():
            raise self.fail(field, "must be a non-empty string")
        return str(value).strip()

    def opt_text(self, field: str, value: Any) -> str | None:
        return None if value is None else self.text(field, value)

    def texts(self, field: str, value: Any) -> tuple[str, ...] | None:
        if value is None:
            return None
        if not isinstance(value, list):
            raise self.fail(field, "must be a list of strings, [] (none) or null (missing)")
        return tuple(self.text(f"{field}[{i}]", v) for i, v in enumerate(value))

    def provenance(self, field: str, value: Any) -> Provenance:
        if value not in _PROVENANCES:
            raise self.fail(field, f"{value!r} is not one of {', '.join(_PROVENANCES)}")
        return cast(Provenance, value)

    def day(self, field: str, value: Any) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            raise self.fail(field, f"{value!r} is not a date (YYYY-MM-DD)") from None

    def mapping(self, field: str, value: Any) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise self.fail(field, "must be a mapping")
        return value

    def items(self, field: str, value: Any) -> list[Mapping[str, Any]] | None:
        if value is None:
            return None
        if not isinstance(value, list):
            raise self.fail(field, "must be a list or null (missing)")
        return [self.mapping(f"{field}[{i}]", v) for i, v in enumerate(value)]

    def classifiers(self, field: str, value: Any) -> tuple[Classifier, ...] | None:
        entries = self.items(field, value)
        if entries is None:
            return None
        return tuple(Classifier(self.text(f"{field}[{i}].code", e.get("code")),
                                self.text(f"{field}[{i}].name", e.get("name")))
                     for i, e in enumerate(entries))


def _order(r: _Reader, field: str, data: Mapping[str, Any]) -> Order:
    status = data.get("status")
    if status not in _STATUSES:
        raise r.fail(f"{field}.status", f"{status!r} is not one of {', '.join(_STATUSES)}")
    force = data.get("entry_into_force")
    return Order(
        number=r.text(f"{field}.number", data.get("number")),
        date=r.day(f"{field}.date", data.get("date")),
        status=cast(OrderStatus, status),
        provenance=r.provenance(f"{field}.provenance", data.get("provenance")),
        issuer=r.opt_text(f"{field}.issuer", data.get("issuer")),
        registration=r.opt_text(f"{field}.registration", data.get("registration")),
        entry_into_force=None if force is None else r.day(f"{field}.entry_into_force", force),
        note=r.opt_text(f"{field}.note", data.get("note")),
        source=r.opt_text(f"{field}.source", data.get("source")),
    )


def _tf(r: _Reader, field: str, data: Mapping[str, Any], default: Provenance) -> LabourFunction:
    return LabourFunction(
        code=r.opt_text(f"{field}.code", data.get("code")),
        name=r.text(f"{field}.name", data.get("name")),
        provenance=r.provenance(f"{field}.provenance", data.get("provenance", default)),
        level=r.opt_text(f"{field}.level", data.get("level")),
        actions=r.texts(f"{field}.actions", data.get("actions")),
        skills=r.texts(f"{field}.skills", data.get("skills")),
        knowledge=r.texts(f"{field}.knowledge", data.get("knowledge")),
        note=r.opt_text(f"{field}.note", data.get("note")),
    )


def _otf(r: _Reader, field: str, data: Mapping[str, Any], default: Provenance
         ) -> GeneralFunction:
    provenance = r.provenance(f"{field}.provenance", data.get("provenance", default))
    tfs = r.items(f"{field}.tf", data.get("tf"))
    return GeneralFunction(
        code=r.opt_text(f"{field}.code", data.get("code")),
        name=r.text(f"{field}.name", data.get("name")),
        provenance=provenance,
        level=r.opt_text(f"{field}.level", data.get("level")),
        job_titles=r.texts(f"{field}.job_titles", data.get("job_titles")),
        education=r.texts(f"{field}.education", data.get("education")),
        experience=r.texts(f"{field}.experience", data.get("experience")),
        special_conditions=r.texts(f"{field}.special_conditions",
                                   data.get("special_conditions")),
        other_characteristics=r.texts(f"{field}.other_characteristics",
                                      data.get("other_characteristics")),
        functions=None if tfs is None else tuple(
            _tf(r, f"{field}.tf[{i}]", t, provenance) for i, t in enumerate(tfs)),
        skills=r.texts(f"{field}.skills", data.get("skills")),
        knowledge=r.texts(f"{field}.knowledge", data.get("knowledge")),
        note=r.opt_text(f"{field}.note", data.get("note")),
        source=r.opt_text(f"{field}.source", data.get("source")),
    )


_KEYS: Final = frozenset({
    "format", "code", "name", "provenance", "orders", "functions", "complete", "missing",
    "registration_number", "kind_of_activity", "purpose", "okz", "okved", "source",
})


def standard_from_mapping(data: Any, where: str = "<standard>") -> Standard:
    """Validate one parsed YAML document; raise ``StandardDataError`` naming the field."""
    r = _Reader(where)
    data = r.mapping("<root>", data)
    if data.get("format") != FORMAT_VERSION:
        raise r.fail("format", f"must be {FORMAT_VERSION}")
    unknown = set(data) - _KEYS
    if unknown:
        raise r.fail("<root>", f"unknown key(s) {sorted(unknown)}")
    provenance = r.provenance("provenance", data.get("provenance"))
    orders = r.items("orders", data.get("orders")) or []
    if not orders:
        raise r.fail("orders", "at least one approving order is required")
    otfs = r.items("functions", data.get("functions"))
    complete = data.get("complete")
    if not isinstance(complete, bool):
        raise r.fail("complete", "must be true or false")
    number = data.get("registration_number")
    return Standard(
        code=r.text("code", data.get("code")),
        name=r.text("name", data.get("name")),
        provenance=provenance,
        orders=tuple(_order(r, f"orders[{i}]", o) for i, o in enumerate(orders)),
        functions=None if otfs is None else tuple(
            _otf(r, f"functions[{i}]", o, provenance) for i, o in enumerate(otfs)),
        complete=complete,
        missing=r.texts("missing", data.get("missing")) or (),
        registration_number=None if number is None else r.text("registration_number", number),
        kind_of_activity=r.opt_text("kind_of_activity", data.get("kind_of_activity")),
        purpose=r.opt_text("purpose", data.get("purpose")),
        okz=r.classifiers("okz", data.get("okz")),
        okved=r.classifiers("okved", data.get("okved")),
        source=r.opt_text("source", data.get("source")),
        path=where,
    )


def _put(out: dict[str, Any], key: str, value: object) -> None:
    if value is not None:
        out[key] = list(value) if isinstance(value, tuple) else value


def _classifiers(items: Sequence[Classifier] | None) -> list[dict[str, str]] | None:
    return None if items is None else [{"code": c.code, "name": c.name} for c in items]


def standard_to_mapping(std: Standard) -> dict[str, Any]:
    """The YAML-ready mapping of a standard (missing values written as null)."""
    out: dict[str, Any] = {"format": FORMAT_VERSION, "code": std.code, "name": std.name,
                           "provenance": std.provenance, "complete": std.complete}
    _put(out, "missing", std.missing or None)
    _put(out, "source", std.source)
    _put(out, "registration_number", std.registration_number)
    _put(out, "kind_of_activity", std.kind_of_activity)
    _put(out, "purpose", std.purpose)
    out["okz"] = _classifiers(std.okz)
    out["okved"] = _classifiers(std.okved)
    orders = []
    for o in std.orders:
        entry: dict[str, Any] = {"number": o.number, "date": o.date, "status": o.status,
                                 "provenance": o.provenance}
        for key in ("issuer", "registration", "entry_into_force", "note", "source"):
            _put(entry, key, getattr(o, key))
        orders.append(entry)
    out["orders"] = orders
    otfs: list[dict[str, Any]] | None = None
    if std.functions is not None:
        otfs = []
        for g in std.functions:
            item: dict[str, Any] = {"code": g.code, "name": g.name, "level": g.level}
            if g.provenance != std.provenance:
                item["provenance"] = g.provenance
            for key in ("job_titles", "education", "experience", "special_conditions",
                        "other_characteristics"):
                item[key] = None if getattr(g, key) is None else list(getattr(g, key))
            _put(item, "skills", g.skills)
            _put(item, "knowledge", g.knowledge)
            _put(item, "note", g.note)
            _put(item, "source", g.source)
            if g.functions is None:
                item["tf"] = None
            else:
                item["tf"] = []
                for t in g.functions:
                    tf: dict[str, Any] = {"code": t.code, "name": t.name, "level": t.level}
                    if t.provenance != g.provenance:
                        tf["provenance"] = t.provenance
                    for key in ("actions", "skills", "knowledge"):
                        tf[key] = None if getattr(t, key) is None else list(getattr(t, key))
                    _put(tf, "note", t.note)
                    item["tf"].append(tf)
            otfs.append(item)
    out["functions"] = otfs
    return out
