"""Resolve date expressions of news text against the article's publication date."""
from __future__ import annotations

import datetime as dt
import re

from kg.text import MONTHS, WEEKDAYS

_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}

_M = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_D = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_Y = r"(?P<year>(?:1[89]|20)\d{2})"
_PATTERNS = [
    re.compile(rf"^{_Y}-(?P<mnum>\d{{2}})-(?P<dnum>\d{{2}})$"),
    re.compile(rf"^(?:the\s+)?{_D}(?:\s+of)?\s+{_M},?\s+{_Y}$"),
    re.compile(rf"^{_M}\s+{_D},?\s+{_Y}$"),
    re.compile(rf"^(?:the\s+)?{_D}(?:\s+of)?\s+{_M}$"),
    re.compile(rf"^{_M}\s+{_D}$"),
    re.compile(rf"^{_M},?\s+{_Y}$"),
    re.compile(rf"^{_Y}$"),
    re.compile(rf"^{_M}$"),
]


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    try:
        if day is not None and month is not None:
            return dt.date(year, month, day).isoformat()
    except ValueError:
        return None
    if month is not None:
        return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else None
    return f"{year:04d}"


#: a day and month without a year, told in the past, this far after the article date is last year's
_PAST_HORIZON = dt.timedelta(days=90)


def _absolute(text: str, ref: dt.date | None, past: bool = False, future: bool = False) -> str | None:
    for pat in _PATTERNS:
        m = pat.match(text)
        if not m:
            continue
        g = m.groupdict()
        if g.get("mnum"):
            return _iso(int(g["year"]), int(g["mnum"]), int(g["dnum"]))
        month = MONTHS[g["month"].lower()] if g.get("month") else None
        day = int(g["day"]) if g.get("day") else None
        if g.get("year"):
            return _iso(int(g["year"]), month, day)
        if ref is None:
            return None  # a day and month without a year and no article date: unresolved
        year = ref.year
        # "December 28" in an article of January 3 means last year's December
        if month and month - ref.month > 6:
            year -= 1
        elif month and ref.month - month > 6 and "will" in text:
            year += 1
        if month and day is None:   # 'in July': the last July told in the past, the next one told as to come
            year = ref.year - 1 if past and month > ref.month else ref.year + 1 if future and month < ref.month \
                else ref.year
            return _iso(year, month)
        found = _iso(year, month, day)
        if found and past and month and len(found) == 10 \
                and dt.date.fromisoformat(found) - ref > _PAST_HORIZON:
            return _iso(year - 1, month, day)   # 'a July 25 meeting', told in January in the past tense
        return found
    return None


def _shift_months(ref: dt.date, months: int) -> tuple[int, int]:
    total = ref.year * 12 + (ref.month - 1) + months
    return total // 12, total % 12 + 1


#: expressions that name a day by the day the story last named ('that day', 'the following day') → offset
ANAPHORIC_DAYS = {"that day": 0, "the same day": 0, "same day": 0, "later that day": 0, "earlier that day": 0,
                  "that morning": 0, "that afternoon": 0, "that evening": 0, "that night": 0, "later that night": 0,
                  "the next day": 1, "the following day": 1, "a day later": 1, "the day after": 1, "next day": 1,
                  "the previous day": -1, "the day before": -1, "a day earlier": -1}


#: words the model labels a date that tell how often, not when ('the daily briefing', 'the annual meeting')
FREQUENCY_WORDS = frozenset({"daily", "nightly", "weekly", "fortnightly", "monthly", "quarterly", "annual", "annually",
                             "yearly", "biannual", "biennial"})


def is_frequency(text: str) -> bool:
    """'daily', 'annual': a date label that names no time."""
    return text.strip().lower() in FREQUENCY_WORDS


def resolve(text: str, ref: dt.date | None, *, future: bool = False, past: bool = False,
            anchor: dt.date | None = None) -> str | None:
    """ISO date (YYYY-MM-DD, YYYY-MM or YYYY) that a date expression names, or None when unresolvable.

    `ref` is the article's publication date; relative expressions ("Thursday", "a year ago")
    stay unresolved (None) without it. `future` says the sentence speaks of what will happen, `past`
    that it tells what happened (a day and month months after the article date is then last year's).
    `anchor` is the day the story last named: 'that day', 'the following day', 'two days later' count
    from it (and stay unresolved without it).
    """
    t = " ".join(text.replace("\u00a0", " ").split()).strip(" ,.").lower()
    ahead = t.startswith("in ")        # 'in two days'
    t = re.sub(r"^(on|in|since|from|by|until|at|during)\s+", "", t)
    t = re.sub(r"^(?:early|late|earlier|later)(?:\s+on)?\s+(?=\w+day\b)", "", t)   # 'early on Friday'
    t = re.sub(r"\s+(?:local time|morning|afternoon|evening|night)$", "", t) if re.search(r"\w+day\s", t) else t
    if not t:
        return None
    if t in ANAPHORIC_DAYS:
        return (anchor + dt.timedelta(days=ANAPHORIC_DAYS[t])).isoformat() if anchor is not None else None
    m = re.match(r"^(a|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+days?\s+(later|earlier)$", t)
    if m and anchor is not None:
        n = 1 if m.group(1) in ("a", "one") else _NUMBERS.get(m.group(1)) or int(m.group(1))
        return (anchor + dt.timedelta(days=n if m.group(2) == "later" else -n)).isoformat()
    found = _absolute(t, ref, past and not future, future)
    if found:
        return found
    if ref is None:
        return None
    m = re.match(r"^(.*?[a-z0-9]),?\s+(last|this|next) year$", t)
    if m and _absolute(m.group(1), ref, False, False):   # 'March 20 last year' → that day of the year before
        year = ref.year + {"last": -1, "this": 0, "next": 1}[m.group(2)]
        return _absolute(f"{m.group(1)} {year}", ref, False, False)
    if t in ("today", "this morning", "this afternoon", "this evening", "tonight", "earlier today"):
        return ref.isoformat()
    if t in ("yesterday", "last night"):
        return (ref - dt.timedelta(days=1)).isoformat()
    if t == "tomorrow":
        return (ref + dt.timedelta(days=1)).isoformat()
    m = re.match(r"^(?:(last|next|this|coming|past)\s+)?(\w+day)(?:\s+(morning|afternoon|evening|night))?$", t)
    if m and m.group(2) in WEEKDAYS:
        want = WEEKDAYS[m.group(2)]
        qualifier = m.group(1)
        forward = qualifier in ("next", "coming") or (future and qualifier != "last")
        if forward:
            delta = (want - ref.weekday()) % 7 or (7 if qualifier == "next" else 0)
            return (ref + dt.timedelta(days=delta)).isoformat()
        delta = (ref.weekday() - want) % 7
        if qualifier == "last" and delta <= 1:
            delta += 7      # 'last Thursday' written on a Friday is not yesterday, which would be 'on Thursday'
        return (ref - dt.timedelta(days=delta)).isoformat()
    if t in ("this weekend", "the weekend", "next weekend", "last weekend"):
        saturday = ref + dt.timedelta(days=5 - ref.weekday()) if ref.weekday() < 6 else ref - dt.timedelta(days=1)
        shift = {"next weekend": 7, "last weekend": -7}.get(t, 0)
        if t == "the weekend" and not future and ref.weekday() < 5:
            shift = -7
        return (saturday + dt.timedelta(days=shift)).isoformat()
    m = re.match(r"^(?:in\s+)?(a|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+days?(\s+ago|\s+later|\s+earlier)?$", t)
    if m and (ahead or m.group(2)):
        n = _NUMBERS.get(m.group(1)) or int(m.group(1)) if m.group(1) not in ("a",) else 1
        sign = -1 if m.group(2) and m.group(2).strip() in ("ago", "earlier") else 1
        return (ref + dt.timedelta(days=sign * n)).isoformat()
    m = re.match(r"^(a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+)\s+(year|month)s?\s+ago$", t)
    if m:
        n = _NUMBERS.get(m.group(1)) or int(m.group(1))
        months = n * 12 if m.group(2) == "year" else n
        y, mo = _shift_months(ref, -months)
        return _iso(y, mo)
    m = re.match(r"^(?:(earlier|later)\s+)?(last|this|next)\s+week$", t)
    if m:   # the month (or year) that holds the whole week, when one does
        monday = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(days={"last": -7, "next": 7}.get(m.group(2), 0))
        sunday = monday + dt.timedelta(days=6)
        if (monday.year, monday.month) == (sunday.year, sunday.month):
            return _iso(monday.year, monday.month)
        return _iso(monday.year) if monday.year == sunday.year else None
    m = re.match(r"^(?:earlier|later)\s+this\s+(month|year)$", t)
    if m:
        return _iso(ref.year, ref.month) if m.group(1) == "month" else _iso(ref.year)
    if t == "last month":
        return _iso(*_shift_months(ref, -1))
    if t == "next month":
        return _iso(*_shift_months(ref, 1))
    if t == "this month":
        return _iso(ref.year, ref.month)
    if t == "last year":
        return _iso(ref.year - 1)
    if t == "next year":
        return _iso(ref.year + 1)
    if t == "this year":
        return _iso(ref.year)
    m = re.match(rf"^(?:last|this|next)\s+{_M}$", t)
    if m:
        month = MONTHS[m.group("month")]
        year = ref.year
        if t.startswith("last") and month >= ref.month:
            year -= 1
        if t.startswith("next") and month <= ref.month:
            year += 1
        return _iso(year, month)
    return None


def shift(text: str, anchor: dt.date, sign: int) -> str | None:
    """The day a span of days or weeks ('a week', 'two days') before (sign -1) or after (+1) the anchor."""
    m = re.match(r"^(a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(day|week)s?$",
                 " ".join(text.lower().split()))
    if not m:
        return None
    n = _NUMBERS.get(m.group(1)) or int(m.group(1)) if m.group(1) != "an" else 1
    return (anchor + dt.timedelta(days=sign * n * (7 if m.group(2) == "week" else 1))).isoformat()


def xsd_type(iso: str) -> str:
    """The XML Schema datatype local name for an ISO date string of any precision."""
    return {10: "date", 7: "gYearMonth", 4: "gYear"}.get(len(iso), "string")
