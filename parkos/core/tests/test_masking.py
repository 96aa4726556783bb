"""Personal phone numbers and e-mails reach only the roles that call those people: everyone else
who reads the row sees that a number exists, masked, on every way out (list, export, detail,
history, portrait, API) and cannot find it by searching."""

import io

import pytest
from python_calamine import CalamineWorkbook

from parkos.core.actions import save_object
from parkos.enterprises.models import Contact
from parkos.portal.models import Enquiry

PHONE, EMAIL = "13812345678", "wang@example.cn"
MASKED_PHONE, MASKED_EMAIL = "138••••5678", "w•••@example.cn"


@pytest.fixture
def contact(world):
    row = Contact.objects.create(
        enterprise=world.firm_a1, name="王会计", phone="13800000000", email=EMAIL
    )
    # A change through the action, so the history has a before and after.
    return save_object(actor=world.users["park_admin"], instance=row, values={"phone": PHONE})


def _everything_a_role_reads(client, world, contact):
    pages = [
        client.get("/enterprises/contacts/").content.decode(),
        client.get(f"/enterprises/contacts/{contact.pk}/").content.decode(),
        client.get(f"/enterprises/contacts/{contact.pk}/history/").content.decode(),
        client.get(f"/enterprises/{world.firm_a1.pk}/").content.decode(),
        client.get(f"/api/v1/contacts/{contact.pk}").content.decode(),
    ]
    book = CalamineWorkbook.from_filelike(
        io.BytesIO(client.get("/enterprises/contacts/?export=xlsx").content)
    )
    pages.append(str(book.get_sheet_by_index(0).to_python()))
    return pages


@pytest.mark.parametrize(
    ("role", "full"),
    [("steward", True), ("park_admin", True), ("leader_park", False), ("investment", False)],
)
def test_a_contacts_phone_in_full_only_for_the_roles_that_call(world, client, contact, role, full):
    client.force_login(world.users[role])
    pages = _everything_a_role_reads(client, world, contact)
    seen = [page for page in pages if PHONE in page or MASKED_PHONE in page]
    assert len(seen) >= 5, role  # list, detail, history, API, export (and the portrait)
    for page in seen:
        assert (PHONE in page, MASKED_PHONE in page) == (full, not full), (role, page[:300])
        if not full:
            assert "13800000000" not in page  # nor the number before, in the history


def test_masked_values_still_tell_that_a_number_exists(world, client, contact):
    client.force_login(world.users["leader_park"])
    page = client.get("/enterprises/contacts/").content.decode()
    assert MASKED_PHONE in page and MASKED_EMAIL in page
    api = client.get(f"/api/v1/contacts/{contact.pk}").json()
    assert (api["phone"], api["email"]) == (MASKED_PHONE, MASKED_EMAIL)


def test_a_masked_number_cannot_be_found_by_searching(world, client, contact):
    client.force_login(world.users["leader_park"])
    assert "王会计" not in client.get("/enterprises/contacts/?q=5678").content.decode()
    client.force_login(world.users["steward"])
    assert "王会计" in client.get("/enterprises/contacts/?q=5678").content.decode()


def test_an_investors_phone_is_for_the_staff_who_call_back(world, client):
    enquiry = Enquiry.objects.create(
        park=world.park_a, name="李", company="某公司", phone=PHONE, message="要厂房"
    )
    client.force_login(world.users["investment"])
    assert PHONE in client.get(f"/enquiries/{enquiry.pk}/").content.decode()
    client.force_login(world.users["leader_park"])
    for url in ("/enquiries/", f"/enquiries/{enquiry.pk}/"):
        page = client.get(url).content.decode()
        assert PHONE not in page and MASKED_PHONE in page, url
    assert client.get(f"/api/v1/enquiries/{enquiry.pk}").json()["phone"] == MASKED_PHONE
