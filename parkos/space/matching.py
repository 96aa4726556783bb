"""Matching a demand for space to the units on offer.

A demand names criteria — area, clear height, floor load, crane, power, rent (`budget`), zone,
move-in date — and marks each a must-have (`Demand.must`) or a preference. Besides, the unit is
available and the building has one of the forms and every suitability asked for; the industry
cluster is always a preference.

- Must-haves exclude: they are filters in SQL (`_candidates`).
- Preferences are scored: a unit starts at 100 and loses a criterion's weight (WEIGHTS) when it
  falls short. The database ranks every candidate by that score (`score_expression`) and returns
  the first LIMIT; Python then explains those few, with a reason per criterion such as
  "配电 1600 kVA < 2000 kVA ✗ −15" (`score`, the same arithmetic; a test keeps the two agreeing).
- Near misses are units that pass every other hard constraint but miss one or two must-haves
  (MAX_MISSES), each by no more than its margin (MARGINS). They are found and ranked in SQL too —
  fewest misses first, then by how far they miss in margins (half a margin before a whole one),
  then by score — and each missed must-have gets a reason saying by how much:
  "净高 7.5 m，要求 ≥ 8 m，差 0.5 m". A unit whose value is unknown does not nearly meet it.

A must-have with no value asked (the area box ticked, no area entered) requires nothing.

The same function serves the staff page, the public online park (published units only), the API
and the investment pipeline."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Case,
    Exists,
    F,
    FilteredRelation,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    Value,
    When,
)
from django.db.models.functions import Abs, Cast
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from parkos.enterprises.choices import EnterpriseStatus
from parkos.enterprises.models import Enterprise

from .choices import UnitStatus
from .models import Unit

# The criteria a demand may mark must-have, in the order their reasons are listed; `budget` is
# the rent.
CRITERIA = ("area", "clear_height", "floor_load", "crane", "power", "budget", "zone", "move_in")
DEFAULT_MUST = frozenset({"area"})  # what matching always did: the area range excluded

WEIGHTS = {
    "area": 20,
    "clear_height": 20,
    "floor_load": 15,
    "crane": 15,
    "power": 15,
    "budget": 20,
    "zone": 10,
    "move_in": 10,
    "cluster": 10,
}


@dataclass(frozen=True)
class Margin:
    """How far a unit may miss a must-have and still be a near miss: a share of what is asked
    (at most `cap`, in the criterion's unit), or a number of days."""

    share: Decimal = Decimal(0)
    cap: Decimal | None = None
    days: int = 0

    def of(self, required):
        if isinstance(required, datetime.date):
            return datetime.timedelta(days=self.days)
        amount = required * self.share
        if self.cap is not None:
            amount = min(amount, self.cap)
        if isinstance(required, int):  # power in whole kVA: never more than the share
            return int(amount)
        return amount


# The near-miss margins, per criterion (docs/online-park.md). No zone: a unit is in it or not.
MARGINS = {
    "area": Margin(share=Decimal("0.2")),  # 20 % below the minimum or above the maximum
    "clear_height": Margin(share=Decimal("0.1"), cap=Decimal(1)),  # 10 %, at most 1 m
    "floor_load": Margin(share=Decimal("0.1")),  # 10 % less
    "crane": Margin(share=Decimal("0.2")),  # 20 % lighter (16 t for 20 t)
    "power": Margin(share=Decimal("0.2")),  # 20 % less
    "budget": Margin(share=Decimal("0.15")),  # 15 % dearer
    "move_in": Margin(days=30),  # ready at most 30 days later
}
MAX_MISSES = 2  # a near miss misses at most this many must-haves
LIMIT = 20

# The measured criteria: their label, their unit, and where the unit's value is (the same path
# in SQL and, split on "__", on the model instance).
MEASURES = {
    "area": (gettext_lazy("Area"), "m²", "area_m2"),
    "clear_height": (gettext_lazy("Clear height"), "m", "clear_height"),
    "floor_load": (gettext_lazy("Floor load"), "kN/m²", "floor_load"),
    "crane": (gettext_lazy("Crane"), "t", "building__crane_tonnes"),
    "power": (gettext_lazy("Power"), "kVA", "building__power_kva"),
    "budget": (gettext_lazy("Rent"), gettext_lazy("yuan/m²/day"), "rent_per_m2_day"),
    "move_in": (gettext_lazy("Move in by"), "", "available_from"),
}


@dataclass
class Demand:
    area_min: Decimal | None = None
    area_max: Decimal | None = None
    forms: list[str] = field(default_factory=list)
    suitability: list[str] = field(default_factory=list)
    min_clear_height: Decimal | None = None
    min_floor_load: Decimal | None = None
    min_crane: Decimal | None = None
    min_power_kva: int | None = None
    max_rent: Decimal | None = None  # yuan per m² per day
    zone_id: int | None = None
    move_in: datetime.date | None = None
    cluster_id: int | None = None  # the investor's industry cluster: are its peers in the zone?
    must: frozenset[str] = DEFAULT_MUST  # keys of CRITERIA; the others are preferences

    def __post_init__(self):
        self.must = frozenset(self.must)
        if unknown := self.must - set(CRITERIA):
            raise ValueError(f"not a criterion: {', '.join(sorted(unknown))}")

    def musts(self) -> set[str]:
        """The must-haves that ask for something."""
        return {t.key for t in _tests(self) if t.key in self.must}


@dataclass
class Reason:
    criterion: str
    text: str
    passed: bool
    penalty: int
    must: bool = False


@dataclass
class Match:
    unit: Unit
    score: int
    reasons: list[Reason]
    near_miss: str = ""  # for a near miss: the must-haves it misses, and by how much


@dataclass(frozen=True)
class _Bound:
    """One limit a criterion puts on a unit's value: at least `required`, or at most."""

    key: str
    required: object  # Decimal, int or date
    at_least: bool
    none_passes: bool = False  # no date of availability: available now

    @property
    def path(self):
        return MEASURES[self.key][2]

    @property
    def margin(self):
        return MARGINS[self.key].of(self.required)

    def _within(self, limit) -> Q:
        q = Q(**{f"{self.path}__{'gte' if self.at_least else 'lte'}": limit})
        return q | Q(**{f"{self.path}__isnull": True}) if self.none_passes else q

    def passes(self) -> Q:
        return self._within(self.required)

    def reach(self) -> Q:
        """Passes, or misses by no more than the margin."""
        margin = self.margin
        return self._within(self.required - margin if self.at_least else self.required + margin)

    def gap(self):
        """How far a unit within reach misses, in margins: 0 when it passes, at most 1."""
        margin = self.margin
        if not margin:
            return Value(0.0)
        whens = [When(self.passes(), then=Value(0.0))]
        if isinstance(self.required, datetime.date):  # no portable date arithmetic: a day each
            whens += [
                When(
                    **{f"{self.path}__lte": self.required + datetime.timedelta(days=day)},
                    then=Value(day / margin.days),
                )
                for day in range(1, margin.days + 1)
            ]
            by = Value(1.0)
        else:
            have, required = Cast(self.path, FloatField()), Value(float(self.required))
            by = (required - have if self.at_least else have - required) / Value(float(margin))
        return Case(*whens, default=by, output_field=FloatField())

    def value(self, unit):
        for name in self.path.split("__"):
            unit = getattr(unit, name)
        return unit

    def met_by(self, value) -> bool:
        if value is None:
            return self.none_passes
        return value >= self.required if self.at_least else value <= self.required


@dataclass
class _Test:
    """A criterion the demand names: its bounds (for a measured one), and as SQL what passes,
    what is within a near miss's reach and how far it misses (built only for the queries)."""

    key: str
    bounds: list[_Bound]
    demand: Demand

    def passes(self) -> Q:
        if self.key == "zone":
            return Q(building__zone_id=self.demand.zone_id)
        if self.key == "cluster":
            return Q(cluster_peers=True)
        return _all(b.passes() for b in self.bounds)

    def reach(self) -> Q:
        """Passes, or misses by no more than the margin: the zone has none."""
        return _all(b.reach() for b in self.bounds) if self.bounds else self.passes()

    def gap(self):
        return _sum((b.gap() for b in self.bounds), Value(0.0))


def _bounds(demand: Demand) -> list[_Bound]:
    asked = [
        ("area", demand.area_min, True),
        ("area", demand.area_max, False),
        ("clear_height", demand.min_clear_height, True),
        ("floor_load", demand.min_floor_load, True),
        ("crane", demand.min_crane, True),
        ("power", demand.min_power_kva, True),
        ("budget", demand.max_rent, False),
        ("move_in", demand.move_in, False),
    ]
    return [
        _Bound(key, required, at_least, none_passes=key == "move_in")
        for key, required, at_least in asked
        if required is not None
    ]


def _tests(demand: Demand) -> list[_Test]:
    bounds = _bounds(demand)
    tests = []
    for key in CRITERIA:
        mine = [b for b in bounds if b.key == key]
        if mine or (key == "zone" and demand.zone_id is not None):
            tests.append(_Test(key, mine, demand))
    if demand.cluster_id is not None:
        tests.append(_Test("cluster", [], demand))
    return tests


def _all(qs) -> Q:
    combined = Q()
    for q in qs:
        combined &= q
    return combined


def _sum(expressions, start):
    total = start
    for expression in expressions:
        total = total + expression
    return total


def _offered(units, demand: Demand):
    """Available units of the forms and suitability asked for, with their own floor's clear
    height and floor load (and whether the cluster's peers are in their zone)."""
    # The unit's own floor, joined once (a subquery per column was re-run inside the score).
    own_floor = FilteredRelation(
        "building__floor_specs", condition=Q(building__floor_specs__floor=F("floor"))
    )
    rows = (
        units.filter(status=UnitStatus.AVAILABLE)
        .select_related("building__zone", "building__park")
        .annotate(
            own_floor=own_floor,
            clear_height=F("own_floor__clear_height_m"),
            floor_load=F("own_floor__floor_load_kn_m2"),
        )
    )
    if demand.cluster_id is not None:
        peers = Enterprise.objects.filter(
            zone_id=OuterRef("building__zone_id"),
            clusters=demand.cluster_id,
            status=EnterpriseStatus.OPERATING,
        )
        rows = rows.annotate(cluster_peers=Exists(peers))
    if demand.forms:
        rows = rows.filter(building__form__in=demand.forms)
    for code in demand.suitability:
        rows = rows.filter(building__suitability__icontains=f'"{code}"')
    return rows


def _candidates(units, demand: Demand):
    """The units that meet every must-have."""
    musts = demand.musts()
    return _offered(units, demand).filter(*[t.passes() for t in _tests(demand) if t.key in musts])


def _number(value) -> str:
    """12, not 12.00: PostgreSQL returns a subquery's decimal with its scale, SQLite a float."""
    return f"{Decimal(str(value)).normalize():f}"


def _range(bounds) -> str:
    low = next((b.required for b in bounds if b.at_least), None)
    high = next((b.required for b in bounds if not b.at_least), None)
    if low is not None and high is not None:
        return f"{_number(low)}–{_number(high)}"
    return f"≥ {_number(low)}" if low is not None else f"≤ {_number(high)}"


# The texts of a must-have missed: what the unit has, what is asked, by how much.
SHORT = gettext_lazy(
    "%(label)s %(value)s %(unit)s, required ≥ %(required)s %(unit)s, short by %(gap)s %(unit)s"
)
OVER = gettext_lazy(
    "%(label)s %(value)s %(unit)s, required ≤ %(required)s %(unit)s, over by %(gap)s %(unit)s"
)
UNKNOWN = gettext_lazy("%(label)s unknown, required %(sign)s %(required)s %(unit)s")


def _miss(bound: _Bound, value) -> str:
    label, unit, _path = MEASURES[bound.key]
    if bound.key == "move_in":
        late = (value - bound.required).days
        return ngettext(
            "Available from %(ready)s, required by %(date)s, %(n)s day late",
            "Available from %(ready)s, required by %(date)s, %(n)s days late",
            late,
        ) % {"ready": value, "date": bound.required, "n": late}
    values = {
        "label": label,
        "unit": unit,
        "required": _number(bound.required),
        "sign": "≥" if bound.at_least else "≤",
    }
    if value is None:
        return UNKNOWN % values
    value, required = Decimal(str(value)), Decimal(str(bound.required))
    gap = required - value if bound.at_least else value - required
    return (SHORT if bound.at_least else OVER) % {
        **values,
        "value": _number(value),
        "gap": _number(gap),
    }


def _measured(test: _Test, unit, must: bool) -> Reason:
    """A measured criterion's reason: met; missed, for a must-have (with by how much); or
    scored down, for a preference."""
    key, bounds = test.key, test.bounds
    value = bounds[0].value(unit)
    failed = next((b for b in bounds if not b.met_by(value)), None)
    if failed is not None and must:
        return Reason(key, _miss(failed, value), False, 0, True)
    ok = failed is None
    penalty = 0 if ok else WEIGHTS[key]
    if key == "move_in":
        met, short = _("Available by %(d)s ✓"), _("Available from %(r)s, after %(d)s ✗ −%(w)s")
        text = met if ok else short
        values = {"r": value, "d": bounds[0].required, "w": penalty}
        return Reason(key, text % values, ok, penalty, must)
    shown = "—" if value is None else _number(value)
    required = _number(bounds[0].required)
    if key == "area":
        met, short = (
            _("Area %(v)s m², wanted %(r)s m² ✓"),
            _("Area %(v)s m², wanted %(r)s m² ✗ −%(w)s"),
        )
        values = {"v": shown, "r": _range(bounds)}
    elif key == "budget":
        met, short = (
            _("Rent %(r)s ≤ %(b)s yuan/m²/day ✓"),
            _("Rent %(r)s > %(b)s yuan/m²/day ✗ −%(w)s"),
        )
        values = {"r": shown, "b": required}
    else:
        label, measure, _path = MEASURES[key]
        met = f"{label} {shown} {measure} ≥ {required} {measure} ✓"
        short = f"{label} {shown} {measure} < {required} {measure} ✗ −%(w)s"
        values = {}
    text = met % values if ok else short % {**values, "w": penalty}
    return Reason(key, text, ok, penalty, must)


def score(unit, demand: Demand, tests=None) -> tuple[int, list[Reason]]:
    """The unit's score and a reason per criterion the demand names (`tests`: the demand's, when
    already built). Must-haves cost no points: a match meets them all, and a near miss says
    which it misses instead."""
    tests = _tests(demand) if tests is None else tests
    reasons, musts = [], {t.key for t in tests if t.key in demand.must}
    for test in tests:
        key, must = test.key, test.key in musts
        if test.bounds:
            reasons.append(_measured(test, unit, must))
            continue
        if key == "zone":
            ok, zone = unit.building.zone_id == demand.zone_id, unit.building.zone
            if must:
                text = _("In the required zone %(z)s ✓") if ok else _("Not in the required zone")
            else:
                met, short = (
                    _("In the preferred zone %(z)s ✓"),
                    _("Not in the preferred zone ✗ −%(w)s"),
                )
                text = met if ok else short
        else:  # the cluster, always a preference
            ok, zone = unit.cluster_peers, None
            met = _("Enterprises of the same cluster in this zone ✓")
            text = met if ok else _("No enterprise of the same cluster in this zone ✗ −%(w)s")
        penalty = 0 if ok or must else WEIGHTS[key]
        reasons.append(Reason(key, text % {"z": zone, "w": WEIGHTS[key]}, ok, penalty, must))
    return 100 - sum(r.penalty for r in reasons), reasons


def score_expression(demand: Demand):
    """The same score as `score`, as SQL, so the database ranks every candidate and Python only
    explains the few it returns: the preferences' weights the unit falls short of."""
    total, musts = Value(100), demand.musts()
    for test in _tests(demand):
        if test.key not in musts:
            total = total - Case(
                When(test.passes(), then=Value(0)),
                default=Value(WEIGHTS[test.key]),
                output_field=IntegerField(),
            )
    return total


def _ranked(rows, demand: Demand, limit) -> list[tuple]:
    """The first `limit` rows of an ordered query as narrow rows: the id, and what `score` reads
    besides the unit's and its building's own columns (its floor's, its zone's peers). Ranking
    thousands of candidates with every column of the unit, its building, zone and park in each
    row was most of the matching's SQL time."""
    return list(rows.values_list("pk", *_joined(demand))[:limit])


def _joined(demand: Demand) -> tuple[str, ...]:
    return ("clear_height", "floor_load") + (("cluster_peers",) if demand.cluster_id else ())


def _explained(lists, demand: Demand) -> list[list[Match]]:
    """Each list of ranked rows as matches: the units read whole in one query (nothing to rank
    there, so no annotation), given the ranked row's joined values, scored and explained."""
    whole = Unit.objects.select_related("building__zone", "building__park").in_bulk(
        [row[0] for rows in lists for row in rows]
    )
    names, tests = _joined(demand), _tests(demand)
    explained = []
    for near, rows in enumerate(lists):
        found = []
        for pk, *values in rows:
            unit = whole[pk]
            for name, value in zip(names, values, strict=True):
                setattr(unit, name, value)
            points, reasons = score(unit, demand, tests)
            missed = " · ".join(r.text for r in reasons if r.must and not r.passed)
            found.append(Match(unit, points, reasons, missed if near else ""))
        explained.append(found)
    return explained


def match(units, demand: Demand, limit=LIMIT) -> tuple[list[Match], list[Match]]:
    """(matches, near misses) among `units` (already scoped: staff's or the public's)."""
    target = demand.area_min or demand.area_max or Decimal(0)
    offered = _offered(units, demand).annotate(
        match_score=score_expression(demand), distance=Abs(F("area_m2") - target)
    )
    then = ("distance", F("rent_per_m2_day").asc(nulls_last=True), "pk")
    musts = [t for t in _tests(demand) if t.key in demand.must]
    matches = offered.filter(*[t.passes() for t in musts]).order_by("-match_score", *then)
    if not musts:
        (found,) = _explained([_ranked(matches, demand, limit)], demand)
        return found, []
    missed = _sum(
        (
            Case(When(t.passes(), then=Value(0)), default=Value(1), output_field=IntegerField())
            for t in musts
        ),
        Value(0),
    )
    # Missing at least one must-have as a plain condition, not a count: the database evaluates
    # it cheaply and estimates it well (a count's CASE made PostgreSQL expect 69 rows of 5,145).
    near = offered.filter(*[t.reach() for t in musts]).exclude(*[t.passes() for t in musts])
    near = near.annotate(missed=missed, closeness=_sum((t.gap() for t in musts), Value(0.0)))
    if len(musts) > MAX_MISSES:
        near = near.filter(missed__lte=MAX_MISSES)
    near = near.order_by("missed", "closeness", "-match_score", *then)
    found, near_misses = _explained(
        [_ranked(matches, demand, limit), _ranked(near, demand, limit)], demand
    )
    return found, near_misses
