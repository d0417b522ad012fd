"""Date expressions resolved against the article's date (kg/extract/dates.py)."""
import datetime as dt

import pytest

from kg.extract.dates import is_frequency, resolve, shift, xsd_type

REF = dt.date(2012, 6, 21)  # a Thursday


@pytest.mark.parametrize("text,expected", [
    ("21 June 2012", "2012-06-21"),
    ("December 5 2012", "2012-12-05"),
    ("December 5, 2012", "2012-12-05"),
    ("2019-07-10", "2019-07-10"),
    ("June 2012", "2012-06"),
    ("2011", "2011"),
    ("Thursday", "2012-06-21"),
    ("on Wednesday", "2012-06-20"),
    ("last Thursday", "2012-06-14"),
    ("next Monday", "2012-06-25"),
    ("yesterday", "2012-06-20"),
    ("today", "2012-06-21"),
    ("a year ago", "2011-06"),
    ("two months ago", "2012-04"),
    ("last year", "2011"),
    ("June 5", "2012-06-05"),
])
def test_resolves_against_article_date(text, expected):
    assert resolve(text, REF) == expected


def test_future_weekday_looks_forward():
    assert resolve("Monday", REF, future=True) == "2012-06-25"


def test_day_month_in_january_article_is_last_december():
    assert resolve("December 28", dt.date(2013, 1, 3)) == "2012-12-28"


@pytest.mark.parametrize("text", ["Thursday", "yesterday", "a year ago", "December 5", "next week"])
def test_relative_dates_stay_unresolved_without_article_date(text):
    assert resolve(text, None) is None


def test_nonsense_is_unresolved():
    assert resolve("every year", REF) is None
    assert resolve("31 February 2012", REF) is None


def test_xsd_types():
    assert [xsd_type(x) for x in ("2012-06-21", "2011-12", "2011")] == ["date", "gYearMonth", "gYear"]


def test_last_weekday_is_never_yesterday():
    friday = dt.date(2020, 1, 10)
    assert resolve("last Thursday", friday) == "2020-01-02"
    assert resolve("Thursday", friday) == "2020-01-09"
    assert resolve("last Tuesday", friday) == "2020-01-07"


def test_day_and_month_told_in_the_past_months_ahead_is_last_year():
    january = dt.date(2020, 1, 10)
    assert resolve("July 25", january, past=True) == "2019-07-25"
    assert resolve("July 25", january) == "2020-07-25"
    assert resolve("March 3", january, past=True) == "2020-03-03"


def test_a_month_alone_is_the_last_one_told_in_the_past_and_the_next_one_told_as_to_come():
    ref = dt.date(2019, 5, 12)
    assert resolve("In February", ref, past=True) == "2019-02"
    assert resolve("December", ref, past=True) == "2018-12"
    assert resolve("March", ref, future=True) == "2020-03"
    assert resolve("July", None) is None


def test_days_named_by_the_day_the_story_last_named():
    anchor = dt.date(2019, 1, 2)
    assert resolve("that day", REF, anchor=anchor) == "2019-01-02"
    assert resolve("the following day", REF, anchor=anchor) == "2019-01-03"
    assert resolve("the day before", REF, anchor=anchor) == "2019-01-01"
    assert resolve("two days later", REF, anchor=anchor) == "2019-01-04"
    assert resolve("that day", REF) is None   # no day named before: unresolved, never guessed


@pytest.mark.parametrize("ref,text,expected", [
    (dt.date(2021, 6, 16), "last week", "2021-06"),        # 7-13 June
    (dt.date(2021, 6, 2), "last week", "2021-05"),         # 24-30 May
    (dt.date(2021, 6, 2), "this week", "2021"),            # 31 May-6 June: only the year holds it
    (dt.date(2021, 6, 16), "next week", "2021-06"),
    (dt.date(2021, 6, 16), "earlier this month", "2021-06"),
    (dt.date(2021, 6, 16), "later this year", "2021"),
])
def test_weeks_resolve_to_the_month_or_year_that_holds_them(ref, text, expected):
    assert resolve(text, ref) == expected


def test_weeks_need_an_article_date():
    assert resolve("last week", None) is None


@pytest.mark.parametrize("text,expected", [
    ("March 20 last year", "2011-03-20"), ("March 20, last year", "2011-03-20"), ("in March last year", "2011-03"),
    ("July this year", "2012-07"), ("January 5 next year", "2013-01-05"), ("Friday last year", None),
])
def test_a_day_or_month_of_last_this_or_next_year(text, expected):
    assert resolve(text, REF, past=True) == expected


def test_frequency_words_name_no_time():
    assert is_frequency("daily") and is_frequency("Annual")
    assert not is_frequency("Monday")


def test_a_span_of_days_or_weeks_before_or_after_a_day():
    assert shift("a week", dt.date(2020, 12, 18), -1) == "2020-12-11"
    assert shift("two days", dt.date(2020, 12, 18), 1) == "2020-12-20"
    assert shift("a month", dt.date(2020, 12, 18), -1) is None
