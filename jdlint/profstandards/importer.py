"""Import professional standards from the Ministry of Labour registry XML export.

Owns the XML side: ``XMLCardInfo → ProfessionalStandarts → ProfessionalStandart`` (one file may
hold several) with section I (code, kind of activity, purpose, OKZ/OKVED) and section III
(``GeneralizedWorkFunction`` → ``ParticularWorkFunction`` → labour actions, skills, knowledge).
The registry's quirks are handled here once: empty values written as a self-closing element,
"–" or "-"; Cyrillic letters that look Latin in codes ("А/01.3" with U+0410); OKZ codes with a
trailing dot ("2512."); text with line breaks and NBSP. Parsing is safe: no DTD, no entities,
no network (an XML with a DOCTYPE is refused). Everything imported is ``verbatim`` (the
registry is the official source) and ``complete``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any, Final

from jdlint.core.deferred import Deferred
from jdlint.core.userfiles import NotRegularFile, TooLarge, read_regular
from jdlint.profstandards.model import (
    Classifier,
    GeneralFunction,
    LabourFunction,
    Order,
    OrderStatus,
    Standard,
    StandardDataError,
)

__all__ = ["RegistryImportError", "import_bytes", "import_file", "normalize_code",
           "normalize_order_number"]

_EMPTY: Final = frozenset({"", "-", "–", "—", "‑", "−"})
# NOTE: Cyrillic letters that look like Latin ones; codes (OTF "A", TF "A/01.4") are Latin.
_LOOKALIKE: Final = str.maketrans("АВСЕНКМОРТХаеорсух", "ABCEHKMOPTXaeopcyx")
_WS: Final = re.compile(r"\s+")
# NOTE: compiled on first use: only a standard's date being read asks (issue 19)
_DATE: Final = Deferred(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$")
_ORDER: Final = re.compile(r"^\s*(\d+)\s*[-‑–]?\s*([нНnH])?\s*$")


class RegistryImportError(StandardDataError):
    """The XML is not a readable registry export."""


def normalize_code(value: str) -> str:
    """A code with Cyrillic look-alike letters made Latin and stray spaces removed
    ("А/01.3" → "A/01.3", " 06.026 " → "06.026")."""
    return "".join(value.translate(_LOOKALIKE).split())


def normalize_order_number(value: str) -> str:
    """An order number in its usual form: digits and Cyrillic "н" ("684 н", "684n" → "684н")."""
    found = _ORDER.match(value)
    if not found:
        return " ".join(value.split())
    return found.group(1) + ("н" if found.group(2) else "")


def _clean(text: str | None) -> str | None:
    if text is None:
        return None
    text = _WS.sub(" ", text.replace("\u00a0", " ")).strip()
    return None if text in _EMPTY else text


def _parse(data: bytes, name: str) -> Any:
    from lxml import etree  # type: ignore[import-untyped, unused-ignore]

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             dtd_validation=False, huge_tree=False, remove_comments=True,
                             remove_pis=True)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise RegistryImportError(f"{name}: not well-formed XML: {exc}") from None
    if root.getroottree().docinfo.doctype:
        raise RegistryImportError(f"{name}: XML with a DOCTYPE is refused "
                                  "(registry exports have none)")
    return root


def _local(tag: object) -> str:
    text = str(tag)
    return text.rsplit("}", 1)[-1]


def _child(node: Any, name: str) -> Any:
    for child in node:
        if _local(child.tag) == name:
            return child
    return None


def _children(node: Any, name: str) -> Iterator[Any]:
    if node is None:
        return
    for child in node:
        if _local(child.tag) == name:
            yield child


def _text(node: Any, name: str) -> str | None:
    child = _child(node, name) if node is not None else None
    if child is None:
        return None
    return _clean("".join(child.itertext()))


def _list(node: Any, container: str, item: str) -> tuple[str, ...]:
    """Texts of ``container/item*`` (empty values dropped); the same-named nesting of 2022 files
    (``OtherCharacteristics/OtherCharacteristics``) is read as items too."""
    box = _child(node, container) if node is not None else None
    if box is None:
        return ()
    items = [c for c in box if _local(c.tag) in (item, container)]
    if not items:
        single = _clean(box.text)
        return (single,) if single else ()
    out = [_clean("".join(c.itertext())) for c in items]
    return tuple(t for t in out if t)


def _classifiers(node: Any, container: str, unit: str, code: str, name: str
                 ) -> tuple[Classifier, ...]:
    box = _child(node, container) if node is not None else None
    out: list[Classifier] = []
    for entry in _children(box, unit):
        c = _text(entry, code)
        n = _text(entry, name)
        if c or n:
            out.append(Classifier(normalize_code(c).rstrip(".") if c else "–", n or "–"))
    return tuple(out)


def _date(value: str | None, name: str) -> date:
    found = _DATE.match(value or "")
    if not found:
        raise RegistryImportError(f"{name}: DateOfApproval {value!r} is not dd.mm.yyyy")
    day, month, year = (int(g) for g in found.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise RegistryImportError(f"{name}: DateOfApproval {value!r} is not a date") from None


def _tf(node: Any) -> LabourFunction:
    code = _text(node, "CodeTF")
    return LabourFunction(
        code=normalize_code(code) if code else None,
        name=_text(node, "NameTF") or "–",
        provenance="verbatim",
        level=_text(node, "SubQualification"),
        actions=_list(node, "LaborActions", "LaborAction"),
        skills=_list(node, "RequiredSkills", "RequiredSkill"),
        knowledge=_list(node, "NecessaryKnowledges", "NecessaryKnowledge"),
    )


def _otf(node: Any) -> GeneralFunction:
    code = _text(node, "CodeOTF")
    tfs = _child(node, "ParticularWorkFunctions")
    return GeneralFunction(
        code=normalize_code(code) if code else None,
        name=_text(node, "NameOTF") or "–",
        provenance="verbatim",
        level=_text(node, "LevelOfQualification"),
        job_titles=_list(node, "PossibleJobTitles", "PossibleJobTitle"),
        education=_list(node, "EducationalRequirements", "EducationalRequirement"),
        experience=_list(node, "RequirementsWorkExperiences", "RequirementsWorkExperience"),
        special_conditions=_list(node, "SpecialConditionsForAdmissionToWork",
                                 "SpecialConditionForAdmissionToWork"),
        other_characteristics=_list(node, "OtherCharacteristics", "OtherCharacteristic"),
        functions=tuple(_tf(t) for t in _children(tfs, "ParticularWorkFunction")),
    )


def _standard(node: Any, name: str, status: OrderStatus, index: int) -> Standard:
    where = f"{name} (standard {index})"
    first = _child(node, "FirstSection")
    code = _text(first, "CodeKindProfessionalActivity")
    title = _text(node, "NameProfessionalStandart")
    number = _text(node, "OrderNumber")
    if not code or not title or not number:
        raise RegistryImportError(f"{where}: CodeKindProfessionalActivity, "
                                  "NameProfessionalStandart and OrderNumber are required")
    group = _child(first, "EmploymentGroup") if first is not None else None
    third = _child(node, "ThirdSection")
    work = _child(third, "WorkFunctions") if third is not None else None
    otfs = _child(work, "GeneralizedWorkFunctions") if work is not None else None
    source = f"Ministry of Labour registry XML export ({name})"
    return Standard(
        code=normalize_code(code),
        name=title,
        provenance="verbatim",
        orders=(Order(number=normalize_order_number(number),
                      date=_date(_text(node, "DateOfApproval"), where),
                      status=status, provenance="verbatim",
                      issuer="Минтруд России", source=source),),
        functions=tuple(_otf(g) for g in _children(otfs, "GeneralizedWorkFunction")),
        complete=True,
        registration_number=_text(node, "RegistrationNumber"),
        kind_of_activity=_text(first, "KindProfessionalActivity"),
        purpose=_text(first, "PurposeKindProfessionalActivity"),
        # NOTE: exports put codes of the wrong classifier in a list at times (06.027 has OKZ
        # 3513 under ListOKVED); they are kept as published, the checks do not use OKVED.
        okz=_classifiers(group, "ListOKZ", "UnitOKZ", "CodeOKZ", "NameOKZ"),
        okved=_classifiers(group, "ListOKVED", "UnitOKVED", "CodeOKVED", "NameOKVED"),
        source=source,
    )


def import_bytes(data: bytes, name: str = "<xml>", status: OrderStatus = "current"
                 ) -> tuple[Standard, ...]:
    """Every standard of one registry XML export, in file order."""
    root = _parse(data, name)
    if _local(root.tag) != "XMLCardInfo":
        raise RegistryImportError(f"{name}: root element is {_local(root.tag)!r}, not XMLCardInfo "
                           "(not a registry export)")
    box = _child(root, "ProfessionalStandarts")
    found = [_standard(n, name, status, i + 1)
             for i, n in enumerate(_children(box, "ProfessionalStandart"))]
    if not found:
        raise RegistryImportError(f"{name}: no ProfessionalStandart element")
    return tuple(found)


# NOTE: one standard's export is 100-200 KB; the limit leaves room for a registry export of
# several hundred standards and keeps a hostile or mistaken file (a disk image) out of memory.
MAX_EXPORT_BYTES: Final = 128 * 1024 * 1024


def import_file(path: Path, status: OrderStatus = "current") -> tuple[Standard, ...]:
    """``import_bytes`` of a file (a regular file of at most ``MAX_EXPORT_BYTES``)."""
    try:
        data = read_regular(path, MAX_EXPORT_BYTES)
    except OSError as exc:
        raise RegistryImportError(f"{path}: {exc.strerror or exc}") from None
    except NotRegularFile:
        raise RegistryImportError(f"{path}: not a regular file") from None
    except TooLarge:
        raise RegistryImportError(f"{path}: larger than {MAX_EXPORT_BYTES // 2**20} MiB; "
                                  "export fewer standards per file") from None
    return import_bytes(data, path.name, status)
