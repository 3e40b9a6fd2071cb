"""Words of the review report in Russian, Lithuanian and English.

Rule messages come already translated from the rules; these are the report's own headings,
column names, verdicts, family names, tooltips and counted words. A counted word ("1 документ",
"2 документа", "5 документов") takes the form CLDR's plural rules choose for the number
(babel): Russian and Lithuanian have three or four forms where English has two.
"""

from __future__ import annotations

from typing import Final

LABELS: Final[dict[str, dict[str, str]]] = {
    "title": {"ru": "Отчёт о проверке должностных инструкций",
              "lt": "Pareigybių aprašymų patikros ataskaita",
              "en": "Job description review report"},
    "overview": {"ru": "Сводка по документам", "lt": "Dokumentų suvestinė",
                 "en": "Overview of the documents"},
    "document": {"ru": "Документ", "lt": "Dokumentas", "en": "Document"},
    "doc_count": {"ru": "Документов", "lt": "Dokumentų", "en": "Documents"},
    "rules_of": {"ru": "Правила {fam}xx", "lt": "Taisyklės {fam}xx", "en": "Rules {fam}xx"},
    "verdict": {"ru": "Вывод", "lt": "Išvada", "en": "Verdict"},
    "red": {"ru": "Нельзя утверждать без исправлений", "lt": "Negalima tvirtinti be pataisų",
            "en": "Do not approve without changes"},
    "amber": {"ru": "Требует доработки", "lt": "Reikia patobulinti", "en": "Needs revision"},
    "green": {"ru": "Замечаний нет", "lt": "Pastabų nėra", "en": "No findings"},
    "unreadable": {"ru": "Файл не прочитан", "lt": "Failas neperskaitytas",
                   "en": "File could not be read"},
    "why_red": {"ru": "{errors} — нарушения, которые нельзя оставлять",
                "lt": "{errors} — pažeidimai, kurių negalima palikti",
                "en": "{errors}: problems that must not stay"},
    "why_amber": {"ru": "{warnings}, ошибок нет", "lt": "{warnings}, klaidų nėra",
                  "en": "{warnings}, no errors"},
    "why_green": {"ru": "только справочные замечания или ни одного",
                  "lt": "tik informacinės pastabos arba jokių",
                  "en": "only informational notes, or none"},
    "errors": {"ru": "Ошибки", "lt": "Klaidos", "en": "Errors"},
    "warnings": {"ru": "Предупреждения", "lt": "Įspėjimai", "en": "Warnings"},
    "infos": {"ru": "Справочно", "lt": "Informacija", "en": "Info"},
    "error": {"ru": "ошибка", "lt": "klaida", "en": "error"},
    "warning": {"ru": "предупреждение", "lt": "įspėjimas", "en": "warning"},
    "info": {"ru": "справочно", "lt": "informacija", "en": "info"},
    "findings": {"ru": "Замечания", "lt": "Pastabos", "en": "Findings"},
    "clause": {"ru": "Пункт", "lt": "Punktas", "en": "Clause"},
    "where": {"ru": "Где", "lt": "Vieta", "en": "Where"},
    "text": {"ru": "Текст", "lt": "Tekstas", "en": "Text"},
    "problem": {"ru": "Что не так", "lt": "Kas negerai", "en": "What is wrong"},
    "basis": {"ru": "Правовое основание", "lt": "Teisinis pagrindas", "en": "Legal basis"},
    "suggestion": {"ru": "Рекомендация", "lt": "Rekomendacija", "en": "Recommendation"},
    "proposed": {"ru": "Предлагаемая редакция: «{new}» вместо «{old}»",
                 "lt": "Siūloma redakcija: „{new}“ vietoj „{old}“",
                 "en": "Proposed wording: '{new}' instead of '{old}'"},
    "proposed_delete": {"ru": "Предлагается удалить: «{old}»",
                        "lt": "Siūloma išbraukti: „{old}“",
                        "en": "Proposed: delete '{old}'"},
    "confidence": {"ru": "Уверенность", "lt": "Patikimumas", "en": "Confidence"},
    "high": {"ru": "высокая", "lt": "didelis", "en": "high"},
    "medium": {"ru": "средняя", "lt": "vidutinis", "en": "medium"},
    "low": {"ru": "низкая", "lt": "mažas", "en": "low"},
    "structure": {"ru": "Структура", "lt": "Struktūra", "en": "Structure"},
    "present": {"ru": "есть", "lt": "yra", "en": "present"},
    "missing": {"ru": "нет", "lt": "nėra", "en": "missing"},
    "required": {"ru": "обязательный", "lt": "privalomas", "en": "required"},
    "recommended": {"ru": "рекомендуемый", "lt": "rekomenduojamas", "en": "recommended"},
    "instruction": {"ru": "Инструкция", "lt": "Aprašymas", "en": "Instruction"},
    "position": {"ru": "Должность", "lt": "Pareigybė", "en": "Position"},
    "language": {"ru": "Язык", "lt": "Kalba", "en": "Language"},
    "profile": {"ru": "Профиль", "lt": "Profilis", "en": "Profile"},
    "by_family": {"ru": "По группам правил", "lt": "Pagal taisyklių grupes",
                  "en": "By rule family"},
    "no_findings": {"ru": "Замечаний нет.", "lt": "Pastabų nėra.", "en": "No findings."},
    "not_instruction": {"ru": "Это не должностная инструкция", "lt": "Tai ne pareigybės aprašymas",
                        "en": "Not a job description"},
    "not_checked": {"ru": "Не проверен", "lt": "Nepatikrintas", "en": "Not checked"},
    "nc_unreadable": {"ru": "файл не прочитан: {reason}", "lt": "failas neperskaitytas: {reason}",
                      "en": "the file could not be read: {reason}"},
    "nc_not_jd": {"ru": "это не должностная инструкция, правила к нему не применялись",
                  "lt": "tai ne pareigybės aprašymas, taisyklės jam netaikytos",
                  "en": "not a job description, so the rules were not applied"},
    "nc_foreign": {"ru": "нормы трудового права ({country}) jdlint не проверяет",
                   "lt": "darbo teisės normų ({country}) jdlint netikrina",
                   "en": "jdlint has no labour-law rules for {country}"},
    "nc_language": {"ru": "язык не определён, проверки содержания не выполнялись",
                    "lt": "kalba nenustatyta, turinio patikros neatliktos",
                    "en": "the language could not be told, so the content was not checked"},
    "checked_on": {"ru": "Дата проверки: {date} (законодательство в редакции на эту дату)",
                   "lt": "Patikros data: {date} (teisės aktai, galiojantys tą dieną)",
                   "en": "Checked on {date} (the law in force on that date)"},
    "law": {"ru": "Право", "lt": "Teisė", "en": "Law"},
    "generated": {"ru": "Сформировано jdlint {version}", "lt": "Sugeneravo jdlint {version}",
                  "en": "Made by jdlint {version}"},
    "repeated": {"ru": "Пункты, повторяющиеся в нескольких документах",
                 "lt": "Punktai, pasikartojantys keliuose dokumentuose",
                 "en": "Clauses repeated across documents"},
}

# NOTE: CLDR plural categories: ru one/few/many (other for fractions), lt one/few/many/other
# ("many" is for fractions, "other" for 0 and 10-20), en one/other.
COUNTED: Final[dict[str, dict[str, dict[str, str]]]] = {
    "documents": {
        "ru": {"one": "{n} документ", "few": "{n} документа", "many": "{n} документов",
               "other": "{n} документа"},
        "lt": {"one": "{n} dokumentas", "few": "{n} dokumentai", "many": "{n} dokumento",
               "other": "{n} dokumentų"},
        "en": {"one": "{n} document", "other": "{n} documents"}},
    "errors": {
        "ru": {"one": "{n} ошибка", "few": "{n} ошибки", "many": "{n} ошибок",
               "other": "{n} ошибки"},
        "lt": {"one": "{n} klaida", "few": "{n} klaidos", "many": "{n} klaidos",
               "other": "{n} klaidų"},
        "en": {"one": "{n} error", "other": "{n} errors"}},
    "warnings": {
        "ru": {"one": "{n} предупреждение", "few": "{n} предупреждения",
               "many": "{n} предупреждений", "other": "{n} предупреждения"},
        "lt": {"one": "{n} įspėjimas", "few": "{n} įspėjimai", "many": "{n} įspėjimo",
               "other": "{n} įspėjimų"},
        "en": {"one": "{n} warning", "other": "{n} warnings"}},
    "infos": {
        "ru": {"one": "{n} справочное замечание", "few": "{n} справочных замечания",
               "many": "{n} справочных замечаний", "other": "{n} справочного замечания"},
        "lt": {"one": "{n} informacinė pastaba", "few": "{n} informacinės pastabos",
               "many": "{n} informacinės pastabos", "other": "{n} informacinių pastabų"},
        "en": {"one": "{n} informational note", "other": "{n} informational notes"}},
    "findings": {
        "ru": {"one": "{n} замечание", "few": "{n} замечания", "many": "{n} замечаний",
               "other": "{n} замечания"},
        "lt": {"one": "{n} pastaba", "few": "{n} pastabos", "many": "{n} pastabos",
               "other": "{n} pastabų"},
        "en": {"one": "{n} finding", "other": "{n} findings"}},
}

FAMILIES: Final[dict[str, dict[str, str]]] = {
    "JD0": {"ru": "Файл и документ", "lt": "Failas ir dokumentas", "en": "File and document"},
    "JD1": {"ru": "Структура", "lt": "Struktūra", "en": "Structure"},
    "JD2": {"ru": "Трудовое право", "lt": "Darbo teisė", "en": "Labour law"},
    "JD3": {"ru": "Повторы и противоречия", "lt": "Pasikartojimai ir prieštaravimai",
            "en": "Duplicates and contradictions"},
    "JD4": {"ru": "Профстандарт", "lt": "Profesinis standartas",
            "en": "Professional standard"},
}


def label(key: str, lang: str, **fmt: object) -> str:
    """The report word ``key`` in ``lang`` (English when missing), formatted with ``fmt``."""
    entry = LABELS[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**fmt) if fmt else text


def plural_category(n: int, lang: str) -> str:
    """CLDR's plural category of ``n`` in ``lang`` ("one", "few", "many", "other")."""
    from babel import Locale

    return str(Locale.parse(lang if lang in ("ru", "lt") else "en").plural_form(n))


def counted(key: str, n: int, lang: str) -> str:
    """``n`` with the counted word ``key`` in the form ``lang`` needs: "21 документ"."""
    forms = COUNTED[key].get(lang) or COUNTED[key]["en"]
    form = forms.get(plural_category(n, lang if lang in COUNTED[key] else "en")) or forms["other"]
    return form.format(n=n)


def family_of(code: str) -> str:
    """Rule family key of a code ("JD201" → "JD2"); house rules form their own family."""
    return code[:3] if code.startswith("JD") else code.rstrip("0123456789") or code
