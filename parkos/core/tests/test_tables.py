"""List bodies are written by ParkOSTable.rows_html, not by django-tables2 cell by cell: every
cell of every list reads as django-tables2 renders it, in both languages."""

import pytest
from django.template import Context
from django.template.base import render_value_in_context
from django.urls import get_resolver
from django.utils import translation
from django.utils.safestring import SafeData

from parkos.core.listing import ObjectListView
from parkos.core.tables import ColumnCells, ParkOSTable
from parkos.enterprises.models import HonourAward
from parkos.enterprises.tables import HonourAwardTable
from parkos.testing.samples import build_samples


def list_paths(run_pk):
    """The address of every list page in the URL configuration."""
    paths = []

    def walk(resolver, prefix):
        for pattern in resolver.url_patterns:
            if hasattr(pattern, "url_patterns"):
                walk(pattern, prefix + str(pattern.pattern))
            elif issubclass(getattr(pattern.callback, "view_class", object), ObjectListView):
                paths.append(prefix + str(pattern.pattern).replace("<int:pk>", str(run_pk)))

    walk(get_resolver(), "/")
    return paths


# Business lists are the district administrator's; accounts and the audit trail belong to the
# administrators of 三权分立.
READERS = ("district_admin", "system_admin", "audit_admin")


def open_list(client, world, path, params=None):
    """The list at `path` as the first of READERS allowed to read it."""
    for role in READERS:
        client.force_login(world.users[role])
        response = client.get(path, params or {})
        if response.status_code == 200:
            return response
    raise AssertionError(f"no reader opens {path}")


def assert_same_cells(table):
    context = Context()
    for row in table.paginated_rows:
        for column in table.columns:
            ours, theirs = ColumnCells(table, column)(row), row.get_cell(column.name)
            where = (type(table).__name__, column.name, row.record)
            assert type(ours) is type(theirs), where
            assert ours == theirs, where
            assert isinstance(ours, SafeData) == isinstance(theirs, SafeData), where
            assert render_value_in_context(ours, context) == render_value_in_context(
                theirs, context
            ), where


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_lists_cells_read_as_django_tables2_renders_them(world, client, language):
    samples = build_samples(world)
    client.cookies["django_language"] = language
    covered = set()
    for path in list_paths(samples["evaluation.run"][0].pk):
        response = open_list(client, world, path)
        table = response.context["table"]
        assert len(table.paginated_rows), path  # something to compare
        with translation.override(language):
            assert_same_cells(table)
        covered.add(type(table))

    def subclasses(cls):
        return {cls} | {s for sub in cls.__subclasses__() for s in subclasses(sub)}

    listed = {t for t in subclasses(ParkOSTable) if "Meta" in vars(t) and t._meta.model}
    assert listed <= covered, listed - covered


def test_a_value_outside_the_choices_and_a_missing_relation_read_the_same(world):
    award = HonourAward.objects.select_related("honour_type", "enterprise").first()
    award.status = "withdrawn-long-ago"  # not a choice: shown as stored
    award.honour_type.level = "galactic"
    award.enterprise = None  # no enterprise: the column's default, no link
    assert_same_cells(HonourAwardTable([award]))
