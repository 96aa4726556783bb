"""The permission-aware suite every declared entity gets (NetBox's ViewTestCases, in pytest).

    class TestContacts(EntityTests):
        entity = contacts
        def make(self, world, owner): ...           # a new row belonging to `owner`
        def form_data(self, world, owner): ...      # a valid POST for a new row of `owner`
        def import_file(self, world, owner): ...    # optional: (headers, rows) of one new row

Rows belong to owners: by default the world's three firms (a1 and a2 in park A's two zones, b
in park B), seen by each persona as `personas.SEES` says. An entity whose rows hang off a park
or the district overrides `owners`, `sees` and `writes`. Each test walks every persona of the
shared world (root conftest.py) over one page or route and asserts what they see: rows of
owners in their scope and nothing else, 403 without the role's permission, 404 for a row
outside the scope, and writes into another scope refused with nothing written. The expected
outcome is derived from the role table and the scopes, so a change to either shows up here.
"""

import io

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from python_calamine import CalamineWorkbook

from parkos.core.models import ImportBatch
from parkos.testing.files import xlsx_bytes
from parkos.testing.personas import ROLES, SEES
from parkos.testing.personas import firms as _firms

FIRMS = ("a1", "a2", "b")


# What each test needs the entity to declare: generic pages ("" is the detail page), then API
# operations. A test of something the entity does not declare is not collected (its own views
# serve those pages, and the generated route matrix covers them).
NEEDS = {
    "test_list_shows_only_rows_in_scope": (("list",), ()),
    "test_export_holds_only_rows_in_scope": (("list",), ()),
    "test_detail_and_history_answer_404_outside_the_scope": (("", "history"), ()),
    "test_create_in_scope_and_never_across": (("create",), ()),
    "test_edit_and_delete_only_in_scope": (("edit",), ()),
    "test_an_edit_is_saved_and_shown_in_the_history": (("edit", "history"), ()),
    "test_list_costs_the_same_queries_for_3_rows_as_for_12": (("list",), ()),
    "test_api_reads_only_rows_in_scope": ((), ("list", "get")),
    "test_api_writes_only_in_scope": ((), ("update",)),
    "test_api_put_refuses_a_partial_body": ((), ("replace",)),
}


class EntityTests:
    entity = None

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.entity is None:
            return
        for test, (pages, operations) in NEEDS.items():
            if not set(pages) <= set(cls.entity.actions()) or not set(operations) <= set(
                cls.entity.operations()
            ):
                setattr(cls, test, None)
        if cls.entity.import_slug is None:
            cls.test_import_writes_rows_in_scope_and_names_the_rest = None

    sees = SEES  # role → keys of the owners whose rows the role may read
    writes = None  # role → keys of the owners whose rows the role may change (default: sees)
    import_keys = ("b", "a2")  # an owner outside a park A admin's scope, and one inside
    editor = "park_admin"  # a role that changes the rows of park A (and, below, of the API)

    def owners(self, world) -> dict:
        return _firms(world)

    def may_write(self, role, key) -> bool:
        return key in (self.writes or self.sees)[role]

    # What a concrete test class supplies -----------------------------------------------------

    def make(self, world, owner):
        raise NotImplementedError

    def form_data(self, world, owner) -> dict:
        raise NotImplementedError

    def import_file(self, world, owner):
        return None

    # Helpers ---------------------------------------------------------------------------------

    def rows(self, world):
        return {key: self.make(world, owner) for key, owner in self.owners(world).items()}

    def may(self, world, role, action):
        return world.users[role].has_perm(self.entity.perm(action))

    def model(self):
        return self.entity.model

    # Pages -----------------------------------------------------------------------------------

    @pytest.mark.parametrize("role", ROLES)
    def test_list_shows_only_rows_in_scope(self, world, client, role):
        rows = self.rows(world)
        client.force_login(world.users[role])
        response = client.get(self.entity.url("list"))
        if not self.may(world, role, "view"):
            assert response.status_code == 403
            return
        body = response.content.decode()
        for key, row in rows.items():  # each row of the list links to its page
            assert (f'href="{row.get_absolute_url()}"' in body) == (key in self.sees[role]), (
                role,
                key,
            )

    @pytest.mark.parametrize("role", ROLES)
    def test_export_holds_only_rows_in_scope(self, world, client, role):
        rows = self.rows(world)
        if not self.may(world, role, "view"):
            return
        client.force_login(world.users[role])
        response = client.get(self.entity.url("list") + "?export=xlsx")
        assert response.status_code == 200
        book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
        cells = " ".join(
            str(cell) for row in book.get_sheet_by_index(0).to_python() for cell in row
        )
        for key, row in rows.items():
            marker = self.export_marker(row)
            assert (marker in cells) == (key in self.sees[role]), (role, key)

    def export_marker(self, row):
        """A cell value of the row in the export (its first column)."""
        return str(row).split(" · ")[0]

    @pytest.mark.parametrize("role", ROLES)
    def test_detail_and_history_answer_404_outside_the_scope(self, world, client, role):
        rows = self.rows(world)
        client.force_login(world.users[role])
        for key, row in rows.items():
            for action in ("", "history"):
                response = client.get(self.entity.url(action, row.pk))
                if not self.may(world, role, "view"):
                    expected = 403
                else:
                    expected = 200 if key in self.sees[role] else 404
                assert response.status_code == expected, (role, key, action)

    @pytest.mark.parametrize("role", ROLES)
    def test_create_in_scope_and_never_across(self, world, client, role):
        client.force_login(world.users[role])
        before = self.model().objects.count()
        for key, owner in self.owners(world).items():
            response = client.post(self.entity.url("create"), self.form_data(world, owner))
            if not self.may(world, role, "add"):
                assert response.status_code == 403, (role, key)
            elif self.may_write(role, key):
                assert response.status_code == 302, (role, key, _form_errors(response))
            else:
                assert response.status_code == 200, (role, key)  # the form names the error
        created = self.model().objects.count() - before
        writable = [k for k in self.owners(world) if self.may_write(role, k)]
        expected = len(writable) if self.may(world, role, "add") else 0
        assert created == expected, role
        if created:
            newest = self.model().history.order_by("-history_id").first()
            assert newest.history_user == world.users[role]

    @pytest.mark.parametrize("role", ROLES)
    def test_edit_and_delete_only_in_scope(self, world, client, role):
        rows = self.rows(world)
        client.force_login(world.users[role])
        deletes = "delete" in self.entity.actions()
        for key, row in rows.items():
            checks = [("change", client.get(self.entity.url("edit", row.pk)))]
            if deletes:
                checks.append(("delete", client.post(self.entity.url("delete", row.pk))))
            for action, response in checks:
                if not self.may(world, role, action):
                    expected = 403
                elif self.may_write(role, key):
                    expected = 200 if action == "change" else 302
                else:  # not theirs: 404 when unseen, 403 when shared for reading only
                    expected = 403 if key in self.sees[role] else 404
                assert response.status_code == expected, (role, key, action)
            exists = self.model().objects.filter(pk=row.pk).exists()
            deleted = deletes and self.may(world, role, "delete") and self.may_write(role, key)
            assert exists == (not deleted)

    def test_an_edit_is_saved_and_shown_in_the_history(self, world, client):
        key = self.import_keys[1]
        row = self.rows(world)[key]
        user = world.users[self.editor]
        client.force_login(user)
        data = self.form_data(world, self.owners(world)[key])
        response = client.post(self.entity.url("edit", row.pk), data)
        assert response.status_code == 302, _form_errors(response)
        history = client.get(self.entity.url("history", row.pk)).content.decode()
        assert user.display_name in history and "<del>" in history

    def test_list_costs_the_same_queries_for_3_rows_as_for_12(self, world, client):
        client.force_login(world.users["district_admin"])
        self.rows(world)
        with CaptureQueriesContext(connection) as few:
            client.get(self.entity.url("list"))
        for _ in range(3):
            self.rows(world)
        with CaptureQueriesContext(connection) as many:
            client.get(self.entity.url("list"))
        assert len(many) == len(few), [q["sql"] for q in many.captured_queries]

    # API -------------------------------------------------------------------------------------

    def api_base(self):
        return f"/api/v1/{self.entity.api_path or self.entity.path}"

    @pytest.mark.parametrize("role", ROLES)
    def test_api_reads_only_rows_in_scope(self, world, client, role):
        rows = self.rows(world)
        client.force_login(world.users[role])
        response = client.get(self.api_base() + "?page_size=100")
        if not self.may(world, role, "view"):
            assert response.status_code == 403
            return
        ids = {item["id"] for item in response.json()["items"]}
        for key, row in rows.items():
            assert (row.pk in ids) == (key in self.sees[role]), (role, key)
            detail = client.get(f"{self.api_base()}/{row.pk}")
            assert detail.status_code == (200 if key in self.sees[role] else 404), (role, key)

    @pytest.mark.parametrize("role", ROLES)
    def test_api_writes_only_in_scope(self, world, client, role):
        rows = self.rows(world)
        client.force_login(world.users[role])
        for key, owner in self.owners(world).items():
            if "create" in self.entity.operations():
                body = self.api_body(world, owner)
                created = client.post(self.api_base(), body, content_type="application/json")
                if not self.may(world, role, "add"):
                    assert created.status_code == 403, (role, key)
                else:
                    expected = (201,) if self.may_write(role, key) else (403, 422)
                    assert created.status_code in expected, (role, key, created.content)
            row = rows[key]
            patched = client.patch(
                f"{self.api_base()}/{row.pk}", {}, content_type="application/json"
            )
            checks = [("change", patched, 200)]
            if "delete" in self.entity.operations():
                checks.append(("delete", client.delete(f"{self.api_base()}/{row.pk}"), 204))
            for action, response, ok in checks:
                if not self.may(world, role, action):
                    expected = 403
                elif self.may_write(role, key):
                    expected = ok
                else:
                    expected = 403 if key in self.sees[role] else 404
                assert response.status_code == expected, (role, key, action)

    def test_api_put_refuses_a_partial_body(self, world, client):
        key = self.import_keys[1]
        row = self.rows(world)[key]
        client.force_login(world.users[self.editor])
        body = self.api_body(world, self.owners(world)[key])
        first = next(iter(body))
        partial = {k: v for k, v in body.items() if k != first}
        response = client.put(
            f"{self.api_base()}/{row.pk}", partial, content_type="application/json"
        )
        assert response.status_code == 422 and first in response.content.decode()
        response = client.put(f"{self.api_base()}/{row.pk}", body, content_type="application/json")
        assert response.status_code == 200, response.content

    def api_body(self, world, owner) -> dict:
        """The form's data as JSON: every form field, booleans as booleans."""
        data = self.form_data(world, owner)
        body = {}
        for name, field in self.entity.form.base_fields.items():
            value = data.get(name)
            if isinstance(field, forms.BooleanField):
                body[name] = bool(value)
            elif value in (None, ""):
                body[name] = None if not field.required else value
            else:
                body[name] = int(value) if isinstance(value, int) else value
        return body

    # Import ----------------------------------------------------------------------------------

    def test_import_writes_rows_in_scope_and_names_the_rest(self, world, client):
        client.force_login(world.users["park_admin"])
        before = self.model().objects.count()
        owners = self.owners(world)
        out, inside = self.import_keys
        for key in (out, inside):
            headers, rows = self.import_file(world, owners[key])
            upload = SimpleUploadedFile("rows.xlsx", xlsx_bytes(headers, rows))
            client.post("/imports/upload/", {"entity": self.entity.import_slug, "file": upload})
            batch = ImportBatch.objects.latest("pk")
            if key == out:  # outside a park A admin's scope
                assert batch.error_count == 1 and batch.errors[0]["row"] == 2
            else:
                assert batch.error_count == 0, batch.errors
                client.post(f"/imports/{batch.pk}/commit/")
        assert self.model().objects.count() == before + 1


def _form_errors(response):
    form = response.context and response.context.get("form")
    return form.errors if form is not None else response.status_code
