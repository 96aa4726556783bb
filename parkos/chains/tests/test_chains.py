"""Industry chains on hand cases: an anchor's map and its investment are its links' sums in the
viewer's scope; weak links are the nodes with fewer local firms than their threshold and lead
into the pipeline; a link names one partner; the demo's chain is the seed article's."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from parkos.chains import demo
from parkos.chains.models import ChainLink, ChainTemplate
from parkos.chains.queries import chain_map, node_counts
from parkos.core.actions import save_object
from parkos.core.roles import Role
from parkos.enterprises.demo import DemoSize, generate
from parkos.testing.factories import UserFactory, panel_chain

YI = Decimal(100_000_000)


@pytest.fixture
def chain(world):
    return panel_chain(world)


def test_the_chain_map_sums_its_links(world, chain):
    found = chain_map(world.users["district_admin"], world.firm_a1)
    assert found.investment == 15 * YI
    assert (found.local, found.outside) == (1, 1)
    graph = found.graph()
    assert graph["links"] == [  # each link says what flows on it
        {"source": world.firm_a2.name, "target": world.firm_a1.name, "value": "玻璃基板"},
        {"source": world.firm_a1.name, "target": "区外整机厂", "value": "液晶面板"},
    ]
    assert {n["name"] for n in graph["nodes"]} == {
        world.firm_a1.name,
        world.firm_a2.name,
        "区外整机厂",
    }


def test_weak_links_are_nodes_below_their_threshold_and_lead_to_the_pipeline(world, chain, login):
    counts = {c.node.name: c for c in node_counts(world.users["park_admin"], chain)}
    assert [counts[n].local for n in ("材料", "面板", "终端")] == [1, 1, 0]
    assert counts["材料"].weak and counts["终端"].weak and not counts["面板"].weak
    assert "/investment/projects/new/?" in counts["终端"].lead
    client = login(world.users["park_admin"])
    form = client.get(counts["终端"].lead).context["form"]
    assert form.initial["name"].endswith("终端") and str(form.initial["park"]) == str(
        world.park_a.pk
    )
    # The count is the list it links to.
    listed = client.get(counts["材料"].drill).context["table"].paginator.count
    assert listed == counts["材料"].local


def test_a_moved_out_firm_is_not_a_local_firm(world, chain):
    world.firm_a2.status = "moved_out"
    world.firm_a2.save()
    counts = {c.node.name: c for c in node_counts(world.users["park_admin"], chain)}
    assert counts["材料"].local == 0


def test_a_steward_sees_only_its_zones(world, chain):
    steward = world.users["steward"]  # zone A1: the anchor's zone, not the supplier's
    counts = {c.node.name: c for c in node_counts(steward, chain)}
    assert counts["材料"].local == 0 and counts["面板"].local == 1
    assert chain_map(steward, world.firm_a1).investment == 15 * YI  # the anchor's links
    assert (
        not ChainLink.objects.visible_to(world.users["park_admin"])
        .filter(anchor__park=world.park_b)
        .exists()
    )


def test_a_link_names_exactly_one_partner_on_every_path(world, chain, login):
    admin = world.users["park_admin"]
    both = ChainLink(
        anchor=world.firm_a1, direction="supplier", partner=world.firm_a2, partner_name="某厂"
    )
    with pytest.raises(ValidationError):
        save_object(actor=admin, instance=both, values={})
    itself = ChainLink(anchor=world.firm_a1, direction="supplier", partner=world.firm_a1)
    with pytest.raises(ValidationError):
        save_object(actor=admin, instance=itself, values={})
    answer = login(admin).post(
        "/api/v1/chains/links",
        {"anchor_id": world.firm_a1.pk, "direction": "supplier", "partner_name": ""},
        content_type="application/json",
    )
    assert answer.status_code == 422


@pytest.mark.parametrize("role", ["district_admin", "park_admin", "investment", "steward"])
def test_pages_show_the_map_the_weak_links_and_export(world, chain, login, role):
    client = login(world.users[role])
    page = client.get(f"/chains/anchors/{world.firm_a1.pk}/")
    assert page.status_code == 200 and "区外整机厂" in page.content.decode()
    detail = client.get(f"/chains/templates/{chain.pk}/").content.decode()
    assert 'id="chain-nodes"' in detail and "终端" in detail
    export = client.get("/chains/links/", {"export": "xlsx"})
    assert export.status_code == 200
    portrait = client.get(world.firm_a1.get_absolute_url()).content.decode()
    assert 'id="chain-graph"' in portrait


def test_an_enterprise_has_no_chain_pages(world, chain, login):
    client = login(world.users["enterprise"])
    assert client.get(f"/chains/anchors/{world.firm_a1.pk}/").status_code == 403


def test_the_demo_chain_is_the_seed_articles(db):
    generate(DemoSize(enterprises=200, months=0, history=False), seed=2024)
    demo.seed()
    demo.seed()  # idempotent
    template = ChainTemplate.objects.get(name=demo.TEMPLATE)
    anchor = ChainLink.objects.filter(node__template=template).first().anchor
    links = ChainLink.objects.filter(anchor=anchor)
    assert links.exclude(partner=None).values("partner").distinct().count() == 12
    investment = sum(link.investment or 0 for link in links)
    assert investment > 430 * YI
    assert anchor.name == demo.ANCHOR
    admin = UserFactory(username="demo_admin", role=Role.DISTRICT_ADMIN)
    weak = [c.node.name for c in node_counts(admin, template) if c.weak]
    assert "玻璃基板" in weak and "AMOLED 面板" not in weak
