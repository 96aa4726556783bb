"""Industry clusters' figures: for one cluster scheme (the district's four LINE clusters, a park's
"3+3+X"), each cluster's above-scale output, its growth on the year before, its share of the
above-scale output and its firms, year by year, against the targets set on the scheme or the
cluster. Every figure is summed from the yearly reports the viewer may read, in the place they
pick (district, park, zone), and carries the address of the enterprise list behind it: the list
filtered by the cluster and the year sums to the figure."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from parkos.core.links import list_url
from parkos.enterprises.models import Cluster, ClusterScheme, Enterprise, IndicatorYear

from .dashboard import Place

HUNDRED = Decimal(100)
YEARS_SHOWN = 5  # the chosen year and the four before it


def _ratio(part, whole):
    return Decimal(part) / Decimal(whole) if part is not None and whole else None


@dataclass
class ClusterYear:
    """One cluster in one year: above-scale output (规上产值), firms with a yearly report of
    the year (all and above-scale), and the output a year before for the growth."""

    name: str
    year: int
    output: Decimal | None = None
    previous: Decimal | None = None
    firms: int = 0
    above: int = 0
    share: Decimal | None = None  # of the place's above-scale output
    target_growth: Decimal | None = None  # percent
    target_share: Decimal | None = None  # percent
    drill: dict = field(default_factory=dict)  # figure → the enterprise list behind it

    @property
    def growth(self):
        if not self.previous or self.output is None:
            return None
        return (self.output - self.previous) / self.previous

    @property
    def meets_growth(self):
        if self.target_growth is None or self.growth is None:
            return None
        return self.growth * HUNDRED >= self.target_growth

    @property
    def meets_share(self):
        if self.target_share is None or self.share is None:
            return None
        return self.share * HUNDRED >= self.target_share


@dataclass
class SchemeFigures:
    scheme: ClusterScheme
    year: int
    place: Place
    years: list[int]
    clusters: list[Cluster]
    rows: dict = field(default_factory=dict)  # year → [ClusterYear per cluster]
    totals: dict = field(default_factory=dict)  # year → ClusterYear of the scheme's firms
    above_output: dict = field(default_factory=dict)  # year → the place's above-scale output
    above_drill: dict = field(default_factory=dict)  # year → the list behind it

    @property
    def current(self):
        return self.rows.get(self.year, [])

    @property
    def total(self):
        return self.totals.get(self.year)

    @property
    def by_cluster(self):
        """Each cluster with its years, for the table of years."""
        return [
            (cluster, [self.rows[y][i] for y in self.years])
            for i, cluster in enumerate(self.clusters)
        ]

    @property
    def place_output(self):
        """The place's above-scale output of the year (the shares' whole) and its list."""
        return self.above_output.get(self.year), self.above_drill.get(self.year)


def schemes_for(user):
    """The schemes the viewer reads: the district's and those of the parks they see."""
    return ClusterScheme.objects.visible_to(user).select_related("park").order_by("park_id", "id")


def _enterprises(user, scheme, place):
    rows = place.of_enterprises(Enterprise.objects.visible_to(user))
    return rows.filter(park=scheme.park) if scheme.park_id else rows


def _drill(where, **params):
    return list_url("enterprises:list", sort="-y_output_value", **where, **params)


def scheme_figures(user, scheme: ClusterScheme, year: int, place: Place) -> SchemeFigures:
    years = list(range(year - YEARS_SHOWN + 1, year + 1))
    clusters = list(scheme.clusters.order_by("order", "id"))
    figures = SchemeFigures(scheme, year, place, years, clusters)
    enterprises = _enterprises(user, scheme, place)
    where = dict(place.params())
    if scheme.park_id and not where:
        where["park"] = scheme.park_id
    reports = IndicatorYear.objects.visible_to(user).filter(
        enterprise__in=enterprises, year__in=[years[0] - 1, *years]
    )
    above = Q(enterprise__is_above_scale=True)
    sums = Sum("output_value", filter=above)
    counts = {
        "firms": Count("enterprise", distinct=True),
        "above": Count("enterprise", distinct=True, filter=above),
        "output": sums,
    }
    by_cluster = {
        (row["enterprise__clusters"], row["year"]): row
        for row in reports.filter(enterprise__clusters__scheme=scheme)
        .values("enterprise__clusters", "year")
        .annotate(**counts)
    }
    # The scheme's firms once each, whatever number of its clusters they are in.
    in_scheme = reports.filter(
        enterprise__in=Cluster.objects.filter(scheme=scheme).values("enterprises")
    )
    by_scheme = {row["year"]: row for row in in_scheme.values("year").annotate(**counts)}
    place_above = dict(reports.values_list("year").annotate(output=sums))
    for y in years:
        figures.above_output[y] = place_above.get(y)
        figures.above_drill[y] = _drill(where, year=y, is_above_scale="true")
        figures.rows[y] = [
            _cluster_year(
                cluster.name,
                y,
                by_cluster.get((cluster.pk, y), {}),
                by_cluster.get((cluster.pk, y - 1), {}),
                place_above.get(y),
                (
                    cluster.target_growth
                    if cluster.target_growth is not None
                    else scheme.target_growth
                ),
                cluster.target_share,
                dict(where, cluster=cluster.pk, year=y),
            )
            for cluster in clusters
        ]
        figures.totals[y] = _cluster_year(
            str(_("All clusters")),
            y,
            by_scheme.get(y, {}),
            by_scheme.get(y - 1, {}),
            place_above.get(y),
            scheme.target_growth,
            scheme.target_share,
            dict(where, scheme=scheme.pk, year=y),
        )
    return figures


def _cluster_year(name, year, row, before, above_output, target_growth, target_share, params):
    return ClusterYear(
        name=name,
        year=year,
        output=row.get("output"),
        previous=before.get("output"),
        firms=row.get("firms", 0),
        above=row.get("above", 0),
        share=_ratio(row.get("output"), above_output),
        target_growth=target_growth,
        target_share=target_share,
        drill={
            "output": _drill(params, is_above_scale="true"),
            "firms": _drill(params, reported="true"),
            "above": _drill(params, reported="true", is_above_scale="true"),
        },
    )


def xlsx_sheets(figures: SchemeFigures):
    """One sheet of every cluster and year shown (亿元 and percent as the page shows them)."""
    header = [
        str(_("Year")),
        str(_("Cluster")),
        str(_("Above-scale output (100m yuan)")),
        str(_("Growth (%)")),
        str(_("Target growth (%)")),
        str(_("Share of above-scale output (%)")),
        str(_("Target share (%)")),
        str(_("Firms with figures")),
        str(_("Above-scale firms")),
    ]

    def line(row):
        return [
            row.year,
            row.name,
            None if row.output is None else round(row.output / Decimal(10**8), 2),
            None if row.growth is None else round(row.growth * HUNDRED, 1),
            row.target_growth,
            None if row.share is None else round(row.share * HUNDRED, 1),
            row.target_share,
            row.firms,
            row.above,
        ]

    rows = []
    for y in figures.years:
        rows += [line(row) for row in figures.rows[y]]
        rows.append(line(figures.totals[y]))
    return [(figures.scheme.name[:31], header, rows)]
