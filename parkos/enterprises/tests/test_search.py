"""Name search by characters, pinyin initials and full pinyin."""

import pytest

from parkos.enterprises.pinyin import search_keys
from parkos.testing.factories import EnterpriseFactory


@pytest.mark.parametrize(
    "name,initials",
    [
        ("特百佳动力科技股份有限公司", "tbjdlkjgfyxgs"),
        ("重庆长城银行", "cqccyh"),  # polyphonic characters read in context
        ("朝阳单县", "cysx"),
        ("厦门华行", "xmhx"),
    ],
)
def test_initials_read_polyphonic_characters_in_context_first(name, initials):
    assert search_keys(name)[0].split()[0] == initials


def test_full_pinyin_and_other_characters_are_kept():
    initials, full = search_keys("特百佳 ABC")
    assert full == "tebaijiaabc"
    assert initials == "tbjabc"


@pytest.mark.parametrize("query", ["tbj", "TBJ", "tebaijia", "特百佳", "百佳动力"])
def test_list_search_finds_tebaijia(world, client, query):
    firm = EnterpriseFactory(
        name="特百佳动力科技股份有限公司", park=world.park_a, zone=world.zone_a1
    )
    client.force_login(world.users["park_admin"])
    body = client.get("/enterprises/", {"q": query}).content.decode()
    assert firm.name in body
    assert world.firm_a2.name not in body


def test_search_by_uscc(world, client):
    client.force_login(world.users["park_admin"])
    body = client.get("/enterprises/", {"q": world.firm_a2.uscc[-6:]}).content.decode()
    assert world.firm_a2.name in body and world.firm_a1.name not in body


@pytest.mark.parametrize(
    ("name", "queries"),
    [
        ("六安华强电子有限公司", ["luan", "liuan", "lahq", "六安"]),
        ("蚌埠玻璃工业设计研究院", ["bengbu", "bangbu", "bbbl"]),
        ("单县新能源有限公司", ["shanxian", "danxian", "sxxny", "dxxny"]),
        ("句容市宝华机械厂", ["jurong", "gourong", "jrsbh", "grsbh"]),
    ],
)
def test_a_polyphonic_name_is_found_by_either_reading(world, client, name, queries):
    firm = EnterpriseFactory(name=name, park=world.park_a, zone=world.zone_a1)
    client.force_login(world.users["park_admin"])
    for query in queries:
        body = client.get("/enterprises/", {"q": query}).content.decode()
        assert firm.name in body, query


def test_readings_are_bounded_and_never_joined_across_a_separator():
    _initials, full = search_keys("上海单县重庆银行长安分行行长重行有限公司")
    assert 1 < len(full.split()) <= 16 and len(set(full.split())) == len(full.split())
    first, second = full.split()[:2]
    assert first.startswith("shanghaishanxian") and second != first
