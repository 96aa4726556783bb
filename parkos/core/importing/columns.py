"""Declared columns of an import: Chinese headers, units, and how a cell is read.

A unit may be stated in a header's brackets — 税收（千元）, 自有土地(m²) —, in a line above the
header (单位：千元) or in a unit column (计量单位), and the value is converted to the stored unit
(yuan, 亩, m²). Where a column's quantity has several units and none is stated, the column is
refused: a guessed unit is a silently wrong number.
"""

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cached_property

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models import DecimalField, IntegerField
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from parkos.core.units import (
    AREA_UNITS,
    ELECTRICITY_UNITS,
    ENERGY_UNITS,
    FLOOR_UNITS,
    HEADCOUNT_UNITS,
    MONEY_UNITS,
    TONNE_UNITS,
)

UNIT_TABLES = {
    "money": MONEY_UNITS,
    "area": AREA_UNITS,
    "floor": FLOOR_UNITS,
    "energy": ENERGY_UNITS,
    "electricity": ELECTRICITY_UNITS,
    "headcount": HEADCOUNT_UNITS,
    "tonnes": TONNE_UNITS,
}
HEADER_RE = re.compile(r"^(?P<base>.*?)\s*[（(]\s*(?P<unit>[^）)]+?)\s*[）)]\s*$")
# 单位：千元, 金额单位:万元, 计量单位：千元 (in a bracket, a line above the header, a title).
UNIT_STATEMENT = re.compile(r"(?:单位|unit)\s*[:：]\s*(?P<unit>[^\s,，;；、)）]+)", re.IGNORECASE)
# Quantities that real sheets give in more than one unit (元/千元/万元, 亩/m², 千瓦时/万千瓦时…):
# their unit must be stated. Floor area is m² by universal usage and headcount 人.
STATED_KINDS = {"money", "area", "energy", "electricity", "tonnes"}
# Headers of a column that states, row by row, the unit of the row's money columns.
UNIT_COLUMN_HEADERS = ("单位", "计量单位", "金额单位")
NUMBER_KINDS = frozenset({"int", "decimal", *UNIT_TABLES})
WHOLE_KINDS = frozenset({"int", "headcount"})  # stored as integers
# What a cell reads to that one value can give every row holding the cell: immutable.
SHAREABLE = frozenset({str, int, bool, Decimal, dt.date, dt.datetime, dt.time, type(None)})
EXACT = 2.0**53  # below it a whole float is its decimal reading (beyond, 1e300 is not 10**300)
TRUE_WORDS = {"是", "y", "yes", "true", "1", "√", "规上"}
FALSE_WORDS = {"否", "n", "no", "false", "0", "×", "规下"}


class CellError(ValueError):
    """A cell's value is unusable; the message says why, in the user's language."""


@dataclass(frozen=True)
class Limits:
    """What the model field a number column fills accepts, checked in the cell: what its column
    can hold — digits before the decimal point once rounded to its places (a decimal field) or
    a range (an integer field, as PostgreSQL's column types hold it, so that SQLite and
    PostgreSQL take the same files) — and the validators the field declares (a year built from
    1950, a latitude within China), which its forms check. Past the first, PostgreSQL would
    refuse the write (a crashed import) and SQLite store it; past the second, the import would
    take what a form refuses. Limits are shown in the sheet's unit."""

    digits: int | None = None
    places: int = 0
    low: int | None = None
    high: int | None = None
    validators: tuple = ()

    @classmethod
    def of(cls, model, name: str):
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            return None
        validators = tuple(field._validators)  # the declared ones, not the type's defaults
        if isinstance(field, DecimalField):
            return cls(
                digits=field.max_digits - field.decimal_places,
                places=field.decimal_places,
                validators=validators,
            )
        if isinstance(field, IntegerField):
            low, high = BaseDatabaseOperations.integer_field_ranges[field.get_internal_type()]
            return cls(low=low, high=high, validators=validators)
        return cls(validators=validators) if validators else None

    def holds(self, number) -> bool:
        """The field's column can store `number` (in the stored unit)."""
        if self.low is not None and not self.low <= number <= self.high:
            return False
        if self.digits is None or not number:
            return True
        number = Decimal(number)
        if number.adjusted() < self.digits - 1:  # rounding adds at most one digit
            return True
        try:
            number = number.quantize(Decimal(1).scaleb(-self.places), rounding=ROUND_HALF_UP)
        except InvalidOperation:  # more digits than a Decimal holds
            return False
        return number.adjusted() < self.digits

    def check_capacity(self, number, factor) -> None:
        if self.holds(number):
            return
        if self.digits is not None:
            raise CellError(
                _limit_message(
                    _("Too large: this column takes numbers below %(limit)s."),
                    _("Too large: this column takes numbers below %(limit)s, in its unit."),
                    factor,
                    limit=(Decimal(10) ** self.digits, ROUND_FLOOR),
                )
            )
        raise CellError(
            _limit_message(
                _("Out of range: this column takes %(low)s to %(high)s."),
                _("Out of range: this column takes %(low)s to %(high)s, in its unit."),
                factor,
                low=(self.low, ROUND_CEILING),
                high=(self.high, ROUND_FLOOR),
            )
        )

    def check_declared(self, value, factor) -> None:
        """The field's own validators; a bound in the sheet's unit."""
        for validator in self.validators:
            try:
                validator(value)
            except ValidationError as exc:
                worded = next(
                    (w for kind, w in BOUND_MESSAGES.items() if isinstance(validator, kind)), None
                )
                if worded is None:
                    raise CellError(" ".join(exc.messages)) from exc
                same_unit, own_unit, rounding = worded
                bound = validator.limit_value
                bound = bound() if callable(bound) else bound
                raise CellError(
                    _limit_message(same_unit, own_unit, factor, limit=(bound, rounding))
                ) from exc


# A bound a field declares, said in the sheet's unit (rounded inward: the shown bound passes).
BOUND_MESSAGES = {
    MinValueValidator: (
        gettext_lazy("Must be at least %(limit)s."),
        gettext_lazy("Must be at least %(limit)s, in this column's unit."),
        ROUND_CEILING,
    ),
    MaxValueValidator: (
        gettext_lazy("Must be at most %(limit)s."),
        gettext_lazy("Must be at most %(limit)s, in this column's unit."),
        ROUND_FLOOR,
    ),
}


def _limit_message(same_unit, own_unit, factor, **bounds) -> str:
    """The message with each bound (a stored value, how to round it) in the sheet's unit: as
    stored where the sheet's unit is the stored one, else divided by the factor and rounded
    inward (at least 6.67 m² for 0.01 亩): whole from 100 up, two places from 1, four below."""
    shown = {}
    for name, (bound, rounding) in bounds.items():
        number = Decimal(str(bound)) / factor
        size = abs(number)
        step = Decimal(1) if size >= 100 else Decimal("0.01") if size >= 1 else Decimal("0.0001")
        number = number.quantize(step, rounding=rounding).normalize()
        shown[name] = f"{number:,f}"
    return (same_unit if factor == 1 else own_unit) % shown


@dataclass
class Column:
    header: str
    field: str
    # text | int | headcount | decimal | money | area | floor | energy | electricity | date | bool
    # | choice
    kind: str = "text"
    required: bool = False
    aliases: tuple[str, ...] = ()
    default_unit: str | None = None
    choices: type | None = None  # a TextChoices: accepted by Chinese or English label, or value
    max_length: int | None = None
    allow_negative: bool = False
    help: str = ""
    example: object = ""
    parse: Callable | None = field(default=None, repr=False)  # extra step on the cleaned value
    # ("app.Model", "field") a number is written to when it is not a field of the import's model
    stored_in: tuple[str, str] | None = None
    read: bool = True  # False: for the file's readers (a firm's name beside its code), not read

    def __post_init__(self):
        if self.required and not self.read:  # its rows would all be dropped, none refused
            raise ValueError(f"Column {self.header}: a required column must be read.")

    @property
    def units(self):
        return UNIT_TABLES.get(self.kind)

    @cached_property
    def accepted(self) -> dict[str, str]:
        return accepted_labels(self.choices)

    def shown_choices(self) -> str:
        """The choices as a user writes them: their Chinese labels."""
        with translation.override("zh-hans"):
            return "、".join(str(label) for _value, label in self.choices.choices)

    def template_header(self):
        return f"{self.header}（{self.default_unit}）" if self.default_unit else self.header

    def names(self):
        return (self.header, *self.aliases)

    def limits(self, model) -> "Limits | None":
        """What the field this number column fills accepts (`model`'s field of the column's
        name, or the one it is `stored_in`)."""
        if self.kind not in NUMBER_KINDS:
            return None
        if self.stored_in:
            label, name = self.stored_in
            return Limits.of(apps.get_model(label), name)
        return Limits.of(model, self.field)


def accepted_labels(choices) -> dict[str, str]:
    """Every way a choice of a TextChoices may be written (Chinese label, English label, stored
    value) → the stored value."""
    accepted = {}
    for value, label in choices.choices:
        accepted[value] = value
        for language in ("zh-hans", "en"):
            with translation.override(language):
                accepted[str(label)] = value
    return accepted


def split_header(text: str) -> tuple[str, str | None]:
    """税收（千元） → (税收, 千元); 税收(单位：千元) too."""
    match = HEADER_RE.match(text.strip())
    if match:
        unit = match["unit"].strip()
        stated = UNIT_STATEMENT.search(unit)
        return match["base"].strip(), stated["unit"] if stated else unit
    return text.strip(), None


def _number(value) -> Decimal:
    if isinstance(value, bool):
        raise CellError(_("Not a number."))
    if isinstance(value, int | float):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    else:
        text = str(value).strip().replace(",", "").replace("，", "")
        try:
            number = Decimal(text)
        except InvalidOperation as exc:
            raise CellError(_("“%(value)s” is not a number.") % {"value": value}) from exc
    if not number.is_finite():
        raise CellError(_("“%(value)s” is not a number.") % {"value": value})
    return number


def _date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for fmt in ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise CellError(_("“%(value)s” is not a date (write it as 2024-03-31).") % {"value": value})


def cell_reader(column: Column, factor: Decimal, limits: Limits | None = None) -> Callable:
    """cell → `clean_cell(column, cell, factor)`, with the column's kind looked at once rather
    than per cell: 100,000 rows of 13 columns are 1.3 M cells. The cells a sheet mostly holds
    (a number cell or a plain text in a number column, a text in a text column) take a short
    way to the same value; any other cell, and every refusal, goes through `clean_cell`."""

    def slow(value):
        return clean_cell(column, value, factor, limits)

    parse = column.parse
    if column.kind == "text":
        longest, known = column.max_length, {}

        def read_text(value):
            if type(value) is not str:
                return slow(value)
            found = known.get(value)
            if found is not None:
                return found
            text = value.strip()
            if not text or (longest and len(text) > longest):
                return slow(value)
            result = parse(text) if parse else text
            if type(result) is str:  # a USCC repeats in every row of its firm: judged once
                known[value] = result
            return result

        return read_text
    if column.kind not in NUMBER_KINDS:
        return slow
    whole = column.kind in WHOLE_KINDS
    negative_ok = column.allow_negative
    scaled = factor != 1  # the factors are positive: a scaled number keeps its sign
    digits = limits.digits if limits else None
    low, high = (limits.low, limits.high) if limits and digits is None else (None, None)
    validators = limits.validators if limits else ()

    checked = low is not None or parse is not None or bool(validators)

    def finish(number, value):
        """What both readers do last: the range, the column's parse, the field's validators."""
        if low is not None and not low <= number <= high:
            return slow(value)
        if parse:
            number = parse(number)
        if validators and not _passes(validators, number):
            return slow(value)
        return number

    if whole and not scaled and digits is None:
        # A parse or validators give one answer per number, and a year column repeats a few
        # numbers: each is worked out once.
        known = {} if parse is not None or validators else None

        def read_whole(value):
            kind = type(value)
            if kind is int or (kind is float and value.is_integer() and -EXACT < value < EXACT):
                number = int(value)
            elif kind is str:
                try:
                    number = int(value)  # what Decimal(value.strip()) reads as a whole number
                except ValueError:  # blank, 1,234, 3.0 or not a number: the general way
                    return slow(value)
            else:
                return slow(value)
            if number < 0 and not negative_ok:
                return slow(value)
            if known is None:
                return finish(number, value) if checked else number
            found = known.get(number)
            if found is None:
                found = known[number] = finish(number, value)
            return found

        return read_whole

    def read_number(value):
        kind = type(value)
        if kind is float:
            number = Decimal(repr(value))
        elif kind is str:
            try:
                number = Decimal(value.strip())
            except InvalidOperation:  # blank, 1,234 or not a number: the general way
                return slow(value)
        elif kind is int:
            number = Decimal(value)
        else:
            return slow(value)
        # -0 is not refused but goes the general way, to the same value.
        if not number.is_finite() or (number.is_signed() and not negative_ok):
            return slow(value)
        number = number * factor  # as clean_cell: rounded to Decimal's precision, -0 kept
        near = digits is not None and number and number.adjusted() >= digits - 1
        if near and not limits.holds(number):
            return slow(value)
        if whole:
            if number != number.to_integral_value():
                return slow(value)
            number = int(number)
        return finish(number, value) if checked else number

    return read_number


def column_reader(
    column: Column, factor: Decimal, limits: Limits | None = None, read: Callable | None = None
) -> Callable:
    """cells → `[cell_reader(column, factor, limits)(cell) for cell in cells]`, a whole column at
    once. A column of a number kind stored as a decimal with nothing to check past its column's
    capacity, whose cells are all floats (a spreadsheet's numbers) or all texts (a CSV's), is
    converted by maps of C functions, and its sign and size judged once; 900,000 cells read
    one Python call each took 0.9 s. A column of any other kind, or with something to check,
    reads each distinct cell once where its cells are of one type (`by_value`). A column the
    short ways would not take is read cell by cell (by `read`, the column's `cell_reader`),
    where every refusal is made."""
    read = read or cell_reader(column, factor, limits)

    def by_cell(cells):
        return list(map(read, cells))

    # A float's -0.0 and 0.0 are one key; they read alike as a whole number or a text only.
    floats_alike = column.kind in WHOLE_KINDS or column.kind == "text"

    def by_value(cells):
        """Each distinct cell read once, in the order the column gives them (so the refusal
        is its first refused cell's): a column of texts, years or head counts repeats its
        values (a USCC in each of its firm's rows), and 200,000 cells read one call each took
        0.2 s. Cells of one type only, where equal cells read alike (1, 1.0 and True are one
        key), and values that rows can share (a column's parse may give any object)."""
        kinds = set(map(type, cells))
        if len(kinds) != 1 or (float in kinds and not floats_alike):
            return by_cell(cells)
        try:
            known = dict.fromkeys(cells)
        except TypeError:  # an unhashable cell
            return by_cell(cells)
        for cell in known:
            known[cell] = read(cell)
        if not set(map(type, known.values())) <= SHAREABLE:
            return by_cell(cells)
        return list(map(known.__getitem__, cells))

    checked = column.parse is not None or (
        limits is not None and (limits.validators or limits.low is not None)  # an integer field
    )
    if column.kind not in NUMBER_KINDS or column.kind in WHOLE_KINDS or checked:
        return by_value
    digits = limits.digits if limits else None
    negative_ok = column.allow_negative
    scale = factor.__mul__  # what clean_cell does to each number, for every factor

    def by_column(cells):
        kinds = set(map(type, cells))
        if kinds == {float}:
            if not all(map(math.isfinite, cells)):
                return by_cell(cells)
            low = min(cells)
            if low < 0 and not negative_ok:
                return by_cell(cells)
            # A float's shortest decimal keeps the floats' order: the largest in size is
            # judged, not every cell.
            largest = scale(Decimal(repr(max(-low, max(cells)))))
            if digits is not None and largest.adjusted() >= digits - 1:
                return by_cell(cells)  # near what the column holds: each judged
            return list(map(scale, map(Decimal, map(repr, cells))))
        if kinds == {str}:
            try:  # Decimal strips the spaces that str.strip strips
                numbers = list(map(Decimal, cells))
            except InvalidOperation:  # blank, 1,234 or not a number: the general way
                return by_cell(cells)
            if not all(map(Decimal.is_finite, numbers)):
                return by_cell(cells)
            low = min(numbers)
            if low < 0 and not negative_ok:  # -0 is not refused (clean_cell keeps it)
                return by_cell(cells)
            largest = scale(max(-low, max(numbers)))
            if digits is not None and largest.adjusted() >= digits - 1:
                return by_cell(cells)  # near what the column holds: each judged
            return list(map(scale, numbers))
        return by_cell(cells)

    return by_column


def _passes(validators, value) -> bool:
    try:
        for validator in validators:
            validator(value)
    except ValidationError:
        return False
    return True


def clean_cell(column: Column, value, factor: Decimal, limits: Limits | None = None):
    """The stored value of one cell, or CellError."""
    blank = value is None or (isinstance(value, str) and not value.strip())
    if blank:
        if column.required:
            raise CellError(_("Required, but empty."))
        return "" if column.kind == "text" else None
    kind = column.kind
    if kind == "text":
        if isinstance(value, int | float) and not isinstance(value, bool) and abs(value) >= 1e15:
            # A code of digits only (a USCC, an account number) typed into a number cell:
            # Excel keeps 15 significant digits, so the rest are already lost.
            raise CellError(
                _(
                    "A number of 16 or more digits: a spreadsheet keeps only 15, so its last "
                    "digits are lost. Format the column as text and enter it again."
                )
            )
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # a code typed into a number cell
        text = str(value).strip()
        if column.max_length and len(text) > column.max_length:
            raise CellError(_("Longer than %(n)d characters.") % {"n": column.max_length})
        result = text
    elif kind in NUMBER_KINDS:
        number = _number(value) * factor
        if number < 0 and not column.allow_negative:
            raise CellError(_("Must not be negative."))
        if kind in WHOLE_KINDS:
            if number != number.to_integral_value():
                raise CellError(_("Must be a whole number."))
            result = int(number)
        else:
            result = number
        if limits is not None:
            limits.check_capacity(result, factor)
    elif kind == "date":
        result = _date(value)
    elif kind == "bool":
        word = str(value).strip().lower()
        if isinstance(value, bool):
            result = value
        elif word in TRUE_WORDS:
            result = True
        elif word in FALSE_WORDS:
            result = False
        else:
            raise CellError(_("Write 是 or 否."))
    elif kind == "choice":
        key = str(value).strip()
        if key not in column.accepted:
            raise CellError(
                _("“%(value)s” is not one of: %(allowed)s.")
                % {"value": key, "allowed": column.shown_choices()}
            )
        result = column.accepted[key]
    else:  # pragma: no cover — a programming error in a column map
        raise ValueError(f"unknown column kind {kind}")
    if column.parse:
        result = column.parse(result)
    if limits is not None and kind in NUMBER_KINDS:
        limits.check_declared(result, factor)
    return result
