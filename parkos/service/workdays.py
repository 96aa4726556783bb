"""Working days of the official Chinese calendar, for the service levels of requests.

A day is a working day from Monday to Friday unless the State Council's notice for its year
makes it a public holiday, and a Saturday or Sunday is one when the notice makes it a make-up
working day (调休上班). The notices are shipped as data (`data/workdays.toml`, one table per
year, each citing its notice). The State Council announces a year in November of the year before,
so the year after the last shipped one is *provisional*: Monday to Friday work but for the
holidays the law fixes by date (元旦, 劳动节, 国庆节 of 《全国年节及纪念日放假办法》); nothing
else is guessed (a guessed Spring Festival would move every deadline around it), and a deadline that
falls there says so (`is_provisional`) until the notice is added; `manage.py check` warns from
November on. A date before the first shipped year, or past the provisional one, raises
`CalendarMissing`.

The clock of a request starts on its *receipt day*: the day it arrived if that is a working day
and it arrived before the end of working hours (`PARKOS_WORKDAY_END`), else the next working
day. The receipt day is day 0; a service level of n working days ends at the end of working
hours of the n-th working day after it, and the working days elapsed between receipt and a
later moment are counted the same way, so a request answered at its deadline took exactly n.
"""

import bisect
import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

DATA = Path(__file__).parent / "data" / "workdays.toml"
SATURDAY = 5
# The holidays 《全国年节及纪念日放假办法》 (2024 revision) fixes by date: (name, month, day, days).
FIXED_HOLIDAYS = (("元旦", 1, 1, 1), ("劳动节", 5, 1, 2), ("国庆节", 10, 1, 3))


class CalendarMissing(ValueError):
    """A date in a year whose holiday notice is not shipped."""

    def __init__(self, year: int, years: range):
        self.year = year
        super().__init__(
            _(
                "The working-day calendar has no year %(year)d (it holds %(first)d to "
                "%(last)d): add the State Council's holiday notice for %(year)d to "
                "parkos/service/data/workdays.toml (docs/service.md)."
            )
            % {"year": year, "first": years.start, "last": years.stop - 1}
        )


@dataclass(frozen=True)
class Calendar:
    years: range
    holidays: dict[dt.date, str]  # date → the holiday's name
    workdays: frozenset[dt.date]  # make-up working days
    working: tuple[dt.date, ...]  # every working day of the shipped years, in order

    def check(self, day: dt.date) -> None:
        if not self.years.start <= day.year <= self.years.stop:
            raise CalendarMissing(day.year, self.years)


def _days(first: dt.date, last: dt.date):
    return (first + dt.timedelta(days=i) for i in range((last - first).days + 1))


def read_calendar(path: Path = DATA) -> Calendar:
    """The calendar of the data file, checked: years without gaps, each date in its year, a
    make-up working day on a weekend and never a holiday. A wrong entry fails loudly here."""
    with path.open("rb") as file:
        years = {int(year): table for year, table in tomllib.load(file)["years"].items()}
    if not years:
        raise ValueError(f"{path}: no year")
    shipped = range(min(years), max(years) + 1)
    if sorted(years) != list(shipped):
        raise ValueError(f"{path}: the years must follow each other, not {sorted(years)}")
    holidays, workdays = {}, set()
    for year, table in years.items():
        for period in table["holidays"]:
            first, last = period["first"], period["last"]
            if not (first.year == last.year == year and first <= last):
                raise ValueError(f"{path}: {period['name']} {first}–{last} is not within {year}")
            holidays.update(dict.fromkeys(_days(first, last), period["name"]))
        for day in table["workdays"]:
            if day.year != year or day.weekday() < SATURDAY:
                raise ValueError(f"{path}: make-up working day {day} is not a weekend of {year}")
            workdays.add(day)
    if clash := sorted(workdays & holidays.keys()):
        raise ValueError(f"{path}: {clash} are both holidays and make-up working days")
    provisional = shipped.stop
    for name, month, day, days in FIXED_HOLIDAYS:
        first = dt.date(provisional, month, day)
        holidays.update(dict.fromkeys(_days(first, first + dt.timedelta(days - 1)), name))
    working = tuple(
        day
        # The shipped years, then the provisional year after them.
        for day in _days(dt.date(shipped.start, 1, 1), dt.date(shipped.stop, 12, 31))
        if day in workdays or (day.weekday() < SATURDAY and day not in holidays)
    )
    return Calendar(shipped, holidays, frozenset(workdays), working)


@cache
def calendar() -> Calendar:
    return read_calendar()


def is_working_day(day: dt.date) -> bool:
    cal = calendar()
    cal.check(day)
    return day in cal.workdays or (day.weekday() < SATURDAY and day not in cal.holidays)


def is_provisional(day: dt.date) -> bool:
    """True for a day of the year whose holiday notice is not shipped yet (counted Monday to
    Friday): a deadline there may move when the notice is added."""
    return day.year >= calendar().years.stop


def holiday_name(day: dt.date) -> str:
    """The public holiday `day` belongs to ("国庆节"), or ""."""
    cal = calendar()
    cal.check(day)
    return cal.holidays.get(day, "")


def _index(day: dt.date) -> int:
    """Position of the first working day on or after `day` in the shipped calendar."""
    cal = calendar()
    cal.check(day)
    i = bisect.bisect_left(cal.working, day)
    if i == len(cal.working):  # the last days of the provisional year are rest days
        raise CalendarMissing(cal.years.stop + 1, cal.years)
    return i


def receipt_day(moment: dt.datetime) -> dt.date:
    """The working day a request received at `moment` counts from (day 0)."""
    local = timezone.localtime(moment)
    day = local.date()
    if is_working_day(day) and local.time() < settings.PARKOS_WORKDAY_END:
        return day
    return calendar().working[_index(day + dt.timedelta(days=1))]


def end_of_day(day: dt.date) -> dt.datetime:
    """The end of working hours of `day`, in the site's time zone."""
    return timezone.make_aware(dt.datetime.combine(day, settings.PARKOS_WORKDAY_END))


def add_working_days(moment: dt.datetime, n: int) -> dt.datetime:
    """The deadline of a service level of `n` working days for a request received at `moment`:
    the end of working hours of the n-th working day after its receipt day."""
    if n < 0:
        raise ValueError("n must not be negative")
    cal = calendar()
    i = _index(receipt_day(moment)) + n
    if i >= len(cal.working):
        raise CalendarMissing(cal.years.stop + 1, cal.years)
    return end_of_day(cal.working[i])


def working_days_between(start: dt.datetime, end: dt.datetime) -> int:
    """Whole working days from the receipt day of `start` to the day of `end`: 0 the same
    working day, n at the deadline of n working days; never negative."""
    cal = calendar()
    first = _index(receipt_day(start))
    last_day = timezone.localtime(end).date()
    cal.check(last_day)
    last = bisect.bisect_right(cal.working, last_day) - 1  # the last working day up to `end`
    return max(0, last - first)
