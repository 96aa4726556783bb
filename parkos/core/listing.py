"""The one list page of ParkOS: a declared queryset, filter and table; the base view does the
scoping, filtering, sorting, paging, the htmx partial and the .xlsx export of exactly what is
filtered (NetBox's ObjectListView, reduced to what ParkOS needs)."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.text import slugify
from django.views import View
from django_tables2 import RequestConfig

from .exports import xlsx_response
from .services import can_import
from .tables import export_rows

PER_PAGE_CHOICES = (25, 50, 100)


class ObjectListView(LoginRequiredMixin, View):
    """Subclasses declare `queryset`, `filterset_class`, `table_class`, `title`; optionally
    `template_name`, `export_name`, `create_url` (a route name, shown to users who may add
    the model) and `get_extra_context`."""

    queryset = None
    filterset_class = None
    table_class = None
    title = ""
    template_name = "core/object_list.html"
    export_name = None
    create_url = None
    import_slug = None  # the import spec that fills this list, offered to who may import

    def get_queryset(self):
        return self.queryset.visible_to(self.request.user)

    def get_filterset(self, queryset):
        return self.filterset_class(
            self.request.GET or None, queryset=queryset, request=self.request
        )

    def get_table(self, data):
        return self.table_class(data, request=self.request)

    def get_extra_context(self):
        return {}

    def get(self, request):
        meta = self.queryset.model._meta
        if not request.user.has_perm(f"{meta.app_label}.view_{meta.model_name}"):
            raise PermissionDenied
        filterset = self.get_filterset(self.get_queryset())
        data = (
            filterset.qs if filterset.is_valid() or not filterset.is_bound else filterset.qs.none()
        )
        table = self.get_table(data)
        if request.GET.get("export") == "xlsx":
            header, rows = export_rows(table)
            name = self.export_name or slugify(str(meta.verbose_name_plural), allow_unicode=True)
            return xlsx_response(name, [(str(self.title), header, rows)])
        per_page = int(request.GET.get("per_page", 25))
        RequestConfig(
            request, paginate={"per_page": per_page if per_page in PER_PAGE_CHOICES else 25}
        ).configure(table)
        context = {
            "title": self.title,
            "filterset": filterset,
            "table": table,
            "model_meta": meta,
            "create_url": self.create_url
            if request.user.has_perm(f"{meta.app_label}.add_{meta.model_name}")
            else None,
            "import_slug": self.import_slug if can_import(request.user, self.import_slug) else None,
            "per_page_choices": PER_PAGE_CHOICES,
            **self.get_extra_context(),
        }
        if request.htmx and request.htmx.target == "object-table":
            return render(request, "core/partials/object_table.html", context)
        return render(request, self.template_name, context)
