"""Key enterprises' service packages (重点企业服务包): the declared entity's suite over every
persona, a team made of the park's stewards, the key flag in the directory, and the plan's due
contacts on the team's work lists."""

import datetime as dt
import itertools

from django.core.exceptions import ValidationError
from django.utils import timezone

from parkos.core.roles import Role
from parkos.service import queries
from parkos.service.actions import save_package
from parkos.service.choices import ContactPlan, VisitStatus
from parkos.service.entities import service_packages
from parkos.service.models import ServicePackage, Visit
from parkos.testing.factories import EnterpriseFactory, UserFactory
from parkos.testing.mixins import EntityTests

_n = itertools.count(1)


def steward_of(firm):
    """The steward of the firm's zone, or a new steward of its park."""
    return firm.steward or UserFactory(role=Role.STEWARD, park=firm.park)


def key_firm(owner):
    """A new enterprise beside `owner` (same park and zone: seen by the same people), since an
    enterprise has one service package."""
    return EnterpriseFactory(name=f"重点企业{next(_n)}", park=owner.park, zone=owner.zone)


class TestServicePackages(EntityTests):
    entity = service_packages

    def make(self, world, owner):
        firm = key_firm(owner)
        return ServicePackage.objects.create(enterprise=firm, lead=steward_of(firm))

    def export_marker(self, row):
        return row.enterprise.name

    def form_data(self, world, owner):
        firm = key_firm(owner)
        return {
            "enterprise": firm.uscc,
            "lead": steward_of(firm).pk,
            "contact_every": str(ContactPlan.QUARTERLY.value),
            "commitments": f"用电增容优先办理{next(_n)}",
        }


def test_the_team_is_made_of_the_parks_stewards(world, client):
    admin = world.users["park_admin"]
    firm = world.firm_a1
    other_park = UserFactory(username="steward_b", role=Role.STEWARD, park=world.park_b)
    values = {"enterprise": firm, "lead": other_park, "contact_every": 31, "commitments": ""}
    try:
        save_package(actor=admin, instance=ServicePackage(), values=values)
    except ValidationError as exc:
        assert "steward_b" in str(exc) and "甲园区" in str(exc)
    else:
        raise AssertionError("a steward of another park led the team")
    values["lead"] = world.zone_a1.steward
    values["members"] = [world.users["investment"]]
    client.force_login(admin)
    data = {"enterprise": firm.uscc, "lead": world.zone_a1.steward.pk, "contact_every": 31}
    response = client.post("/service/packages/new/", {**data, "members": [other_park.pk]})
    assert response.status_code == 200 and not ServicePackage.objects.exists()
    member = world.zone_a2.steward
    response = client.post("/service/packages/new/", {**data, "members": [member.pk]})
    package = ServicePackage.objects.get()
    assert response.status_code == 302 and list(package.members.all()) == [member]
    # The member from zone A2 sees the package of zone A1's firm: they are on its team.
    client.force_login(member)
    assert client.get(package.get_absolute_url()).status_code == 200
    assert client.get("/service/packages/").content.decode().count(firm.name) >= 1


def test_the_plans_due_contacts_are_on_the_teams_work_lists(world, client):
    today = timezone.localdate()
    lead, member = world.zone_a1.steward, world.zone_a2.steward
    monthly = ServicePackage.objects.create(enterprise=world.firm_a1, lead=lead)
    monthly.members.add(member)
    quarterly = ServicePackage.objects.create(
        enterprise=world.firm_a2, lead=lead, contact_every=ContactPlan.QUARTERLY
    )
    never = ServicePackage.objects.create(enterprise=key_firm(world.firm_a1), lead=lead)
    for firm, days_ago in ((world.firm_a1, 40), (world.firm_a2, 40)):
        Visit.objects.create(
            enterprise=firm, steward=lead, on=today - dt.timedelta(days=days_ago), status="done"
        )
    # Monthly, visited 40 days ago: due since 9 days; quarterly, 40 days ago: not due.
    due = queries.due_contacts(lead, today)
    assert due == [never, monthly] and due[1].next_contact == today - dt.timedelta(days=9)
    assert quarterly not in due
    assert queries.due_contacts(member, today) == [monthly]
    Visit.objects.create(enterprise=world.firm_a1, steward=member, on=today, status="done")
    assert queries.due_contacts(member, today) == []

    client.force_login(lead)
    body = client.get("/service/my-work/").content.decode()
    contacts = body.split('id="contacts"')[1].split("</table>")[0]
    assert never.enterprise.name in contacts and "从未走访" in contacts
    assert world.firm_a1.name not in contacts and world.firm_a2.name not in contacts
    client.force_login(world.users["park_admin"])
    body = client.get("/service/my-work/").content.decode()
    assert "您所在服务团队的重点企业都已按计划联系" in body


def test_the_directory_flags_key_enterprises(world, client):
    ServicePackage.objects.create(enterprise=world.firm_a1, lead=world.zone_a1.steward)
    Visit.objects.create(
        enterprise=world.firm_a2, steward=world.zone_a2.steward, on=dt.date(2026, 3, 3)
    )
    client.force_login(world.users["park_admin"])
    body = client.get("/service/directory/").content.decode()
    rows = {
        name: row
        for row in body.split('id="month-changes"')[0].split("<tr>")
        for name in (world.firm_a1.name, world.firm_a2.name)
        if name in row
    }
    assert "重点企业" in rows[world.firm_a1.name] and "重点企业" not in rows[world.firm_a2.name]
    assert VisitStatus.PLANNED  # a planned visit is no last visit
    assert "从未走访" in rows[world.firm_a2.name]
