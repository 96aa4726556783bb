"""USCC (GB 32100-2015) and GB/T 4754-2017 as users meet them."""

import pytest
from django.core.exceptions import ValidationError

from parkos.enterprises.models import Enterprise, Industry
from parkos.enterprises.validators import uscc_error, validate_uscc
from parkos.testing.factories import EnterpriseFactory, valid_uscc


def test_a_valid_uscc_passes():
    assert uscc_error(valid_uscc(12345)) is None
    validate_uscc(valid_uscc(12345))


def test_a_wrong_check_character_names_the_expected_one():
    good = valid_uscc(4242)
    wrong = good[:-1] + ("0" if good[-1] != "0" else "1")
    message = uscc_error(wrong)
    assert message is not None
    assert good[-1] in message and wrong[-1] in message


def test_wrong_length_and_characters_are_explained():
    assert "18" in uscc_error("9131011")
    assert uscc_error("91310116MA1J8X3BIO") is not None  # I and O are not in the alphabet
    with pytest.raises(ValidationError):
        validate_uscc("91310116MA1J8X3B5X")


LEVELS = ("section", "division", "group", "class")


def _counts(queryset):
    return {level: queryset.filter(level=level).count() for level in LEVELS}


@pytest.mark.django_db
def test_gbt4754_ships_the_whole_2017_table():
    assert _counts(Industry.objects.all()) == {
        "section": 20,
        "division": 97,
        "group": 473,
        "class": 1381,
    }
    # Manufacturing is as it was before the other sections were completed.
    manufacturing = Industry.objects.filter(code__startswith="C")
    assert _counts(manufacturing) == {"section": 1, "division": 31, "group": 179, "class": 609}
    lithium = Industry.objects.get(code="C3841")
    assert lithium.name == "锂离子电池制造"
    assert lithium.parent.code == "C384" and lithium.parent.parent.code == "C38"
    assert Industry.objects.get(code="C1340").name == "制糖业"  # a group without sub-classes
    # Every code below a section hangs under the code it extends.
    for code, parent in Industry.objects.exclude(level="section").values_list("code", "parent"):
        assert parent == (code[0] if len(code) == 3 else code[:-1]), code


@pytest.mark.django_db
def test_gbt4754_is_the_2017_edition_not_2011():
    names = dict(Industry.objects.values_list("code", "name"))
    # 2017 split 2011's single class 6510 软件开发 into 6511-6519 and made IC design a group.
    assert names["I651"] == "软件开发"
    assert [(c, names[c]) for c in ("I6511", "I6512", "I6513", "I6519")] == [
        ("I6511", "基础软件开发"),
        ("I6512", "支撑软件开发"),
        ("I6513", "应用软件开发"),
        ("I6519", "其他软件开发"),
    ]
    assert names["I6520"] == "集成电路设计"
    assert names["I6532"] == "物联网技术服务"
    assert names["C3874"] == "智能照明器具制造"  # new in 2017, as is C3962 智能车载设备制造
    assert names["C3962"] == "智能车载设备制造"
    assert "I6510" not in names and not any(code.endswith("6510") for code in names)


@pytest.mark.django_db
def test_loading_again_completes_an_older_table_and_keeps_what_enterprises_use(
    django_assert_num_queries,
):
    from parkos.enterprises.reference import load_industries

    # A database loaded from the earlier file: no groups or classes outside manufacturing, a
    # name edited by hand, and an enterprise on a class that stays.
    Industry.objects.filter(level="class").exclude(code__startswith="C").delete()
    Industry.objects.filter(level="group").exclude(code__startswith="C").delete()
    Industry.objects.filter(code="C3841").update(name="锂电池")
    firm = EnterpriseFactory(industry_id="C3841")

    load_industries(Industry)

    assert _counts(Industry.objects.all()) == {
        "section": 20,
        "division": 97,
        "group": 473,
        "class": 1381,
    }
    software = Industry.objects.get(code="I6513")
    assert software.parent_id == "I651" and software.parent.parent_id == "I65"
    firm.refresh_from_db()
    assert firm.industry_id == "C3841" and firm.industry.name == "锂离子电池制造"
    with django_assert_num_queries(2):  # two reads, nothing to write
        load_industries(Industry)


def _software_form(world, **overrides):
    data = {
        "name": "上海数联软件有限公司",
        "uscc": valid_uscc(6513),
        "park": world.park_a.pk,
        "zone": world.zone_a1.pk,
        "status": "operating",
        "own_land_mu": "0",
        "rented_floor_m2": "800",
        "industry": "I6513",
    }
    data.update(overrides)
    return data


def test_a_software_firm_is_accepted_at_class_level_on_the_form(world, client):
    client.force_login(world.users["park_admin"])
    response = client.post("/enterprises/new/", _software_form(world))
    firm = Enterprise.objects.get(name="上海数联软件有限公司")
    assert response["Location"] == firm.get_absolute_url()
    assert firm.industry_id == "I6513" and firm.industry.name == "应用软件开发"


def test_high_tech_firms_are_accepted_at_class_level_by_the_import(world):
    from parkos.core.choices import BatchStatus
    from parkos.core.services import run_batch, start_import
    from parkos.testing.files import upload, xlsx_bytes

    admin = world.users["park_admin"]
    headers = ["企业名称", "统一社会信用代码", "园区", "行业代码"]
    rows = [
        ["上海数联软件有限公司", valid_uscc(6513), "甲园区", "6513"],  # bare digits, as in 名录
        ["上海芯原设计有限公司", valid_uscc(6520), "甲园区", "I6520"],
        ["上海物联智能有限公司", valid_uscc(6532), "甲园区", "i6532"],
    ]
    batch = start_import(
        actor=admin,
        entity="enterprises",
        upload=upload("firms.xlsx", xlsx_bytes(headers, rows)),
    )
    assert batch.status == BatchStatus.READY, batch.errors
    batch.status = BatchStatus.IMPORTING
    batch.save()
    run_batch(batch.pk, "commit")
    batch.refresh_from_db()
    assert batch.status == BatchStatus.COMMITTED, batch.errors
    industries = dict(
        Enterprise.objects.filter(uscc__in=[r[1] for r in rows]).values_list("uscc", "industry")
    )
    assert industries == {
        valid_uscc(6513): "I6513",
        valid_uscc(6520): "I6520",
        valid_uscc(6532): "I6532",
    }
