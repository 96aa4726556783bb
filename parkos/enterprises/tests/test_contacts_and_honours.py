"""Contacts and honour awards: declared entities, so their whole permission-aware suite comes
from the mixin; below it, what is particular to each."""

import itertools

from parkos.enterprises.entities import contacts, honour_awards
from parkos.enterprises.models import Contact, HonourAward, HonourType
from parkos.testing.factories import valid_uscc
from parkos.testing.mixins import EntityTests

_n = itertools.count(1)


class TestContacts(EntityTests):
    entity = contacts

    def make(self, world, firm):
        return Contact.objects.create(enterprise=firm, name=f"联系人{next(_n)}号", phone="021-1")

    def form_data(self, world, firm):
        return {
            "enterprise": firm.uscc,
            "name": f"新联系人{next(_n)}",
            "title": "总经理",
            "phone": "13900001111",
            "email": "boss@example.cn",
            "is_primary": "on",
        }

    def import_file(self, world, firm):
        return (
            ["统一社会信用代码", "姓名", "职务", "电话", "主要联系人"],
            [[firm.uscc, f"导入联系人{next(_n)}", "财务", "13800000000", "是"]],
        )


class TestHonourAwards(EntityTests):
    entity = honour_awards

    def make(self, world, firm):
        honour = HonourType.objects.order_by("pk")[next(_n) % 5]
        return HonourAward.objects.create(
            enterprise=firm, honour_type=honour, year=2030 + next(_n) % 60
        )

    def export_marker(self, row):
        return row.enterprise.name

    def form_data(self, world, firm):
        honour = HonourType.objects.get(name="高新技术企业")
        return {
            "enterprise": firm.uscc,
            "honour_type": honour.pk,
            "year": 1990 + next(_n) % 30,
            "status": "awarded",
            "note": "",
        }

    def import_file(self, world, firm):
        return (
            ["统一社会信用代码", "荣誉名称", "级别", "年度"],
            [[firm.uscc, "高新技术企业", "国家级", 2019]],
        )


def test_the_portrait_lists_and_adds_contacts(world, client):
    contact = Contact.objects.create(enterprise=world.firm_a1, name="王芳", title="总经理")
    client.force_login(world.users["steward"])
    body = client.get(world.firm_a1.get_absolute_url()).content.decode()
    assert f'href="{contact.get_absolute_url()}"' in body
    add = f"/enterprises/contacts/new/?enterprise={world.firm_a1.pk}"
    assert add in body
    form = client.get(add).content.decode()
    assert f'value="{world.firm_a1.uscc}"' in form  # the enterprise is filled in


def test_a_bad_contact_names_its_field(world, client):
    client.force_login(world.users["park_admin"])
    # A well-formed code of no enterprise (a malformed one is refused by its rule: test_uscc).
    response = client.post(
        "/enterprises/contacts/new/", {"enterprise": valid_uscc(1), "name": "", "email": "x"}
    )
    form = response.context["form"]
    assert set(form.errors) == {"enterprise", "name", "email"}
    assert "没有该信用代码的企业" in response.content.decode()


def test_a_duplicate_award_is_refused_on_the_page_and_in_the_api(world, client):
    award = world.firm_a1.honours.get()
    client.force_login(world.users["park_admin"])
    data = {
        "enterprise": world.firm_a1.uscc,
        "honour_type": award.honour_type_id,
        "year": award.year,
        "status": "awarded",
        "note": "",
    }
    response = client.post("/enterprises/honours/new/", data)
    assert response.status_code == 200 and "已经存在" in response.content.decode()
    api = client.post("/api/v1/honours", data, content_type="application/json")
    assert api.status_code == 422
    assert HonourAward.objects.filter(enterprise=world.firm_a1).count() == 1


def test_the_form_speaks_chinese_and_types_the_uscc(world, client):
    client.force_login(world.users["park_admin"])
    body = client.get("/enterprises/honours/new/").content.decode()
    assert "- 请选择 -" in body and "Select an option" not in body
    assert '<input type="text" name="enterprise"' in body  # a USCC box, not a list of firms
