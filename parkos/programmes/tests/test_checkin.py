"""QR check-in: the staff's code on the event's page, an enterprise user checking in by it
(once per event), and the codes refused — forged, expired, another day, a moved event."""

import datetime as dt
import re
import time

from django.core import signing

from parkos.programmes import checkin
from parkos.programmes.figures import scoped_figures
from parkos.programmes.models import Attendance
from parkos.programmes.tests.test_events import TODAY, event


def _code_url(client, world, talk):
    client.force_login(world.users["park_admin"])
    page = client.get(f"/programmes/events/{talk.pk}/qr/").content.decode()
    assert "<svg" in page
    return re.search(r"http://testserver(/programmes/checkin/[^<\s]+/)", page)[1]


def test_staff_show_the_code_and_an_enterprise_checks_in_once(world, client):
    talk = event(world.park_a, on=TODAY)
    client.force_login(world.users["park_admin"])
    assert 'id="checkin-code"' in client.get(talk.get_absolute_url()).content.decode()
    url = _code_url(client, world, talk)
    client.force_login(world.users["enterprise"])
    assert 'id="checkin-code"' not in client.get(talk.get_absolute_url()).content.decode()
    page = client.get(url).content.decode()
    assert talk.title in page and 'id="checkin-button"' in page
    done = client.post(url).content.decode()
    assert "已签到" in done and world.firm_a1.name in done
    again = client.post(url).content.decode()
    assert "此前已签到" in again
    attendance = Attendance.objects.get(event=talk)
    assert (attendance.enterprise, attendance.recorded_by) == (
        world.firm_a1,
        world.users["enterprise"],
    )
    figures = scoped_figures(world.users["park_admin"], TODAY.year)
    assert figures["total"]["attendances"] == 1


def test_a_forged_or_expired_code_is_refused(world, client):
    talk = event(world.park_a, on=TODAY)
    client.force_login(world.users["enterprise"])
    forged = checkin.token(talk)[:-2] + "xx"
    for token in (forged, "not-a-code"):
        page = client.post(f"/programmes/checkin/{token}/").content.decode()
        assert "签到码无效" in page
    old = signing.TimestampSigner(salt=checkin.SALT)
    old.timestamp = lambda: signing.b62_encode(int(time.time()) - 401 * 86400)
    expired = old.sign_object({"e": talk.pk, "d": talk.on.isoformat()})
    assert "签到码已过期" in client.post(f"/programmes/checkin/{expired}/").content.decode()
    assert not Attendance.objects.exists()


def test_a_code_works_on_the_event_day_only(world, client):
    tomorrow = event(world.park_a, on=TODAY + dt.timedelta(days=1))
    yesterday = event(world.park_a, on=TODAY - dt.timedelta(days=1))
    client.force_login(world.users["enterprise"])
    page = client.post(f"/programmes/checkin/{checkin.token(tomorrow)}/").content.decode()
    assert "当天开放签到" in page
    page = client.post(f"/programmes/checkin/{checkin.token(yesterday)}/").content.decode()
    assert "签到码已过期" in page
    moved = event(world.park_a, on=TODAY)
    code = checkin.token(moved)
    moved.on = TODAY + dt.timedelta(days=7)
    moved.save()
    assert "已改期" in client.post(f"/programmes/checkin/{code}/").content.decode()
    assert not Attendance.objects.exists()


def test_only_an_enterprise_of_the_park_checks_in(world, client):
    talk = event(world.park_b, on=TODAY)
    client.force_login(world.users["enterprise"])  # an enterprise of park A
    page = client.post(f"/programmes/checkin/{checkin.token(talk)}/").content.decode()
    assert "不是您园区的活动" in page
    client.force_login(world.users["steward"])
    assert client.post(f"/programmes/checkin/{checkin.token(talk)}/").status_code == 403
    assert not Attendance.objects.exists()
