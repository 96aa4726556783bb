"""The pages every declared entity gets: list, detail, create, edit, delete, history. Sign-in and
the role's permission are checked by the route that serves them (`Entity.urls` declares them
with `core.routes.route`); each page reads its row through the scope (`get_visible_or_404`:
404 for "missing" and "not yours" alike) and writes only through the entity's actions."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import localize
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views import View

from .history import diffs
from .listing import ObjectListView, parse_int
from .masking import mask, reveals
from .scoping import get_visible_or_404, is_writable


def entity_list_view(entity):
    """The entity's list page: the one list pattern, declared from the entity."""
    view = type(
        f"{entity.model.__name__}ListView",
        (ObjectListView,),
        {
            "queryset": entity.queryset(),
            "filterset_class": entity.filterset,
            "table_class": entity.table,
            "title": entity.get_title(),
            "export_name": entity.path,
            "create_url": entity.route("create") if "create" in entity.actions() else None,
            "import_slug": entity.import_slug,
            "template_name": entity.list_template,
            "get_extra_context": lambda self: (
                entity.list_context(self.request) if entity.list_context else {}
            ),
        },
    )
    return view.as_view()


class EntityView(View):
    """Base of an entity's pages: the row of `action` through the scope."""

    entity = None
    action = "view"
    template_name = ""
    writable = True  # may the user change the page's row (set by get_object)

    def get_object(self, pk):
        obj = get_visible_or_404(self.entity.queryset(), self.request.user, pk=pk)
        self.writable = is_writable(self.request.user, obj)
        if self.action in ("change", "delete") and not self.writable:
            raise PermissionDenied  # seen, but shared for reading only (a district row)
        return obj

    def render(self, context):
        entity = self.entity
        user = self.request.user
        obj = context.get("object")
        crumbs = [(entity.get_title(), entity.url("list"))]
        urls = {}
        writable = self.writable
        if obj:
            if self.action != "view" or isinstance(self, EntityHistoryView):
                crumbs.append((str(obj), obj.get_absolute_url()))
            urls = {
                a: entity.url(a, obj.pk)
                for a in ("edit", "delete", "history")
                if a in entity.actions()
            }
        return render(
            self.request,
            self.template_name,
            {
                "entity": entity,
                "meta": entity.meta,
                "breadcrumbs": crumbs,
                "urls": urls,
                "can": {
                    "add": user.has_perm(entity.perm("add")),
                    "change": user.has_perm(entity.perm("change")) and writable,
                    "delete": entity.delete is not None
                    and user.has_perm(entity.perm("delete"))
                    and writable,
                },
                **context,
            },
        )


def display_value(instance, name, user=None):
    """A field's value as a person reads it: choices by label, links to related rows, 是/否,
    personal data masked for roles that only need to know it exists."""
    field = instance._meta.get_field(name)
    if field.many_to_many:
        return "、".join(str(item) for item in getattr(instance, name).all()) or "—"
    value = getattr(instance, name)
    if value is None or value == "":
        return "—"
    if not reveals(user, instance, name):
        return mask(value)
    if field.choices:
        return getattr(instance, f"get_{name}_display")()
    if field.is_relation:
        url = getattr(value, "get_absolute_url", None)
        return format_html('<a href="{}">{}</a>', url(), value) if url else str(value)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, dt.datetime):
        return localize(timezone.localtime(value))
    return localize(value)


class EntityDetailView(EntityView):
    template_name = "core/object_detail.html"

    def get(self, request, pk):
        obj = self.get_object(pk)
        rows = [
            (obj._meta.get_field(name).verbose_name, display_value(obj, name, request.user))
            for name in self.entity.fields()
        ]
        extra = self.entity.detail_context(request, obj) if self.entity.detail_context else {}
        return self.render({"object": obj, "title": str(obj), "rows": rows, **extra})


class EntityFormView(EntityView):
    """Create and edit: the entity's form validates, the entity's action writes. A rule the
    action refuses comes back on the form, under its field when it names one."""

    template_name = "core/object_form.html"

    def get_form(self, instance, data=None, initial=None):
        return self.entity.form(data, instance=instance, initial=initial, user=self.request.user)

    def handle(self, instance, title):
        request = self.request
        if request.method == "POST":
            form = self.get_form(instance, request.POST)
            if form.is_valid():
                try:
                    saved = self.entity.save(
                        actor=request.user, instance=form.instance, values=form.cleaned_data
                    )
                except ValidationError as exc:
                    _errors_onto(form, exc)
                else:
                    messages.success(request, _("Saved %(name)s.") % {"name": saved})
                    return redirect(saved)
        else:
            form = self.get_form(instance, initial=self.initial(instance))
        back = instance.get_absolute_url() if instance.pk else self.entity.url("list")
        return self.render(
            {"form": form, "title": title, "object": instance.pk and instance, "back": back}
        )

    def initial(self, instance):
        return None


def _errors_onto(form, exc: ValidationError):
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class EntityCreateView(EntityFormView):
    action = "add"

    def initial(self, instance):
        """`?enterprise=12` (from a portrait's "add" link) pre-fills that field."""
        form = self.entity.form(user=self.request.user)
        initial = {}
        for name, value in self.request.GET.items():
            field = form.fields.get(name)
            if field is None:
                continue
            queryset = getattr(field, "queryset", None)
            if queryset is not None:
                pk = parse_int(value)
                value = queryset.filter(pk=pk).first() if pk is not None else None
            if value is not None:
                initial[name] = value
        return initial

    def get(self, request):
        return self.handle(
            self.entity.model(), _("New %(name)s") % {"name": self.entity.meta.verbose_name}
        )

    post = get


class EntityEditView(EntityFormView):
    action = "change"

    def get(self, request, pk):
        obj = self.get_object(pk)
        return self.handle(obj, _("Edit %(name)s") % {"name": obj})

    post = get


class EntityDeleteView(EntityView):
    action = "delete"
    template_name = "core/object_confirm_delete.html"

    def get(self, request, pk):
        obj = self.get_object(pk)
        return self.render(
            {
                "object": obj,
                "title": _("Delete %(name)s") % {"name": obj},
                "consequences": consequences(obj),
            }
        )

    def post(self, request, pk):
        obj = self.get_object(pk)
        try:
            self.entity.delete(actor=request.user, instance=obj)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(obj)
        messages.success(request, _("Deleted %(name)s.") % {"name": obj})
        return redirect(reverse(self.entity.route("list")))


def consequences(obj) -> list[str]:
    """What deleting `obj` does to the rows that point at it, one sentence per kind of row, so
    nobody deletes a zone without knowing that 41 enterprises lose it."""
    effects = {
        models.CASCADE: _("%(n)d %(rows)s will be deleted with it."),
        models.SET_NULL: _("%(n)d %(rows)s will no longer be linked to it."),
        models.PROTECT: _("%(n)d %(rows)s refer to it: it cannot be deleted while they do."),
    }
    sentences = []
    for relation in obj._meta.related_objects:
        effect = effects.get(relation.on_delete)
        if effect is None or not (relation.one_to_many or relation.one_to_one):
            continue
        count = relation.related_model._base_manager.filter(**{relation.field.name: obj}).count()
        if count:
            rows = relation.related_model._meta.verbose_name_plural
            sentences.append(effect % {"n": count, "rows": rows})
    return sentences


class EntityHistoryView(EntityView):
    template_name = "core/object_history.html"

    def get(self, request, pk):
        obj = self.get_object(pk)
        changes = diffs(obj.history.all(), lambda record: str(obj), user=request.user)
        return self.render(
            {
                "object": obj,
                "title": _("Change history of %(name)s") % {"name": obj},
                "history": changes,
            }
        )
