"""Running and publishing evaluations, explaining a score, checking the admission bar.

Loading is set-based (two queries for any number of enterprises), scoring is `engine.evaluate`
on arrays, writing is one bulk insert."""

import json
import time
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Count, FloatField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _

from parkos.core.audit import record
from parkos.core.bulk import insert_rows
from parkos.core.models import AuditAction
from parkos.core.scoping import is_writable
from parkos.enterprises.choices import EnterpriseStatus
from parkos.enterprises.models import Cluster, ClusterScheme, Enterprise, IndicatorYear

from .choices import GRADES, RunStatus
from .engine import Inputs, evaluate
from .indicators import CATALOGUE, FIGURE_FIELDS
from .models import Adjustment, AdmissionBar, Result, Run, Scheme, SchemeIndicator


def snapshot(scheme: Scheme) -> dict:
    """The scheme as plain data, stored on the run."""
    return {
        "slug": scheme.slug,
        "name": scheme.name,
        "version": scheme.version,
        "population": scheme.population,
        "min_land_mu": str(scheme.min_land_mu),
        "exclude_founded_within_years": scheme.exclude_founded_within_years,
        "exclude_industries": scheme.excluded_prefixes(),
        "rented_floor_share": str(scheme.rented_floor_share),
        "merge_tenants": scheme.merge_tenants,
        "missing_rule": scheme.missing_rule,
        "missing_penalty": str(scheme.missing_penalty),
        "grade_method": scheme.grade_method,
        **{f"grade_{g}": str(getattr(scheme, f"grade_{g}")) for g in "abcd"},
        "indicators": [
            {
                "code": i.code,
                "weight": str(i.weight),
                "benchmark_rule": i.benchmark_rule,
                "benchmark_value": str(i.benchmark_value),
                "scaling": i.scaling,
                "cap": None if i.cap is None else str(i.cap),
                "floor": None if i.floor is None else str(i.floor),
            }
            for i in scheme.indicators.order_by("order", "id")
        ],
    }


def load_inputs(year: int, enterprises) -> Inputs:
    """Arrays of every enterprise in `enterprises` and its figures for `year` (two queries; the
    columns are converted by NumPy, not cell by cell). Decimal columns are read as floats cast by
    the database: the engine works in floats anyway, and Django's per-cell Decimal converters
    were most of the read (0.6 s of 0.9 s for the district on SQLite)."""
    rows = list(
        enterprises.order_by("id").values_list(
            "id",
            "status",
            "is_above_scale",
            "founded_on",
            "industry_id",
            _float("own_land_mu"),
            _float("rented_floor_m2"),
            "landlord_id",
        )
    )
    n = len(rows)
    columns = list(zip(*rows, strict=True)) if rows else [()] * 8
    ids = np.array(columns[0], dtype=np.int64)
    position = dict(zip(ids.tolist(), range(n), strict=True))
    figures = {name: np.full(n, np.nan) for name in FIGURE_FIELDS}
    has_figures = np.zeros(n, dtype=bool)
    records = list(
        IndicatorYear.objects.filter(year=year, enterprise__in=enterprises).values_list(
            "enterprise_id", *(_float(name) for name in FIGURE_FIELDS)
        )
    )
    if records:
        at = np.array([position[r[0]] for r in records], dtype=np.int64)
        values = np.array([r[1:] for r in records], dtype=float)  # None becomes NaN
        has_figures[at] = True
        for j, name in enumerate(FIGURE_FIELDS):
            figures[name][at] = values[:, j]
    return Inputs(
        ids=ids,
        operating=np.array(columns[1], dtype=object) == EnterpriseStatus.OPERATING,
        above_scale=np.array(columns[2], dtype=bool),
        founded_year=np.array([d.year if d else 0 for d in columns[3]], dtype=np.int64),
        industry=np.array([code or "" for code in columns[4]], dtype=str),
        own_land_mu=np.array(columns[5], dtype=float),
        rented_floor_m2=np.array(columns[6], dtype=float),
        landlord=np.array([position.get(pk, -1) for pk in columns[7]], dtype=np.int64),
        has_figures=has_figures,
        figures=figures,
    )


def _float(name):
    return Cast(name, FloatField())


def load_adjustments(year: int, inputs: Inputs, enterprises=None) -> dict[int, list]:
    """The year's adjustments of the enterprises in `inputs`, by position. `enterprises`, the
    queryset `inputs` was read from, filters in SQL: a list of 20,000 ids as parameters cost
    PostgreSQL's driver 0.1–0.3 s to parse and send."""
    position = {pk: i for i, pk in enumerate(inputs.ids.tolist())}
    found: dict[int, list] = {}
    adjustments = Adjustment.objects.filter(year=year)
    if enterprises is not None:
        adjustments = adjustments.filter(enterprise__in=enterprises)
    else:
        adjustments = adjustments.filter(enterprise_id__in=position)
    for enterprise_id, kind, points, grade, reason in adjustments.order_by("id").values_list(
        "enterprise_id", "kind", "points", "grade", "reason"
    ):
        if enterprise_id not in position:
            continue
        found.setdefault(position[enterprise_id], []).append(
            {
                "kind": kind,
                "points": None if points is None else str(points),
                "grade": grade,
                "reason": reason,
            }
        )
    return found


def run_evaluation(*, actor, scheme: Scheme, year: int, park=None) -> Run:
    """Score every enterprise of `park` (or of the district) for `year` and keep it as a draft.

    `actor` None is the operator on the command line: every enterprise, no permission check."""
    if actor is not None and not actor.has_perm("evaluation.add_run"):
        raise PermissionDenied
    if park is None and actor is not None and actor.park_id is not None:
        park = actor.park  # a park's staff evaluate their park
    started = time.perf_counter()
    definition = snapshot(scheme)
    if not definition["indicators"]:
        raise ValidationError(_("The scheme has no indicators."))
    enterprises = Enterprise.objects.visible_to(actor) if actor else Enterprise.objects.all()
    if park is not None:
        enterprises = enterprises.filter(park=park)
    inputs = load_inputs(year, enterprises)
    outcome = evaluate(definition, year, inputs, load_adjustments(year, inputs, enterprises))
    with transaction.atomic():
        run = Run.objects.create(
            scheme=scheme,
            scheme_version=scheme.version,
            definition=definition,
            year=year,
            park=park,
            created_by=actor,
        )
        _write_results(run, definition, inputs, outcome)
        run.rated_count = int((outcome.reason == "").sum())
        run.not_rated_count = len(inputs) - run.rated_count
        run.definition["benchmarks"] = {k: _plain(v) for k, v in outcome.benchmarks.items()}
        run.seconds = time.perf_counter() - started
        run.save()
    return run


RESULT_COLUMNS = (
    "run",
    "enterprise",
    "rated",
    "reason",
    "land_mu",
    "inputs",
    "scores",
    "adjustments",
    "total",
    "rank",
    "grade",
)


def _write_results(run, definition, inputs, outcome):
    """One row per enterprise, past the ORM's insert (`core.bulk`). The values are what the
    fields' own get_db_prep_save would give (`_result_rows`), made directly: calling it for each
    of 220,000 cells, with the JSON columns wrapped for psycopg and dumped one by one, was most
    of the write. JSON goes in as text; PostgreSQL parses it into the jsonb columns."""
    columns = [Result._meta.get_field(name).column for name in RESULT_COLUMNS]
    insert_rows(
        connection,
        Result._meta.db_table,
        columns,
        _result_rows(run, definition, inputs, outcome),
    )


def _plain(value):
    return None if value is None or np.isnan(value) else round(float(value), 6)


def _result_rows(run, definition, inputs, outcome):
    """Values in RESULT_COLUMNS order, one tuple per enterprise, ready for the database: the JSON
    columns as text (json.dumps, as JSONField without an encoder), decimals as Decimal."""
    codes = [spec["code"] for spec in definition["indicators"]]
    weights = {spec["code"]: spec["weight"] for spec in definition["indicators"]}
    figure_rows = (
        np.column_stack([outcome.figures[name] for name in FIGURE_FIELDS]).round(6).tolist()
    )
    value_rows = (
        np.column_stack([outcome.values[c] for c in codes]).round(6).tolist() if codes else []
    )
    score_rows = (
        np.column_stack([outcome.scores[c] for c in codes]).round(2).tolist() if codes else []
    )
    clipped = [outcome.clipped[c].tolist() for c in codes]
    benchmarks = {c: _plain(outcome.benchmarks[c]) for c in codes}
    land = outcome.land_mu.round(4).tolist()
    totals = outcome.total.tolist()
    ranks = outcome.rank.tolist()
    reasons = outcome.reason.tolist()
    grades = outcome.grade.tolist()
    dumps = json.dumps
    empty_scores, empty_adjustments = dumps({}), dumps([])
    run_pk = run.pk
    for i, pk in enumerate(inputs.ids.tolist()):
        reason = reasons[i]
        rated = reason == ""
        figures = {
            name: (None if v != v else v)
            for name, v in zip(FIGURE_FIELDS, figure_rows[i], strict=True)
        }
        scores = empty_scores
        if rated:
            values, points = value_rows[i], score_rows[i]
            scores = dumps(
                {
                    code: {
                        "value": None if values[j] != values[j] else values[j],
                        "benchmark": benchmarks[code],
                        "weight": weights[code],
                        "score": points[j],
                        "clipped": clipped[j][i],
                    }
                    for j, code in enumerate(codes)
                }
            )
        applied = outcome.applied.get(i)
        yield (
            run_pk,
            pk,
            rated,
            reason,
            Decimal(str(land[i])),
            dumps(figures),
            scores,
            dumps(applied) if applied else empty_adjustments,
            Decimal(str(totals[i])) if rated else None,
            ranks[i] or None,
            grades[i],
        )


def copy_scheme(*, actor, scheme: Scheme) -> Scheme:
    """An editable copy of a scheme, owned by the actor's park (presets are never edited)."""
    if not actor.has_perm("evaluation.add_scheme"):
        raise PermissionDenied
    indicators = list(scheme.indicators.all())
    base, n = f"{scheme.slug}-copy", 1
    while Scheme.objects.filter(slug=f"{base}-{n}").exists():
        n += 1
    with transaction.atomic():
        scheme.pk, scheme.id = None, None
        scheme._state.adding = True
        scheme.slug, scheme.is_preset, scheme.version, scheme.park = (
            f"{base}-{n}",
            False,
            1,
            actor.park,
        )
        scheme.name = _("%(name)s (copy)") % {"name": scheme.name}
        scheme.save()
        for indicator in indicators:
            indicator.pk, indicator.scheme = None, scheme
        SchemeIndicator.objects.bulk_create(indicators)
    return scheme


def can_edit_scheme(user, scheme: Scheme) -> bool:
    """Presets are copied, not edited; a park's staff edit their park's schemes."""
    if scheme.is_preset or not user.has_perm("evaluation.change_scheme"):
        return False
    return user.park_id is None or scheme.park_id == user.park_id


def save_scheme(*, actor, form, formset) -> Scheme:
    """Save a scheme and its indicators; a changed scheme gets a new version number."""
    with transaction.atomic():
        scheme = form.save(commit=False)
        if form.has_changed() or formset.has_changed():
            scheme.version += 1
        scheme.save()
        formset.instance = scheme
        formset.save()
    return scheme


def can_publish(user, run: Run) -> bool:
    """A run is published by someone whose scope covers it: a park's run by that park's staff
    or a district-wide user, a district-wide run only by a district-wide user. Seeing a run is
    not enough: district runs are shared with every park for reading only (`writable_by`)."""
    return user.has_perm("evaluation.change_run") and is_writable(user, run)


def publish(*, actor, run: Run) -> None:
    """Make a draft visible to everyone in its scope; who published it is kept on the run.
    `actor` None is the operator on the command line."""
    if actor is not None and not can_publish(actor, run):
        raise PermissionDenied
    with transaction.atomic():
        run = Run.objects.select_for_update().get(pk=run.pk)
        if run.status == RunStatus.PUBLISHED:
            raise ValidationError(_("This run is already published."))
        run.status = RunStatus.PUBLISHED
        run.published_at = timezone.now()
        run.published_by = actor
        run.save(update_fields=["status", "published_at", "published_by"])
        record(AuditAction.PUBLISH, user=actor, obj=run)


@dataclass
class Line:
    """One indicator of a result, as a sentence: 亩均税收 18.2 万元/亩 ÷ 基准 24.1 × 30 = 22.7."""

    code: str
    label: str
    unit: str
    value: float | None
    benchmark: float | None
    weight: str
    score: float
    clipped: str
    smaller_is_better: bool
    scaling: str
    shortfall: float  # weight − score: how much this indicator pulls the total down


def explain(result: Result) -> list[Line]:
    scaling = {spec["code"]: spec["scaling"] for spec in result.run.definition["indicators"]}
    lines = []
    for code, item in result.scores.items():
        indicator = CATALOGUE[code]
        lines.append(
            Line(
                code=code,
                label=str(indicator.label),
                unit=indicator.unit,
                value=item["value"],
                benchmark=item["benchmark"],
                weight=item["weight"],
                score=item["score"],
                clipped=item["clipped"],
                smaller_is_better=indicator.smaller_is_better,
                scaling=scaling.get(code, "ratio"),
                shortfall=float(item["weight"]) - item["score"],
            )
        )
    return lines


def previous_result(result: Result) -> Result | None:
    """The enterprise's result in the published run of the same scheme for the year before."""
    return (
        Result.objects.filter(
            enterprise_id=result.enterprise_id,
            run__status=RunStatus.PUBLISHED,
            run__year=result.run.year - 1,
            run__scheme_id=result.run.scheme_id,
        )
        .select_related("run")
        .order_by("-run__published_at")
        .first()
    )


def _grade_table(rows) -> list:
    table: dict[str, dict[str, int]] = {}
    for group, grade, n in rows:
        table.setdefault(group or "—", dict.fromkeys(GRADES, 0))[grade] = n
    return [(group, [c[g] for g in GRADES], sum(c.values())) for group, c in table.items()]


def distribution(results) -> dict:
    """Grade counts by park and zone, and by cluster one scheme at a time, for tables and
    stacked bar charts. Clusters of different schemes may share a name (the district's 新材料
    and a park's) and a firm may sit in both: counted together they would add up to more firms
    than were rated. Each scheme's table ends with the rated firms in none of its clusters, so
    it adds up to the run's rated firms (a firm in two clusters of one scheme counts in each)."""
    groupings = {
        "by_park": ("enterprise__park__name", ("enterprise__park_id",)),
        "by_zone": (
            "enterprise__zone__name",
            ("enterprise__zone__park_id", "enterprise__zone__code"),
        ),
    }
    out = {}
    for key, (label, order) in groupings.items():
        rows = results.values_list(label, "grade", *order).annotate(n=Count("id")).order_by(*order)
        out[key] = _grade_table((group, grade, n) for group, grade, *_o, n in rows)
    members = Cluster.enterprises.through.objects.filter(
        enterprise_id__in=results.values("enterprise_id")
    )
    schemes = ClusterScheme.objects.filter(pk__in=members.values("cluster__scheme_id")).order_by(
        "park_id", "pk"
    )
    for scheme in schemes:
        in_scheme = results.filter(enterprise__clusters__scheme=scheme)
        rows = list(
            # values_list reuses the filter's join: the names are this scheme's clusters only.
            in_scheme.values_list(
                "enterprise__clusters__name", "grade", "enterprise__clusters__order"
            )
            .annotate(n=Count("id"))
            .order_by("enterprise__clusters__order", "enterprise__clusters__name")
        )
        outside = (
            results.exclude(enterprise__clusters__scheme=scheme)
            .values_list("grade")
            .annotate(n=Count("id"))
        )
        none = str(_("In none of its clusters"))
        out[f"by_cluster_{scheme.pk}"] = _grade_table(
            [(name, grade, n) for name, grade, _o, n in rows]
            + [(none, grade, n) for grade, n in outside]
        )
        out.setdefault("schemes", []).append(scheme)
    return out


def grade_moves(run: Run, results) -> dict | None:
    """How grades moved since the published run of the same scheme a year before."""
    previous = (
        Run.objects.filter(
            scheme_id=run.scheme_id, year=run.year - 1, status=RunStatus.PUBLISHED, park=run.park
        )
        .order_by("-published_at")
        .first()
    )
    if previous is None:
        return None
    before = dict(
        Result.objects.filter(run=previous, rated=True).values_list("enterprise_id", "grade")
    )
    matrix = {a: dict.fromkeys(GRADES, 0) for a in GRADES}
    up = down = same = 0
    for enterprise_id, grade in results.values_list("enterprise_id", "grade"):
        old = before.get(enterprise_id)
        if old is None:
            continue
        matrix[old][grade] += 1
        if old == grade:
            same += 1
        elif GRADES.index(grade) < GRADES.index(old):
            up += 1
        else:
            down += 1
    return {
        "previous": previous,
        "rows": [(a, [matrix[a][b] for b in GRADES]) for a in GRADES],
        "up": up,
        "down": down,
        "same": same,
    }


def dashboard_sheets(context) -> list:
    """The dashboard's tables as workbook sheets: one per grouping, and the grade moves."""
    header = ["", *GRADES, _("Total")]
    sheets = [
        (str(title), header, [[group, *counts, total] for group, counts, total in rows])
        for _key, title, rows in context["sections"]
    ]
    if moves := context.get("moves"):
        sheets.append(
            (
                str(_("Grade moves since last year")),
                [f"{moves['previous'].year} → {context['run'].year}", *GRADES],
                [[grade, *row] for grade, row in moves["rows"]],
            )
        )
    return sheets


@dataclass
class Criterion:
    label: str
    required: Decimal  # yuan per mu
    actual: Decimal | None
    passed: bool


def check_admission(bar: AdmissionBar, *, investment, land_mu, output, tax) -> list[Criterion]:
    """Pass/fail of a proposed land project against the park's per-mu bar (amounts in yuan)."""
    land = Decimal(land_mu)
    if land <= 0:
        raise ValidationError(_("The project needs land (mu) to be checked against a per-mu bar."))
    checks = [
        (_("Investment per mu"), bar.investment_per_mu, investment),
        (_("Output per mu"), bar.output_per_mu, output),
        (_("Tax per mu"), bar.tax_per_mu, tax),
    ]
    result = []
    for label, required, amount in checks:
        actual = None if amount is None else Decimal(amount) / land
        result.append(Criterion(label, required, actual, actual is not None and actual >= required))
    return result


def portrait_results(user, enterprise):
    """The portrait's section: the enterprise's last three published results the user sees."""
    results = list(
        Result.objects.visible_to(user)
        .filter(enterprise=enterprise, run__status=RunStatus.PUBLISHED)
        .select_related("run")
        .order_by("-run__year", "-run__published_at")[:3]
    )
    return {"results": results} if results else None
