"""Declared entities: one declaration gives a model its pages, its API, its menu entry and its
rows in the role matrix (NetBox declares views and API per model the same way).

    contacts = Entity(
        model=Contact, path="contacts", filterset=ContactFilterSet, table=ContactTable,
        form=ContactForm, out_schema=ContactOut, menu=Menu("register", 20),
    )                                        # save=/delete=: the domain's actions, if it has rules
    urlpatterns += contacts.urls()          # in the app's urls.py
    contacts.add_api_routes(router)          # in the app's api.py

Pages: list (filter + table + .xlsx export), detail, create, edit, delete, history. API: list
with the same filter set, detail, create, PATCH (partial), PUT (full: every field required),
delete. Every page and route reads through the model's `visible_to` and writes through the
entity's actions, so the scope, the permission and the business rules are the same on every
path. Custom pages (portrait, kanban…) keep their own views on the same base classes.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.urls import reverse

from .actions import delete_object, save_object
from .routes import route
from .scoping import perm_name

registry: dict[str, "Entity"] = {}

# The generic pages ("" is the detail page) and API operations an entity may get.
PAGES = ("list", "create", "", "edit", "delete", "history")
API = ("list", "create", "get", "update", "replace", "delete")


@dataclass(frozen=True)
class Menu:
    """Where the entity's list sits in the sidebar: a group (a domain) and an order in it."""

    group: str
    order: int = 50
    manage: bool = False  # shown only to roles that may change the rows (administration)


@dataclass(eq=False, kw_only=True)
class Entity:
    model: type[models.Model]
    path: str  # URL segment of the list: /enterprises/contacts/
    filterset: type
    out_schema: type  # the API's answer for one row
    table: type | None = None  # needed by the list page
    form: type | None = None  # a ModelForm whose __init__ takes `user=`; needed by every write
    # What the declaration serves. An entity whose pages hold more than one form (a building
    # with its floors and units, an enquiry's status dialog) keeps its own views on the same
    # base classes and declares only its API; a catalogue edited elsewhere is read-only here.
    pages: tuple[str, ...] = PAGES
    api: tuple[str, ...] = API
    # The entity's actions. By default the shared ones (permission, checks, history, scope
    # guard); a domain passes its own where its rows have rules (`save_enterprise`…).
    save: Callable = save_object  # save(*, actor, instance, values) -> instance
    delete: Callable | None = delete_object  # delete(*, actor, instance); None: never deleted
    detail_fields: tuple[str, ...] = ()  # default: the form's fields
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()  # what its API answer nests (a scheme's indicators)
    menu: Menu | None = None
    import_slug: str | None = None
    api_path: str | None = None  # default: `path`
    api_name: tuple[str, str] | None = None  # (singular, plural) of operation ids
    title: str | None = None  # default: the model's verbose_name_plural
    # Pages with more than fields and a table (a map, the buildings on a parcel): a template that
    # extends the generic one, and the extra context it reads.
    list_template: str = "core/object_list.html"
    list_context: Callable | None = None  # (request) -> dict
    detail_template: str = "core/object_detail.html"
    detail_context: Callable | None = None  # (request, obj) -> dict

    def __post_init__(self):
        registry[self.key] = self

    # names --------------------------------------------------------------------------------

    @property
    def meta(self):
        return self.model._meta

    @property
    def key(self) -> str:
        return f"{self.meta.app_label}.{self.meta.model_name}"

    @property
    def name(self) -> str:
        """Route-name stem: contact → enterprises:contact, enterprises:contact-edit…"""
        return self.meta.model_name

    def route(self, action: str = "") -> str:
        return f"{self.meta.app_label}:{self.name}{'-' + action if action else ''}"

    def url(self, action: str = "", pk=None) -> str:
        return reverse(self.route(action), args=[] if pk is None else [pk])

    def get_title(self):
        return self.title or self.meta.verbose_name_plural

    def perm(self, action: str) -> str:
        return perm_name(self.model, action)

    def queryset(self):
        rows = self.model.objects.all()
        if self.select_related:
            rows = rows.select_related(*self.select_related)
        return rows.prefetch_related(*self.prefetch_related) if self.prefetch_related else rows

    def fields(self) -> tuple[str, ...]:
        return self.detail_fields or tuple(self.form._meta.fields)

    # pages and routes ---------------------------------------------------------------------

    def urls(self) -> list:
        from . import generic

        views = {
            "list": generic.entity_list_view(self),
            "create": generic.EntityCreateView.as_view(entity=self),
            "": generic.EntityDetailView.as_view(entity=self, template_name=self.detail_template),
            "edit": generic.EntityEditView.as_view(entity=self),
            "delete": generic.EntityDeleteView.as_view(entity=self),
            "history": generic.EntityHistoryView.as_view(entity=self),
        }
        routes = {
            "list": f"{self.path}/",
            "create": f"{self.path}/new/",
            "": f"{self.path}/<int:pk>/",
            "edit": f"{self.path}/<int:pk>/edit/",
            "delete": f"{self.path}/<int:pk>/delete/",
            "history": f"{self.path}/<int:pk>/history/",
        }
        rows = self.key
        access = {
            "list": {"perms": (self.perm("view"),)},
            "create": {"perms": (self.perm("add"),)},
            "": {"perms": (self.perm("view"),), "rows": rows},
            "edit": {"perms": (self.perm("change"),), "rows": rows},
            "delete": {"perms": (self.perm("delete"),), "rows": rows, "method": "POST"},
            "history": {"perms": (self.perm("view"),), "rows": rows},
        }
        return [
            route(routes[action], views[action], self.route(action).split(":")[1], **access[action])
            for action in self.actions()
        ]

    def actions(self) -> tuple[str, ...]:
        """The generic pages this entity has ("" is the detail page)."""
        return tuple(a for a in self.pages if a != "delete" or self.delete is not None)

    def operations(self) -> tuple[str, ...]:
        """The API operations this entity has."""
        return tuple(a for a in self.api if a != "delete" or self.delete is not None)

    def api_names(self) -> tuple[str, str]:
        return self.api_name or (self.name, f"{self.name}s")

    def route_names(self) -> set[str]:
        """Every page and API route this declaration adds (the role matrix reads them)."""
        one, many = self.api_names()
        pages = {self.route(a) for a in self.actions()}
        return pages | {f"api:{op}_{many if op == 'list' else one}" for op in self.operations()}

    def add_api_routes(self, router) -> None:
        from .api import add_entity_routes

        add_entity_routes(router, self)
