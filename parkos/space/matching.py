"""Matching a demand for space to the units on offer.

Hard constraints (the unit is available; its area is within the range; the building's form and
suitability are among those required) are applied in SQL. Every other criterion is scored: a
unit starts at 100 and loses the criterion's weight when it falls short. The database ranks all
candidates by that score (`score_expression`); Python then explains the few returned, with a
reason per criterion such as "配电 1600 kVA < 2000 kVA ✗ −15" (`score`, the same arithmetic).
Near misses are units that fail only the area range, by at most NEAR_MISS_SHARE of it. The same
function serves the staff page, the public online park (published units only) and the investment
pipeline."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Case,
    Exists,
    F,
    FilteredRelation,
    IntegerField,
    OuterRef,
    Q,
    Value,
    When,
)
from django.db.models.functions import Abs
from django.utils.translation import gettext as _

from parkos.enterprises.choices import EnterpriseStatus
from parkos.enterprises.models import Enterprise

from .choices import UnitStatus
from .models import Unit

WEIGHTS = {
    "clear_height": 20,
    "floor_load": 15,
    "crane": 15,
    "power": 15,
    "budget": 20,
    "zone": 10,
    "move_in": 10,
    "cluster": 10,
}
NEAR_MISS_SHARE = Decimal("0.2")
LIMIT = 20


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


@dataclass
class Reason:
    criterion: str
    text: str
    passed: bool
    penalty: int


@dataclass
class Match:
    unit: Unit
    score: int
    reasons: list[Reason]
    near_miss: str = ""


def _candidates(units, demand: Demand):
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


def _within(queryset, low, high):
    if low is not None:
        queryset = queryset.filter(area_m2__gte=low)
    if high is not None:
        queryset = queryset.filter(area_m2__lte=high)
    return queryset


def _number(value) -> str:
    """12, not 12.00: PostgreSQL returns a subquery's decimal with its scale, SQLite a float."""
    return f"{Decimal(str(value)).normalize():f}"


def _check(reasons, key, label, value, required, unit, ok):
    if required is None:
        return
    shown = "—" if value is None else _number(value)
    required = _number(required)
    if ok:
        reasons.append(Reason(key, f"{label} {shown} {unit} ≥ {required} {unit} ✓", True, 0))
    else:
        reasons.append(
            Reason(
                key,
                f"{label} {shown} {unit} < {required} {unit} ✗ −{WEIGHTS[key]}",
                False,
                WEIGHTS[key],
            )
        )


def _verdict(reasons, key, ok, passed, failed, **values):
    """One criterion's reason: the passing text, or the failing text with its penalty."""
    weight = WEIGHTS[key]
    if ok:
        reasons.append(Reason(key, passed % values, True, 0))
    else:
        reasons.append(Reason(key, failed % {**values, "w": weight}, False, weight))


def score(unit, demand: Demand) -> tuple[int, list[Reason]]:
    building, reasons = unit.building, []
    _check(
        reasons,
        "clear_height",
        _("Clear height"),
        unit.clear_height,
        demand.min_clear_height,
        "m",
        unit.clear_height is not None and unit.clear_height >= demand.min_clear_height
        if demand.min_clear_height is not None
        else True,
    )
    _check(
        reasons,
        "floor_load",
        _("Floor load"),
        unit.floor_load,
        demand.min_floor_load,
        "kN/m²",
        unit.floor_load is not None and unit.floor_load >= demand.min_floor_load
        if demand.min_floor_load is not None
        else True,
    )
    _check(
        reasons,
        "crane",
        _("Crane"),
        building.crane_tonnes,
        demand.min_crane,
        "t",
        demand.min_crane is None or building.crane_tonnes >= demand.min_crane,
    )
    _check(
        reasons,
        "power",
        _("Power"),
        building.power_kva,
        demand.min_power_kva,
        "kVA",
        demand.min_power_kva is None or building.power_kva >= demand.min_power_kva,
    )
    if demand.max_rent is not None:
        rent = unit.rent_per_m2_day
        _verdict(
            reasons,
            "budget",
            rent is not None and rent <= demand.max_rent,
            _("Rent %(r)s ≤ %(b)s yuan/m²/day ✓"),
            _("Rent %(r)s > %(b)s yuan/m²/day ✗ −%(w)s"),
            r=rent if rent is not None else "—",
            b=demand.max_rent,
        )
    if demand.zone_id is not None:
        _verdict(
            reasons,
            "zone",
            building.zone_id == demand.zone_id,
            _("In the preferred zone %(z)s ✓"),
            _("Not in the preferred zone ✗ −%(w)s"),
            z=building.zone,
        )
    if demand.move_in is not None:
        ready = unit.available_from
        _verdict(
            reasons,
            "move_in",
            ready is None or ready <= demand.move_in,
            _("Available by %(d)s ✓"),
            _("Available from %(r)s, after %(d)s ✗ −%(w)s"),
            r=ready,
            d=demand.move_in,
        )
    if demand.cluster_id is not None:
        _verdict(
            reasons,
            "cluster",
            unit.cluster_peers,
            _("Enterprises of the same cluster in this zone ✓"),
            _("No enterprise of the same cluster in this zone ✗ −%(w)s"),
        )
    return 100 - sum(r.penalty for r in reasons), reasons


def score_expression(demand: Demand):
    """The same score as `score`, as SQL, so the database ranks every candidate and Python only
    explains the few it returns."""
    tests = [
        ("clear_height", demand.min_clear_height, Q(clear_height__gte=demand.min_clear_height)),
        ("floor_load", demand.min_floor_load, Q(floor_load__gte=demand.min_floor_load)),
        ("crane", demand.min_crane, Q(building__crane_tonnes__gte=demand.min_crane)),
        ("power", demand.min_power_kva, Q(building__power_kva__gte=demand.min_power_kva)),
        ("budget", demand.max_rent, Q(rent_per_m2_day__lte=demand.max_rent)),
        ("zone", demand.zone_id, Q(building__zone_id=demand.zone_id)),
        (
            "move_in",
            demand.move_in,
            Q(available_from__isnull=True) | Q(available_from__lte=demand.move_in),
        ),
        ("cluster", demand.cluster_id, Q(cluster_peers=True)),
    ]
    total = Value(100)
    for key, required, passes in tests:
        if required is not None:
            total = total - Case(
                When(passes, then=Value(0)),
                default=Value(WEIGHTS[key]),
                output_field=IntegerField(),
            )
    return total


def _ranked(rows, demand: Demand, limit, near=""):
    target = demand.area_min or demand.area_max or Decimal(0)
    top = rows.annotate(
        match_score=score_expression(demand), distance=Abs(F("area_m2") - target)
    ).order_by("-match_score", "distance", F("rent_per_m2_day").asc(nulls_last=True), "pk")[:limit]
    found = []
    for unit in top:
        points, reasons = score(unit, demand)
        found.append(Match(unit, points, reasons, near and near % {"area": unit.area_m2}))
    return found


def match(units, demand: Demand, limit=LIMIT) -> tuple[list[Match], list[Match]]:
    """(matches, near misses) among `units` (already scoped: staff's or the public's)."""
    candidates = _candidates(units, demand)
    matches = _ranked(_within(candidates, demand.area_min, demand.area_max), demand, limit)
    low = demand.area_min * (1 - NEAR_MISS_SHARE) if demand.area_min is not None else None
    high = demand.area_max * (1 + NEAR_MISS_SHARE) if demand.area_max is not None else None
    outside = Q()
    if demand.area_min is not None:
        outside |= Q(area_m2__lt=demand.area_min)
    if demand.area_max is not None:
        outside |= Q(area_m2__gt=demand.area_max)
    near = []
    if outside:
        near = _ranked(
            _within(candidates, low, high).filter(outside),
            demand,
            limit,
            _("Area %(area)s m² is outside the range"),
        )
    return matches, near
