"""The shared language tables of kg/text.py."""
from __future__ import annotations

import datetime as dt

from kg.text import GERMAN_TRANSLITERATION, MONTHS, WEEKDAY_ABBREVIATIONS, WEEKDAYS


def test_months_number_every_name_and_abbreviation():
    for month in range(1, 13):
        name = dt.date(2020, month, 1).strftime("%B").lower()   # C locale: English names
        assert MONTHS[name] == month and MONTHS[name[:3]] == month
    assert MONTHS["sept"] == 9


def test_weekdays_follow_date_weekday():
    day = dt.date(2024, 1, 1)   # a Monday
    for k in range(7):
        d = day + dt.timedelta(days=k)
        assert WEEKDAYS[d.strftime("%A").lower()] == d.weekday()
        assert WEEKDAY_ABBREVIATIONS[d.strftime("%a").lower()] == d.weekday()


def test_german_transliteration():
    assert "Malmström".translate(GERMAN_TRANSLITERATION) == "Malmstroem"
    assert "Äußere Straße".translate(GERMAN_TRANSLITERATION) == "Aeussere Strasse"
