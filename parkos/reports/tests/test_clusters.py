"""Cluster figures on hand-counted cases: each cluster's output and firm counts equal the rows
its link lists, shares are of the place's above-scale output, targets come from the cluster or
its scheme, and a steward counts only its zones."""

import io
from decimal import Decimal

import pytest
from django.db import transaction
from python_calamine import CalamineWorkbook

from parkos.enterprises import demo
from parkos.enterprises.demo import DemoSize, generate
from parkos.enterprises.models import ClusterScheme, Enterprise, IndicatorMonth, IndicatorYear
from parkos.reports.clusters import scheme_figures
from parkos.reports.dashboard import Place, place_for
from parkos.testing.factories import (
    ClusterFactory,
    ClusterSchemeFactory,
    EnterpriseFactory,
    IndicatorYearFactory,
    UserFactory,
)

M = Decimal(1_000_000)


@pytest.fixture
def line(world):
    """A district scheme of two clusters over the world's firms, with hand-set outputs:
    2024 — A1 (above, cluster L) 50 M, A2 (above, L and E) 30 M, B (not above, E) 20 M, and an
    above-scale firm of no cluster (C) 100 M; 2023 — A1 40 M, A2 20 M."""
    scheme = ClusterSchemeFactory(name="四大集群", target_growth=Decimal(20), target_share=80)
    life = ClusterFactory(scheme=scheme, name="生命健康", code="L", order=0)
    kit = ClusterFactory(scheme=scheme, name="高端智能装备", code="E", order=1, target_growth=10)
    world.firm_a1.clusters.add(life)
    world.firm_a2.clusters.add(life, kit)
    world.firm_b.clusters.add(kit)
    outside = EnterpriseFactory(
        name="上海区外集群无关公司", park=world.park_a, zone=world.zone_a2, is_above_scale=True
    )
    IndicatorYearFactory(enterprise=outside, year=2024, output_value=100 * M)
    for firm, now, before in (
        (world.firm_a1, 50, 40),
        (world.firm_a2, 30, 20),
        (world.firm_b, 20, None),
    ):
        firm.is_above_scale = firm != world.firm_b
        firm.save()
        firm.years.filter(year=2024).update(output_value=now * M)
        if before is None:
            firm.years.filter(year=2023).delete()
        else:
            firm.years.filter(year=2023).update(output_value=before * M)
    return scheme


def by_name(figures):
    return {"total": figures.total} | {row.name: row for row in figures.current}


def test_each_cluster_sums_its_above_scale_firms_against_the_place(world, line):
    figures = scheme_figures(world.users["district_admin"], line, 2024, Place())
    rows = by_name(figures)
    assert rows["生命健康"].output == 80 * M
    assert rows["生命健康"].previous == 60 * M
    assert rows["生命健康"].growth == Decimal(20) / Decimal(60)
    assert rows["生命健康"].share == Decimal(80) / Decimal(180)  # A1 + A2 + C are above-scale
    assert (rows["生命健康"].firms, rows["生命健康"].above) == (2, 2)
    assert rows["高端智能装备"].output == 30 * M  # B is not above-scale
    assert (rows["高端智能装备"].firms, rows["高端智能装备"].above) == (2, 1)
    # A2 is in both clusters and counts once in the scheme's total.
    total = rows["total"]
    assert total.output == 80 * M and (total.firms, total.above) == (3, 2)
    assert figures.place_output[0] == 180 * M


def test_targets_come_from_the_cluster_else_its_scheme(world, line):
    rows = by_name(scheme_figures(world.users["district_admin"], line, 2024, Place()))
    assert rows["生命健康"].target_growth == 20 and rows["高端智能装备"].target_growth == 10
    assert rows["生命健康"].meets_growth is True  # +33 % against 20 %
    assert rows["total"].target_share == 80
    assert rows["total"].meets_share is False  # 44 % against 80 %


def test_growth_target_met(world, line):
    line.target_growth = Decimal(40)
    line.save()
    rows = by_name(scheme_figures(world.users["district_admin"], line, 2024, Place()))
    assert rows["生命健康"].meets_growth is False
    line.target_growth = Decimal(30)
    line.save()
    rows = by_name(scheme_figures(world.users["district_admin"], line, 2024, Place()))
    assert rows["生命健康"].meets_growth is True


def test_every_figure_is_the_sum_of_its_drill_down(world, line, login):
    admin = world.users["district_admin"]
    client = login(admin)
    figures = scheme_figures(admin, line, 2024, Place())
    for row in [*figures.current, figures.total]:
        listed = client.get(row.drill["output"]).context["table"].data
        assert sum(r.y_output_value or 0 for r in listed) == row.output, row.name
        firms = client.get(row.drill["firms"]).context["table"].paginator.count
        above = client.get(row.drill["above"]).context["table"].paginator.count
        assert (firms, above) == (row.firms, row.above), row.name
    whole, drill = figures.place_output
    assert sum(r.y_output_value or 0 for r in client.get(drill).context["table"].data) == whole


def test_a_firm_without_figures_of_the_year_is_not_counted(world, line, login):
    quiet = EnterpriseFactory(name="上海没报表公司", park=world.park_a, zone=world.zone_a1)
    quiet.clusters.add(line.clusters.get(code="L"))
    admin = world.users["district_admin"]
    row = by_name(scheme_figures(admin, line, 2024, Place()))["生命健康"]
    assert row.firms == 2
    page = login(admin).get(row.drill["firms"])
    assert "上海没报表公司" not in page.content.decode()


def test_a_park_or_a_steward_narrows_the_figures(world, line):
    admin = world.users["district_admin"]
    park = by_name(scheme_figures(admin, line, 2024, place_for(admin, park=world.park_a.pk)))
    assert park["高端智能装备"].firms == 1  # B is in park B
    steward = by_name(scheme_figures(world.users["steward"], line, 2024, Place()))
    assert steward["生命健康"].output == 50 * M  # only zone A1: firm A1
    assert steward["高端智能装备"].output is None and steward["高端智能装备"].firms == 0
    assert steward["生命健康"].share == Decimal(1)  # of the steward's above-scale output


def test_a_park_scheme_is_read_within_its_park(world):
    scheme = ClusterSchemeFactory(name="甲园3+3+X", park=world.park_a)
    cluster = ClusterFactory(scheme=scheme, name="生物医药")
    world.firm_a1.clusters.add(cluster)
    world.firm_b.clusters.add(cluster)  # a park B firm wrongly placed: not counted
    world.firm_a1.is_above_scale = world.firm_b.is_above_scale = True
    world.firm_a1.save()
    world.firm_b.save()
    figures = scheme_figures(world.users["district_admin"], scheme, 2024, Place())
    assert figures.current[0].firms == 1
    assert figures.place_output[0] == world.firm_a1.years.get(year=2024).output_value
    assert f"park={world.park_a.pk}" in figures.current[0].drill["output"]


@pytest.mark.parametrize("role", ["district_admin", "park_admin", "leader_district", "steward"])
def test_the_page_shows_the_scheme_and_exports_it(world, line, login, role):
    client = login(world.users[role])
    page = client.get("/clusters/", {"scheme": line.pk, "year": 2024})
    assert page.status_code == 200
    html = page.content.decode()
    assert "高端智能装备" in html and 'id="clusters-data"' in html
    assert f"cluster={line.clusters.get(code='E').pk}" in html
    export = client.get("/clusters/", {"scheme": line.pk, "year": 2024, "export": "xlsx"})
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(export.content)).get_sheet_by_index(0)
    names = [row[1] for row in sheet.to_python()]
    assert "生命健康" in names


@pytest.mark.parametrize("role", ["investment", "enterprise"])
def test_roles_without_the_figures_have_no_cluster_page(world, login, role):
    assert login(world.users[role]).get("/clusters/").status_code == 403


FIGURES = ("enterprise__name", "year", "output_value", "revenue", "tax_paid")


def test_the_demo_district_gives_seed_003s_figures_in_2020(db, monkeypatch):
    """Seed 003's figures from the rows; its count of above-scale cluster firms scaled down to
    this small demo (the default demo holds the article's 496)."""
    monkeypatch.setattr(demo, "SEED_003_FIRMS", 25)
    generate(DemoSize(enterprises=120, months=0, history=False), seed=2024)
    admin = UserFactory(username="demo_district", role="district_admin")
    scheme = ClusterScheme.objects.get(park__isnull=True, name__contains="LINE")
    rows = by_name(scheme_figures(admin, scheme, 2020, Place()))
    assert rows["高端智能装备"].output == 370 * 10**8
    assert round(rows["高端智能装备"].share * 1000) == 272
    assert rows["total"].output == 1045 * 10**8
    assert round(rows["total"].share * 100) == 77
    assert rows["total"].target_growth == 20
    assert rows["total"].above == 25


def test_the_seed_003_count_moves_founding_years_and_no_figure(db, monkeypatch):
    """The same demo with and without the count: the firms beyond it are founded in the demo's
    first year and lose their 2020 report; every figure of the demo's own years is the same."""

    def district(count):
        monkeypatch.setattr(demo, "SEED_003_FIRMS", count)
        with transaction.atomic():
            generate(DemoSize(enterprises=120, months=1, history=False), seed=2024)
            kept = (
                set(IndicatorYear.objects.filter(year__gte=2021).values_list(*FIGURES)),
                set(IndicatorMonth.objects.values_list(*FIGURES[:-1], "month")),
                dict(Enterprise.objects.values_list("name", "founded_on")),
                set(IndicatorYear.objects.filter(year=2020).values_list("enterprise__name")),
            )
            transaction.set_rollback(True)
        return kept

    years, months, founded, reported = district(10**6)  # nothing moved
    years_25, months_25, founded_25, reported_25 = district(25)
    assert (years_25, months_25) == (years, months)
    moved = {name for name, on in founded.items() if founded_25[name] != on}
    assert moved and all(founded_25[name].year == 2021 for name in moved)
    assert {(name,) for name in moved} == reported - reported_25
