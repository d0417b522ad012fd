"""Language tables every stage shares: English month and weekday names, German transliteration.

A neutral module (no kg imports): ingest reads publication dates with the calendar words,
extraction resolves dates and cuts names before them, evaluation and analysis match names
across spellings with the transliteration. Fixed tables, not `calendar.month_name`, which
follows the process's locale.
"""
from __future__ import annotations

#: English month names, January first
MONTH_NAMES: tuple[str, ...] = ("january", "february", "march", "april", "may", "june", "july", "august",
                                "september", "october", "november", "december")
#: abbreviated month names news prose and datelines use ('Sept. 5', 'Dec 2019')
MONTH_ABBREVIATIONS: dict[str, int] = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
                                       "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}
#: every month word, lowercase → month number (1–12)
MONTHS: dict[str, int] = {**{m: i for i, m in enumerate(MONTH_NAMES, start=1)}, **MONTH_ABBREVIATIONS}

#: English weekday names, Monday first (the index is `datetime.date.weekday()`)
WEEKDAY_NAMES: tuple[str, ...] = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
#: abbreviated weekday names of datelines ('Thurs., Dec. 5')
WEEKDAY_ABBREVIATIONS: dict[str, int] = {"mon": 0, "tues": 1, "tue": 1, "wed": 2, "thurs": 3, "thur": 3, "thu": 3,
                                         "fri": 4, "sat": 5, "sun": 6}
#: weekday name, lowercase → `datetime.date.weekday()`
WEEKDAYS: dict[str, int] = {d: i for i, d in enumerate(WEEKDAY_NAMES)}

#: German letters written out in English text ('Malmström' → 'Malmstroem', 'Schröder' → 'Schroeder')
GERMAN_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss",
                                        "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})
