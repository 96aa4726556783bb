"""`manage.py import_data`: the same engine from the command line."""

import pytest
from django.core.management import call_command

from parkos.core.models import ImportBatch
from parkos.enterprises.models import IndicatorYear
from parkos.testing.files import csv_bytes

HEADERS = ["统一社会信用代码", "年份", "产值（万元）"]


def test_bad_rows_exit_1_with_the_list_and_write_nothing(world, tmp_path, capsys):
    path = tmp_path / "y.csv"
    path.write_bytes(csv_bytes(HEADERS, [[world.firm_a1.uscc, 2030, -5], ["bad", 2024, 1]]))
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_data", "indicator-years", str(path))
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert "row 2, column 产值（万元）" in err and "row 3, column 统一社会信用代码" in err
    assert not IndicatorYear.objects.filter(year=2030).exists() and not ImportBatch.objects.exists()


def test_dry_run_then_import(world, tmp_path, capsys):
    path = tmp_path / "y.csv"
    path.write_bytes(csv_bytes(HEADERS, [[world.firm_a1.uscc, 2020, 3]]))
    call_command("import_data", "indicator-years", str(path), "--dry-run")
    assert "dry run" in capsys.readouterr().out
    assert not IndicatorYear.objects.filter(year=2020).exists()
    call_command("import_data", "indicator-years", str(path), "--user", "parkadmin_a")
    assert IndicatorYear.objects.get(year=2020).output_value == 30000
    batch = ImportBatch.objects.get()
    assert batch.status == "committed" and batch.user == world.users["park_admin"]


def test_a_users_scope_applies_on_the_command_line(world, tmp_path, capsys):
    path = tmp_path / "y.csv"
    path.write_bytes(csv_bytes(HEADERS, [[world.firm_b.uscc, 2020, 3]]))
    with pytest.raises(SystemExit):
        call_command("import_data", "indicator-years", str(path), "--user", "parkadmin_a")
    assert not IndicatorYear.objects.filter(year=2020).exists()


def test_docs_import_md_matches_the_column_maps():
    from pathlib import Path

    from django.conf import settings

    from parkos.core.management.commands.import_formats import render

    committed = (Path(settings.BASE_DIR) / "docs" / "import.md").read_text(encoding="utf-8")
    assert committed == render(), "run: python manage.py import_formats > docs/import.md"
