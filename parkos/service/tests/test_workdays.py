"""The working-day calendar: deadlines in working days over weekends, public holidays and make-up
working days, the after-hours rule, and a clear refusal outside the shipped years."""

import datetime as dt

import pytest
from django.utils import timezone

from parkos.service import workdays
from parkos.service.workdays import (
    CalendarMissing,
    add_working_days,
    holiday_name,
    is_provisional,
    is_working_day,
    read_calendar,
    receipt_day,
    working_days_between,
)


def at(text: str) -> dt.datetime:
    """A moment in the site's time zone (Asia/Shanghai)."""
    return timezone.make_aware(dt.datetime.fromisoformat(text))


def test_weekdays_work_weekends_rest_and_the_notices_move_both():
    assert is_working_day(dt.date(2025, 3, 7))  # a Friday
    assert not is_working_day(dt.date(2025, 3, 8))  # a Saturday
    assert not is_working_day(dt.date(2025, 10, 6))  # a Monday of 国庆节、中秋节
    assert is_working_day(dt.date(2025, 9, 28))  # a Sunday worked for it
    assert is_working_day(dt.date(2024, 2, 4)) and not is_working_day(dt.date(2024, 2, 12))
    assert is_working_day(dt.date(2026, 2, 28)) and not is_working_day(dt.date(2026, 2, 23))
    assert holiday_name(dt.date(2026, 2, 17)) == "春节" and holiday_name(dt.date(2026, 3, 2)) == ""


def test_each_year_has_the_working_days_its_notice_leaves():
    """Weekdays, less the holidays that fall on them, plus the make-up working days."""
    counts = dict.fromkeys((2024, 2025, 2026, 2027), 0)
    for day in workdays.calendar().working:
        counts[day.year] += 1
    # 2027, provisional: its 261 weekdays less 1 January and 1 October (Fridays).
    assert counts == {2024: 251, 2025: 248, 2026: 248, 2027: 259}


def test_a_deadline_over_a_weekend_lands_on_monday():
    assert add_working_days(at("2025-03-07 10:00"), 1) == at("2025-03-10 17:30")


def test_a_deadline_over_national_day_waits_for_the_holiday_to_end():
    # 2025: 10月1日至8日放假; the 9th is the first working day after it, the 11th (a Saturday)
    # a make-up working day.
    received = at("2025-09-30 10:00")
    assert add_working_days(received, 1) == at("2025-10-09 17:30")
    assert add_working_days(received, 2) == at("2025-10-10 17:30")
    assert add_working_days(received, 3) == at("2025-10-11 17:30")


def test_a_make_up_working_day_counts():
    # Friday 26 September 2025; Sunday the 28th is worked, Saturday the 27th is not.
    assert add_working_days(at("2025-09-26 10:00"), 1) == at("2025-09-28 17:30")


def test_a_request_received_after_hours_counts_from_the_next_working_day():
    assert receipt_day(at("2025-03-05 17:29")) == dt.date(2025, 3, 5)
    assert receipt_day(at("2025-03-05 17:30")) == dt.date(2025, 3, 6)
    assert add_working_days(at("2025-03-05 17:29"), 1) == at("2025-03-06 17:30")
    assert add_working_days(at("2025-03-05 18:45"), 1) == at("2025-03-07 17:30")
    # Friday evening: the clock starts on Monday.
    assert add_working_days(at("2025-03-07 20:00"), 1) == at("2025-03-11 17:30")


def test_the_end_of_working_hours_is_a_setting(settings):
    settings.PARKOS_WORKDAY_END = dt.time(18, 0)
    assert receipt_day(at("2025-03-05 17:45")) == dt.date(2025, 3, 5)
    assert add_working_days(at("2025-03-05 17:45"), 0) == at("2025-03-05 18:00")


def test_a_request_received_on_a_holiday_counts_from_the_first_working_day_after_it():
    assert receipt_day(at("2025-10-03 10:00")) == dt.date(2025, 10, 9)
    assert add_working_days(at("2025-10-03 10:00"), 1) == at("2025-10-10 17:30")
    # 春节 2026 (15–23 February) with Saturday the 14th worked before it.
    assert receipt_day(at("2026-02-14 09:00")) == dt.date(2026, 2, 14)
    assert add_working_days(at("2026-02-14 09:00"), 1) == at("2026-02-24 17:30")


def test_a_deadline_crosses_the_new_year_within_the_shipped_years():
    # 31 December 2024 (Tuesday), 1 January 2025 a holiday.
    assert add_working_days(at("2024-12-31 10:00"), 1) == at("2025-01-02 17:30")


def test_working_days_elapsed_count_like_the_deadline():
    received = at("2025-09-30 10:00")
    assert working_days_between(received, at("2025-09-30 16:00")) == 0
    assert working_days_between(received, at("2025-10-05 12:00")) == 0  # still the holiday
    assert working_days_between(received, at("2025-10-09 09:00")) == 1
    for n in (0, 1, 2, 5, 20):
        assert working_days_between(received, add_working_days(received, n)) == n
    assert working_days_between(received, at("2025-09-01 10:00")) == 0


def test_a_date_outside_the_shipped_years_is_refused_by_name():
    with pytest.raises(CalendarMissing, match="2023") as caught:
        is_working_day(dt.date(2023, 12, 29))
    assert "workdays.toml" in str(caught.value) and caught.value.year == 2023
    with pytest.raises(CalendarMissing, match="2028"):
        is_working_day(dt.date(2028, 1, 3))  # past the provisional year


def test_the_year_after_the_notices_counts_monday_to_friday_and_says_so():
    # A request of 17 December 2026 with ten working days runs into 2027, whose notice is not
    # shipped: the deadline is given, on Monday-to-Friday days, and marked provisional.
    deadline = add_working_days(at("2026-12-17 10:00"), 10)
    assert timezone.localtime(deadline).date() == dt.date(2026, 12, 31)
    later = add_working_days(at("2026-12-30 10:00"), 5)
    assert timezone.localtime(later).date() == dt.date(2027, 1, 7)  # 1 January is fixed by law
    assert is_provisional(dt.date(2027, 1, 6)) and not is_provisional(dt.date(2026, 12, 31))
    assert receipt_day(at("2026-12-31 18:00")) == dt.date(2027, 1, 4)
    assert holiday_name(dt.date(2027, 10, 3)) == "国庆节"
    assert not is_working_day(dt.date(2027, 10, 1))  # a Friday


def test_check_warns_from_november_when_next_year_is_missing(settings, monkeypatch):
    from parkos.service import checks

    monkeypatch.setattr(checks.timezone, "localdate", lambda: dt.date(2026, 11, 1))
    (warning,) = checks.holiday_notice_shipped(None)
    assert warning.id == "service.W001" and "2027" in warning.hint
    monkeypatch.setattr(checks.timezone, "localdate", lambda: dt.date(2026, 10, 31))
    assert checks.holiday_notice_shipped(None) == []


@pytest.mark.parametrize(
    "entry,problem",
    [
        ("holidays = []\nworkdays = [2026-03-04]\n", "not a weekend"),
        (
            'holidays = [{ name = "x", first = 2026-05-02, last = 2026-05-01 }]\nworkdays = []\n',
            "within",
        ),
        (
            'holidays = [{ name = "x", first = 2026-02-14, last = 2026-02-14 }]\n'
            "workdays = [2026-02-14]\n",
            "both",
        ),
    ],
)
def test_a_wrong_entry_in_the_data_file_fails_loudly(tmp_path, entry, problem):
    path = tmp_path / "workdays.toml"
    path.write_text(f"[years.2026]\n{entry}")
    with pytest.raises(ValueError, match=problem):
        read_calendar(path)


def test_years_with_a_gap_are_refused(tmp_path):
    path = tmp_path / "workdays.toml"
    path.write_text(
        "[years.2024]\nholidays = []\nworkdays = []\n[years.2026]\nholidays = []\nworkdays = []\n"
    )
    with pytest.raises(ValueError, match="follow each other"):
        read_calendar(path)
