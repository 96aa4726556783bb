"""The stored codes the judgement now refuses are listed, so that staff can correct them."""

import io

import pytest
from django.core.management import call_command

from parkos.enterprises.models import Enterprise


def test_the_report_lists_stored_codes_the_judgement_refuses(world):
    Enterprise.objects.filter(pk=world.firm_b.pk).update(uscc="000000000000000000")
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(SystemExit) as exit_code:
        call_command("uscc_report", stdout=out, stderr=err)
    assert exit_code.value.code == 1
    (line,) = out.getvalue().splitlines()
    assert world.firm_b.name in line and f"/enterprises/{world.firm_b.pk}/" in line
    assert "1 stored code(s) refused" in err.getvalue()


def test_a_clean_register_reports_nothing(world):
    out, err = io.StringIO(), io.StringIO()
    call_command("uscc_report", stdout=out, stderr=err)
    assert out.getvalue() == "" and "0 stored code(s)" in err.getvalue()
