"""月度分析 — the monthly analysis: a text about a month's figures of a park (or the district),
written by templates and rules, which staff edit before publishing.

No number in it is typed by hand: the text holds placeholders (`{产值累计}`) that are filled from
the figures computed from rows — while it is a draft, from the rows as they are; once published,
from the figures frozen at publishing. The staff change the wording around them; a digit typed
outside a placeholder is refused (`rules.check_no_typed_numbers`)."""

import re
from collections import defaultdict
from decimal import Decimal

from django.db.models import Q, Sum

from parkos.core.templatetags.units import percent, wan
from parkos.enterprises.choices import EnterpriseStatus
from parkos.enterprises.models import ClusterScheme, Enterprise, IndicatorMonth

from .models import EarlyWarning

PLACEHOLDER = re.compile(r"\{([^{}\s]+)\}")
MOVERS = 3


def _growth(this, last):
    if not last or this is None:
        return None
    return (Decimal(this) - Decimal(last)) / Decimal(last)


def _direction(growth):
    if growth is None:
        return "持平（上年无可比数据）"
    return "增长" if growth >= 0 else "下降"


def _pct(growth):
    return "—" if growth is None else percent(abs(growth))


def figures(park, year: int, month: int) -> dict[str, str]:
    """The month's figures of `park` (None: the district) as the text shows them, by name."""
    enterprises = Enterprise.objects.filter(status=EnterpriseStatus.OPERATING)
    if park is not None:
        enterprises = enterprises.filter(park=park)
    rows = IndicatorMonth.objects.filter(
        enterprise__in=enterprises, year__in=(year - 1, year), month__lte=month
    )
    totals = {
        row["year"]: row
        for row in rows.values("year").annotate(
            output=Sum("output_value"),
            tax=Sum("tax_paid"),
            month_output=Sum("output_value", filter=Q(month=month)),
        )
    }
    this, last = totals.get(year, {}), totals.get(year - 1, {})
    output_growth = _growth(this.get("output"), last.get("output"))
    tax_growth = _growth(this.get("tax"), last.get("tax"))
    month_growth = _growth(this.get("month_output"), last.get("month_output"))
    found = {
        "园区": str(park) if park is not None else "全区",
        "年份": str(year),
        "月份": str(month),
        "产值累计": wan(this.get("output")),
        "产值增减": _direction(output_growth),
        "产值增速": _pct(output_growth),
        "当月产值": wan(this.get("month_output")),
        "当月增减": _direction(month_growth),
        "当月增速": _pct(month_growth),
        "税收累计": wan(this.get("tax")),
        "税收增减": _direction(tax_growth),
        "税收增速": _pct(tax_growth),
    }
    found["研判"] = _judgement(output_growth)
    found.update(_movers(rows, year))
    found["产业集群"] = _clusters(park, rows, year)
    found.update(_warnings(enterprises, year, month))
    return found


def _judgement(growth):
    """One sentence chosen by the output's growth."""
    if growth is None:
        return "上年同期无可比数据，暂不作研判。"
    if growth >= Decimal("0.1"):
        return "经济运行稳中向好，增速较快。"
    if growth >= 0:
        return "经济运行总体平稳。"
    return "产值同比下降，请重点关注下降较多的企业和预警企业。"


def _movers(rows, year):
    """The firms whose cumulative output moved most on the year before, up and down."""
    by_firm = defaultdict(lambda: {year: Decimal(0), year - 1: Decimal(0)})
    names = {}
    for pk, name, y, value in rows.exclude(output_value__isnull=True).values_list(
        "enterprise_id", "enterprise__name", "year", "output_value"
    ):
        by_firm[pk][y] += value
        names[pk] = name
    change = {pk: v[year] - v[year - 1] for pk, v in by_firm.items() if v[year - 1]}
    ranked = sorted(change.items(), key=lambda item: (item[1], names[item[0]]))
    up = [(pk, d) for pk, d in reversed(ranked) if d > 0][:MOVERS]
    down = [(pk, d) for pk, d in ranked if d < 0][:MOVERS]

    def listed(items, sign):
        return "、".join(f"{names[pk]}（{sign}{wan(abs(d))}万元）" for pk, d in items) or "无"

    return {"增长较多企业": listed(up, "+"), "下降较多企业": listed(down, "-")}


def _clusters(park, rows, year):
    """Cumulative output of each cluster of the park's scheme (else the district's)."""
    scheme = ClusterScheme.objects.filter(park=park).first() if park is not None else None
    scheme = scheme or ClusterScheme.objects.filter(park__isnull=True).first()
    if scheme is None:
        return "（未设产业集群）"
    parts = []
    for cluster in scheme.clusters.order_by("order", "id"):
        sums = dict(
            rows.filter(enterprise__clusters=cluster)
            .values("year")
            .annotate(total=Sum("output_value"))
            .values_list("year", "total")
        )
        growth = _growth(sums.get(year), sums.get(year - 1))
        parts.append(
            f"{cluster.name}{wan(sums.get(year))}万元，同比{_direction(growth)}{_pct(growth)}"
        )
    return "；".join(parts) or "（未设产业集群）"


def _warnings(enterprises, year, month):
    warnings = EarlyWarning.objects.filter(enterprise__in=enterprises, year=year, month=month)
    counts = defaultdict(int)
    for warning in warnings.select_related("rule"):
        counts[warning.rule.get_kind_display()] += 1
    listed = "、".join(f"{kind}{n}家" for kind, n in sorted(counts.items())) or "无"
    return {"预警数": str(sum(counts.values())), "预警分类": listed}


TEMPLATE = (
    "{园区}{年份}年{月份}月经济运行分析\n\n"
    "一、总体情况。年初至{月份}月，规上工业累计产值{产值累计}万元，同比{产值增减}{产值增速}；"
    "其中{月份}月当月产值{当月产值}万元，同比{当月增减}{当月增速}。"
    "累计税收{税收累计}万元，同比{税收增减}{税收增速}。\n\n"
    "{研判}\n\n"
    "二、重点企业。累计产值增长较多的企业：{增长较多企业}；下降较多的企业：{下降较多企业}。\n\n"
    "三、产业集群。{产业集群}。\n\n"
    "四、预警情况。本月共触发预警{预警数}条：{预警分类}。请各片区服务管家跟进核实。"
)


def draft(park, year, month) -> str:
    """The generated text, with the figures as placeholders."""
    return TEMPLATE


def render(body: str, values: dict[str, str]) -> str:
    """`body` with each placeholder replaced by its figure; unknown names stay as written."""
    return PLACEHOLDER.sub(lambda m: values.get(m[1], m[0]), body)
