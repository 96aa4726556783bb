"""Simplified Chinese by default (whatever the browser says), English on request."""

import re
from pathlib import Path

from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "parkos" / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def test_the_chinese_catalogue_is_complete():
    entries = CATALOGUE.read_text(encoding="utf-8").split("\n\n")[1:]
    # An empty msgstr is one with no continuation line ("…") after it.
    untranslated = [e for e in entries if re.search(r'^msgstr(\[0\])? ""(?:\n(?!")|\Z)', e, re.M)]
    fuzzy = [e for e in entries if "#, fuzzy" in e]
    assert not untranslated and not fuzzy, untranslated[:3] + fuzzy[:3]


def test_chinese_is_the_default_even_for_an_english_browser(world, client):
    client.force_login(world.users["park_admin"])
    body = client.get("/enterprises/", headers={"Accept-Language": "en-US,en"}).content.decode()
    assert "导出 Excel" in body and 'lang="zh-hans"' in body


def test_english_on_request(world, client):
    client.force_login(world.users["park_admin"])
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/enterprises/"})
    assert response.status_code == 302
    body = client.get("/enterprises/").content.decode()
    assert "Export to Excel" in body and "Enterprises" in body
