"""`literal_in` writes its constants into the SQL: the same rows as `in`, quotes and all;
`scan_in` finds the rows `in` finds."""

import pytest

from parkos.enterprises.models import Enterprise, IndicatorYear
from parkos.testing.factories import EnterpriseFactory, IndicatorYearFactory


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


def test_scan_in_finds_what_in_finds_and_reads_no_index_on_the_key(world):
    """`scan_in` keeps the key off its index (the `+`), not off its rows."""
    IndicatorYearFactory(enterprise=world.firm_a1, year=2009)
    IndicatorYearFactory(enterprise=world.firm_b, year=2009)
    in_a = Enterprise.objects.filter(park=world.park_a).values("id")
    found = IndicatorYear.objects.filter(enterprise__scan_in=in_a, year=2009)
    assert list(found) == list(IndicatorYear.objects.filter(enterprise__in=in_a, year=2009))
    assert [row.enterprise for row in found] == [world.firm_a1]
    assert '+"enterprises_indicatoryear"."enterprise_id" IN (SELECT' in str(found.query)
