"""`literal_in` writes its constants into the SQL: the same rows as `in`, quotes and all."""

import pytest

from parkos.enterprises.models import Enterprise
from parkos.testing.factories import EnterpriseFactory


def test_literal_in_finds_what_in_finds_with_quotes_written_safely(world):
    quoted = EnterpriseFactory(name="O'Brien'); DROP TABLE x; --（上海）", park=world.park_a)
    names = [quoted.name, world.firm_b.name, "无此企业"]
    found = Enterprise.objects.filter(name__literal_in=names)
    assert set(found) == set(Enterprise.objects.filter(name__in=names)) == {quoted, world.firm_b}
    assert "O''Brien" in str(found.query)


def test_literal_in_takes_ids_through_relations_and_nothing_else(world):
    in_a = Enterprise.objects.filter(park__literal_in=[world.park_a.pk])
    assert set(in_a) == {world.firm_a1, world.firm_a2}
    assert not Enterprise.objects.filter(park__literal_in=[]).exists()
    with pytest.raises(ValueError):
        list(Enterprise.objects.filter(name__literal_in=[1.5]))
