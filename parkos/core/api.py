"""What every API router shares: scoping, filters, errors, and the routes of declared entities
(authentication is the accounts app's, see parkos/api.py)."""

import datetime as dt
import json
from decimal import Decimal
from functools import cache, wraps
from typing import Annotated, Any, Literal

import ninja
from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import QueryDict
from django.utils.translation import gettext as _
from ninja import Field, Schema, Status
from ninja.constants import NOT_SET
from ninja.errors import HttpError
from ninja.pagination import PageNumberPagination, paginate
from ninja.params.models import BodyModel
from pydantic import create_model

from .routes import api_access
from .scoping import get_visible_or_404, is_writable, perm_name

# A row's id as the API takes it: the databases store 64-bit integers, and a larger number
# overflowed SQLite inside a query (500); now it is refused as invalid (422) before any query.
Id = Annotated[int, Field(ge=1, le=2**63 - 1)]


class Pages(PageNumberPagination):
    """Page-number pagination whose page stays in a range the database can count to (a page of
    10^20 overflowed SQLite's integers and answered 500); past the end, an empty page."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=1_000_000)
        page_size: int | None = Field(None, ge=1, le=1000)


class Issue(Schema):
    """One problem the schema's validation found in a parameter or the body."""

    type: str
    loc: list[str | int]
    msg: str


class ErrorOut(Schema):
    """The body of every error answer."""

    detail: str | list[Issue] = Field(
        description="why, in the request's language; a list of problems when a parameter or "
        "the body does not match the schema"
    )


def error_responses(path: str, methods: list[str]) -> dict:
    """The errors an operation may answer besides its success (docs/api.md, Errors): 401
    without credentials, 403 without the declared permissions (or for a row the caller may
    only read), 422 for an invalid value — a parameter, a list filter, a form's field, a rule;
    400 for a body that is not a JSON object; 404 for a missing or invisible row named in the
    path; 409 for a delete that other rows prevent."""
    codes = [401, 403, 422]
    if {"POST", "PUT", "PATCH"} & set(methods):
        codes.append(400)
    if "{" in path:
        codes.append(404)
    if "DELETE" in methods:
        codes.append(409)
    return {tuple(sorted(codes)): ErrorOut}


class Router(ninja.Router):
    """ninja's router whose every operation declares its error answers in the schema, with the
    operation's own `response=` on top (an operation that answers another error declares it
    there): clients and the schemathesis run (core/tests/test_api_fuzz.py) know every status."""

    def add_api_operation(self, path, methods, view_func, *, response=NOT_SET, **kwargs):
        if response is not NOT_SET:
            declared = response if isinstance(response, dict) else {200: response}
            response = {**error_responses(path, methods), **declared}
        return super().add_api_operation(path, methods, view_func, response=response, **kwargs)


def require_perm(request, perm):
    if not request.user.has_perm(perm):
        raise HttpError(403, _("You may not do this."))


def declared_access_first(run):
    """A ninja "view" decorator that parkos/api.py puts on every operation: the permissions the
    operation declares (`api_access`, the same declaration the role matrix reads) are checked
    right after authentication, before its parameters and body are read. A caller without them
    gets 403 whatever they send (not 422 for a malformed body), and no handler checks again.
    Then what no handler should have to check: values the databases cannot store and body
    values of a JSON type the schema does not allow answer 422 (`value_errors`)."""
    operation = run.__self__
    perms = tuple(((operation.openapi_extra or {}).get("x-access") or {}).get("perms") or ())
    body = next((m for m in operation.models if issubclass(m, BodyModel)), None)

    @wraps(run)
    def checked(request, *args, **kwargs):
        error = operation._run_checks(request)  # authentication (TokenAuth keeps its answer)
        if error is not None:
            return error
        if not request.auth.has_perms(perms):
            return operation.api.create_response(
                request, {"detail": _("You may not do this.")}, status=403
            )
        errors = value_errors(operation.api, body, request)
        if errors:
            return operation.api.create_response(request, {"detail": errors}, status=422)
        return run(request, *args, **kwargs)

    return checked


def value_errors(api, body_model, request) -> list[dict]:
    """The request's values no handler should see, listed like pydantic's 422 (`type`, `loc`,
    `msg`): text with a NUL character, in the query or anywhere in the body (PostgreSQL cannot
    store it and answered 500), and body values of the wrong JSON type (`_type_errors`)."""
    errors = [
        _nul_error(["query", key])
        for key, values in request.GET.lists()
        if any("\x00" in text for text in (key, *values))
    ]
    if body_model is None or not request.body:
        return errors
    try:
        data = api.parser.parse_body(request)
    except Exception:  # not JSON, or not an object: ninja answers 400 itself
        return errors
    name = getattr(body_model, "__read_from_single_attr__", None)
    if name:
        data = {name: data}
    schema = _body_schema(body_model)
    errors += _nul_errors(data, ["body"])
    return errors + _type_errors(data, schema, schema.get("$defs", {}), ["body"])


def _nul_error(loc: list) -> dict:
    # Django's own words (its form fields refuse NUL too), in ParkOS's translation.
    return {"type": "null_characters", "loc": loc, "msg": _("Null characters are not allowed.")}


def _nul_errors(value, loc: list) -> list[dict]:
    if isinstance(value, str):
        return [_nul_error(loc)] if "\x00" in value else []
    if isinstance(value, dict):
        return [
            e
            for k, v in value.items()
            for e in _nul_errors(k, [*loc, k]) + _nul_errors(v, [*loc, k])
        ]
    if isinstance(value, list):
        return [e for i, v in enumerate(value) for e in _nul_errors(v, [*loc, i])]
    return []


# The JSON types of a body, as the schema declares them: pydantic reads a JSON body leniently
# (0 as the date 1970-01-01, "5" or true as the number 5 or 1, 1 or "yes" as true), so a body
# the schema forbids was accepted (found by schemathesis: `move_in: 0` matched space). The
# answer is pydantic's own 422, with pydantic's words.
_TYPE_ERRORS = {
    "integer": ("int_type", "Input should be a valid integer"),
    "number": ("float_type", "Input should be a valid number"),
    "boolean": ("bool_type", "Input should be a valid boolean"),
    "string": ("string_type", "Input should be a valid string"),
    "date": ("date_type", "Input should be a valid date"),
    "date-time": ("datetime_type", "Input should be a valid datetime"),
    "array": ("list_type", "Input should be a valid list"),
    "object": ("dict_type", "Input should be a valid dictionary or object"),
    "null": ("none_required", "Input should be None"),
}


def _json_type(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return "integer"  # 5.0 is an integer to JSON Schema
    return {float: "number", str: "string", list: "array", dict: "object"}[type(value)]


def _type_errors(value, schema: dict, defs: dict, loc: list) -> list[dict]:
    if "$ref" in schema:
        schema = defs[schema["$ref"].rsplit("/", 1)[-1]]
    if "anyOf" in schema or "oneOf" in schema:
        branches = schema.get("anyOf") or schema["oneOf"]
        tried = [_type_errors(value, branch, defs, loc) for branch in branches]
        return [] if any(not errors for errors in tried) else tried[0]
    if "allOf" in schema:
        return [e for s in schema["allOf"] for e in _type_errors(value, s, defs, loc)]
    kinds = schema.get("type")
    if kinds is None:  # any JSON value
        return []
    kinds = kinds if isinstance(kinds, list) else [kinds]
    kind = _json_type(value)
    if kind not in kinds and not (kind == "integer" and "number" in kinds):
        error, message = _TYPE_ERRORS.get(schema.get("format")) or _TYPE_ERRORS[kinds[0]]
        return [{"type": error, "loc": loc, "msg": message}]
    if kind == "array":
        items = schema.get("items") or {}
        return [e for i, v in enumerate(value) for e in _type_errors(v, items, defs, [*loc, i])]
    if kind == "object":
        fields = schema.get("properties") or {}
        return [
            e
            for name, v in value.items()
            if name in fields
            for e in _type_errors(v, fields[name], defs, [*loc, name])
        ]
    return []


@cache
def _body_schema(model) -> dict:
    return model.model_json_schema()


def visible_list(request, queryset, filterset_class=None):
    """The scoped, filtered rows of a list endpoint (the same filter class as the page)."""
    require_perm(request, perm_name(queryset.model, "view"))
    rows = queryset.visible_to(request.user)
    if filterset_class is None:
        return rows
    filterset = filterset_class(request.GET, queryset=rows, request=request)
    if not filterset.is_valid():
        raise HttpError(422, "; ".join(f"{k}: {' '.join(v)}" for k, v in filterset.errors.items()))
    return filterset.qs


def visible_object(request, queryset, **lookup):
    return get_visible_or_404(queryset, request.user, **lookup)


def writable_object(request, entity, pk):
    """A row to change: 404 when the caller cannot see it, 403 when they see it but it is only
    shared with them for reading (a district row seen by a park's staff)."""
    instance = visible_object(request, entity.queryset(), pk=pk)
    if not is_writable(request.user, instance):
        raise HttpError(403, _("You may read this record but not change it."))
    return instance


# Declared entities' routes ----------------------------------------------------------------


_INTEGER_KEYS = {"AutoField", "BigAutoField", "SmallAutoField", "IntegerField", "BigIntegerField"}


def _field_type(field):
    """The JSON type of a form field: the API takes what the page's form takes."""
    if isinstance(field, forms.ModelChoiceField):  # multiple choice included
        meta = field.queryset.model._meta  # a many-to-many field names no field: the key
        target = meta.get_field(field.to_field_name) if field.to_field_name else meta.pk
        kind = Id if target.get_internal_type() in _INTEGER_KEYS else str
        return list[kind] if isinstance(field, forms.ModelMultipleChoiceField) else kind
    if isinstance(field, forms.JSONField):
        return Any
    if isinstance(field, forms.BooleanField):
        return bool
    if isinstance(field, forms.DecimalField):  # a subclass of IntegerField: test it first
        return Decimal
    if isinstance(field, forms.FloatField):
        return float
    if isinstance(field, forms.IntegerField):
        return int
    if isinstance(field, forms.DateTimeField):
        return dt.datetime
    if isinstance(field, forms.DateField):
        return dt.date
    if isinstance(field, forms.MultipleChoiceField):
        return list[str]
    if isinstance(field, forms.ChoiceField) and field.choices:
        values = tuple(str(value) for value, _label in field.choices if value != "")
        return Literal[values] if values else str
    return str


def form_schema(entity, mode: str) -> type[Schema]:
    """The body of POST (`create`: the form's required fields required), PUT (`replace`: every
    field present, null where the form allows empty) or PATCH (`patch`: any subset)."""
    fields = {}
    for name, field in entity.form.base_fields.items():
        kind = _field_type(field)
        description = str(field.help_text or field.label or "")
        if mode == "patch":
            fields[name] = (kind | None, Field(None, description=description))
        elif mode == "replace" or (field.required and not isinstance(field, forms.BooleanField)):
            fields[name] = (kind if field.required else kind | None, Field(description=description))
        else:
            default = bool(field.initial) if isinstance(field, forms.BooleanField) else None
            fields[name] = (kind | None, Field(default, description=description))
    suffix = {"create": "In", "replace": "Put", "patch": "Patch"}[mode]
    return create_model(f"{entity.model.__name__}{suffix}", __base__=Schema, **fields)


def form_data(form_class, user, values: dict, instance=None, names=None) -> QueryDict:
    """JSON values as the form's POST data, so the API validates exactly like the page. An
    update starts from the stored values as the form shows them (a PATCH changes only what it
    names). `names` maps an API's own field names to the form's (`park_id` → `park`)."""
    names = names or {}
    current = {}
    if instance is not None:
        form = form_class(instance=instance, user=user)
        current = {name: form[name].value() for name in form.fields}
    current.update({names.get(key, key): value for key, value in values.items()})
    data = QueryDict(mutable=True)
    json_fields = {n for n, f in form_class.base_fields.items() if isinstance(f, forms.JSONField)}
    for name, value in current.items():
        if name in json_fields and not isinstance(value, str):
            if value is not None:
                data[name] = json.dumps(value, ensure_ascii=False)
        elif isinstance(value, list | tuple):
            data.setlist(name, [str(getattr(v, "pk", v)) for v in value])
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = str(getattr(value, "pk", value))
    return data


def write_with_form(request, form_class, save, values: dict, instance=None, names=None):
    """The API's one write path: validate with the page's form, write with the domain's action.
    422 names each field's error (by the API's own field name), 403 when the action refuses."""
    form = form_class(
        form_data(form_class, request.user, values, instance, names),
        instance=instance,
        user=request.user,
    )
    if not form.is_valid():
        api_names = {form_name: api_name for api_name, form_name in (names or {}).items()}
        errors = {api_names.get(field, field): msgs for field, msgs in form.errors.items()}
        raise HttpError(422, error_text(errors))
    try:
        return save(actor=request.user, instance=form.instance, values=form.cleaned_data)
    except ValidationError as exc:
        raise HttpError(
            422, error_text(getattr(exc, "message_dict", None) or exc.messages)
        ) from exc
    except PermissionDenied as exc:
        raise HttpError(403, _("You may not do this.")) from exc


def error_text(errors) -> str:
    if isinstance(errors, dict):
        return "; ".join(f"{name}: {' '.join(map(str, msgs))}" for name, msgs in errors.items())
    return " ".join(map(str, errors))


def add_entity_routes(router, entity) -> None:
    """list, detail, create, PATCH, PUT and delete of a declared entity on `router`."""
    base = f"/{entity.api_path or entity.path}"
    one, many = entity.api_names()
    out = entity.out_schema
    filters = ", ".join(entity.filterset.base_filters)
    tags = [str(entity.meta.app_label)]

    # The model's order, made total by the id unless it ends with it already: a second, opposite
    # id key ("-id", then "pk") kept the database from reading the order off its index and made
    # it sort every matching row (200,000 requests: 276 ms a page).
    ordering = list(entity.meta.ordering)
    if not ordering or ordering[-1].lstrip("-") not in ("id", "pk"):
        ordering.append("pk")

    def list_rows(request):
        return visible_list(request, entity.queryset(), entity.filterset).order_by(*ordering)

    def get_row(request, pk: Id):
        return visible_object(request, entity.queryset(), pk=pk)

    def create_row(request, payload):
        return Status(201, write_with_form(request, entity.form, entity.save, payload.dict()))

    def update_row(request, pk: Id, payload):
        instance = writable_object(request, entity, pk)
        return write_with_form(
            request, entity.form, entity.save, payload.dict(exclude_unset=True), instance
        )

    def replace_row(request, pk: Id, payload):
        instance = writable_object(request, entity, pk)
        return write_with_form(request, entity.form, entity.save, payload.dict(), instance)

    def delete_row(request, pk: Id):
        instance = writable_object(request, entity, pk)
        try:
            entity.delete(actor=request.user, instance=instance)
        except ValidationError as exc:
            raise HttpError(409, " ".join(exc.messages)) from exc
        return Status(204, None)

    bodies = {"create": (create_row, "create"), "update": (update_row, "patch")}
    bodies["replace"] = (replace_row, "replace")
    for op, (view, mode) in bodies.items():
        if op in entity.operations():
            view.__annotations__["payload"] = form_schema(entity, mode)
    verbose = str(entity.meta.verbose_name_plural)
    item = f"{base}/{{pk}}"
    operations = {
        "list": (base, "GET", paginate(Pages, page_size=50)(list_rows), list[out], f"list_{many}"),
        "create": (base, "POST", create_row, {201: out}, f"create_{one}"),
        "get": (item, "GET", get_row, out, f"get_{one}"),
        "update": (item, "PATCH", update_row, out, f"update_{one}"),
        "replace": (item, "PUT", replace_row, out, f"replace_{one}"),
        "delete": (item, "DELETE", delete_row, {204: None}, f"delete_{one}"),
    }
    one_name, many_name = entity.meta.verbose_name, entity.meta.verbose_name_plural
    summaries = {
        f"list_{many}": f"List {many_name}",
        f"create_{one}": f"Create a {one_name}",
        f"get_{one}": f"Get a {one_name}",
        f"update_{one}": f"Change some fields of a {one_name}",
        f"replace_{one}": f"Replace a {one_name} (every field)",
        f"delete_{one}": f"Delete a {one_name}",
    }
    access = {
        "GET": ("view",),
        "POST": ("add",),
        "PATCH": ("change",),
        "PUT": ("change",),
        "DELETE": ("delete",),
    }
    for path, method, view, response, name in (operations[op] for op in entity.operations()):
        rows = entity.key if path == item else None
        router.add_api_operation(
            path,
            [method],
            view,
            response=response,
            operation_id=name,
            summary=summaries[name],
            url_name=name,  # the role matrix finds the route by this name
            openapi_extra=api_access(*(entity.perm(a) for a in access[method]), rows=rows),
            tags=tags,
            description=(
                f"{verbose}, scoped to the caller. Filters as on the list page: {filters}."
                if name.startswith("list_")
                else None
            ),
        )
