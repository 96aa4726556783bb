"""docs/roles.md is the code's own table of each role's permissions, never a hand-kept copy."""

from django.utils import translation

from parkos.accounts.management.commands.permissions_table import TARGET
from parkos.accounts.permissions_table import render


def test_docs_roles_md_matches_the_code():
    with translation.override("en"):
        expected = render()
    assert TARGET.read_text() == expected, "run `python manage.py permissions_table`"
    assert "| Investment staff" in expected and "override" in expected
