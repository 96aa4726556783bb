"""The import pages as a park admin uses them: upload, read the errors, confirm, roll back."""

import io

from python_calamine import CalamineWorkbook

from parkos.core.models import ImportBatch
from parkos.enterprises.models import IndicatorYear
from parkos.testing.files import upload, xlsx_bytes

HEADERS = ["统一社会信用代码", "企业名称", "年份", "税收（万元）"]


def test_upload_shows_every_error_and_writes_nothing(world, client):
    client.force_login(world.users["park_admin"])
    content = xlsx_bytes(HEADERS, [[world.firm_a1.uscc, "", 2024, "很多"], ["123", "", 2024, 1]])
    response = client.post(
        "/imports/upload/", {"entity": "indicator-years", "file": upload("t.xlsx", content)}
    )
    batch = ImportBatch.objects.get()
    assert response["Location"] == batch.get_absolute_url()
    body = client.get(batch.get_absolute_url()).content.decode()
    assert "发现 2 个问题，未写入任何数据" in body
    assert "“很多”不是数字" in body and "统一社会信用代码应为 18 位" in body
    errors = client.get(f"/imports/{batch.pk}/errors.xlsx")
    rows = (
        CalamineWorkbook.from_filelike(io.BytesIO(errors.content)).get_sheet_by_index(0).to_python()
    )
    assert rows[0] == ["行", "列", "值", "问题"] and len(rows) == 3
    assert IndicatorYear.objects.get(enterprise=world.firm_a1, year=2024).tax_paid != 10000


def test_confirm_then_roll_back(world, client):
    client.force_login(world.users["park_admin"])
    content = xlsx_bytes(HEADERS, [[world.firm_a1.uscc, "", 2024, 12.5]])
    client.post(
        "/imports/upload/", {"entity": "indicator-years", "file": upload("t.xlsx", content)}
    )
    batch = ImportBatch.objects.get()
    assert "全部 1 行校验通过" in client.get(batch.get_absolute_url()).content.decode()
    client.post(f"/imports/{batch.pk}/commit/")
    assert IndicatorYear.objects.get(enterprise=world.firm_a1, year=2024).tax_paid == 125000
    assert "已于" in client.get(batch.get_absolute_url()).content.decode()
    client.post(f"/imports/{batch.pk}/rollback/")
    assert IndicatorYear.objects.get(enterprise=world.firm_a1, year=2024).tax_paid != 125000
    batch.refresh_from_db()
    assert batch.status == "rolled_back"


def test_a_large_rollback_is_shown_running_on_the_worker(
    world, client, settings, django_capture_on_commit_callbacks
):
    client.force_login(world.users["park_admin"])
    content = xlsx_bytes(HEADERS, [[world.firm_a1.uscc, "", 2024, 12.5]])
    client.post(
        "/imports/upload/", {"entity": "indicator-years", "file": upload("t.xlsx", content)}
    )
    batch = ImportBatch.objects.get()
    client.post(f"/imports/{batch.pk}/commit/")
    settings.PARKOS_IMPORT_BACKGROUND_ROWS = 0
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(f"/imports/{batch.pk}/rollback/", follow=True)
    body = response.content.decode()
    assert "回滚中" in body and 'hx-trigger="every 1s"' in body and "导入已回滚。" not in body
    callbacks[0]()
    body = client.get(batch.get_absolute_url(), headers={"HX-Request": "true"}).content.decode()
    assert 'id="batch-state">已回滚' in body and "hx-trigger" not in body


def test_a_running_batch_says_what_it_is_doing(world, client, settings):
    """The worker's file: while it is checked, the rows checked so far; once all are checked
    and the import writes them (a count no one sees moves inside the write's transaction),
    that it writes, not "100 of 100 rows" as if it were done."""
    client.force_login(world.users["park_admin"])
    settings.PARKOS_IMPORT_BACKGROUND_ROWS = 0  # queued for the worker, which is not running
    content = xlsx_bytes(HEADERS, [[world.firm_a1.uscc, "", 2024, 12.5]])
    client.post(
        "/imports/upload/", {"entity": "indicator-years", "file": upload("t.xlsx", content)}
    )
    batch = ImportBatch.objects.get()
    assert batch.status == "validating"
    ImportBatch.objects.filter(pk=batch.pk).update(rows_total=100, rows_done=40)
    body = client.get(batch.get_absolute_url(), headers={"HX-Request": "true"}).content.decode()
    assert "已检查 40 / 100 行。" in body and "正在写入" not in body
    ImportBatch.objects.filter(pk=batch.pk).update(status="importing", rows_done=100)
    body = client.get(batch.get_absolute_url(), headers={"HX-Request": "true"}).content.decode()
    assert "全部 100 行已检查，正在写入数据库。" in body and "已检查 100 / 100" not in body


def test_batches_list_and_templates(world, client):
    client.force_login(world.users["park_admin"])
    body = client.get("/imports/").content.decode()
    assert "导入文件" in body and "还没有导入记录" in body
    template = client.get("/imports/template/enterprises.xlsx")
    book = CalamineWorkbook.from_filelike(io.BytesIO(template.content))
    header = book.get_sheet_by_index(0).to_python()[0]
    assert header[:2] == ["企业名称", "统一社会信用代码"] and "注册资本（万元）" in header
    guide = book.get_sheet_by_index(1).to_python()
    assert guide[0][0] == "列" and any(
        row[0] == "统一社会信用代码" and row[1] == "必填" for row in guide
    )


def test_roles_without_import_rights_are_refused(world, client):
    content = xlsx_bytes(HEADERS, [[world.firm_a1.uscc, "", 2024, 1]])
    for role in ("steward", "enterprise", "leader_park"):
        client.force_login(world.users[role])
        response = client.post(
            "/imports/upload/", {"entity": "indicator-years", "file": upload("t.xlsx", content)}
        )
        assert response.status_code == 403
    # Investment staff import space (buildings, units, land) and projects, not the indicators.
    client.force_login(world.users["investment"])
    client.post(
        "/imports/upload/", {"entity": "indicator-years", "file": upload("t.xlsx", content)}
    )
    options = client.get("/imports/").context["form"].fields["entity"].choices
    assert [slug for slug, _label in options] == ["buildings", "units", "parcels", "projects"]
    assert not ImportBatch.objects.exists()


def test_another_parks_batch_is_not_found(world, client):
    client.force_login(world.users["district_admin"])
    content = xlsx_bytes(HEADERS, [[world.firm_b.uscc, "", 2024, 1]])
    client.post(
        "/imports/upload/", {"entity": "indicator-years", "file": upload("t.xlsx", content)}
    )
    batch = ImportBatch.objects.get()
    client.force_login(world.users["park_admin"])
    assert client.get(batch.get_absolute_url()).status_code == 404
    assert client.post(f"/imports/{batch.pk}/commit/").status_code == 404
