"""USCC (GB 32100-2015) and GB/T 4754-2017 as users meet them."""

import pytest
from django.core.exceptions import ValidationError

from parkos.enterprises.models import Industry
from parkos.enterprises.validators import uscc_error, validate_uscc
from parkos.testing.factories import valid_uscc


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


@pytest.mark.django_db
def test_gbt4754_ships_all_sections_divisions_and_manufacturing_classes():
    counts = {
        level: Industry.objects.filter(level=level).count() for level in ("section", "division")
    }
    assert counts == {"section": 20, "division": 97}
    manufacturing = Industry.objects.filter(code__startswith="C")
    assert manufacturing.filter(level="division").count() == 31
    assert manufacturing.filter(level="group").count() == 179
    assert manufacturing.filter(level="class").count() == 609
    lithium = Industry.objects.get(code="C3841")
    assert lithium.name == "锂离子电池制造"
    assert lithium.parent.code == "C384" and lithium.parent.parent.code == "C38"
    assert Industry.objects.get(code="C1340").name == "制糖业"  # a group without sub-classes
