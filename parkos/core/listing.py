"""The one list page of ParkOS: a declared queryset, filter and table; the base view does the
scoping, filtering, sorting, paging, the htmx partial and the .xlsx export of exactly what is
filtered (NetBox's ObjectListView, reduced to what ParkOS needs)."""

from django.core.paginator import EmptyPage
from django.shortcuts import render
from django.utils.text import slugify
from django.views import View

from .exports import xlsx_response
from .scoping import perm_name
from .services import can_import
from .tables import export_rows

PER_PAGE_CHOICES = (25, 50, 100)


def parse_int(text, default=None, low=None, high=None):
    """`text` (a query or form value) as an integer, or `default` when it is missing, not an
    integer or out of [low, high]. The one way to read an id or a year from a request: a
    hand-edited value never makes a page fail (`"²".isdigit()` is true, `int("²")` fails)."""
    try:
        value = int(text)
    except (TypeError, ValueError):
        return default
    if (low is not None and value < low) or (high is not None and value > high):
        return default
    return value


def query_int(request, name, default=None, low=None, high=None):
    """An integer query parameter (see `parse_int`)."""
    return parse_int(request.GET.get(name), default, low, high)


def picked_park(request, parks):
    """The park id a figures page's ?park= names, when it is one of `parks` (those the viewer
    sees); else None: all of them."""
    park = parse_int(request.GET.get("park"))
    return park if park is not None and parks.filter(pk=park).exists() else None


def paginate(table, request):
    """The page asked for, in pages of 25, 50 or 100 rows; past the end, the last page."""
    per_page = query_int(request, "per_page", 25)
    per_page = per_page if per_page in PER_PAGE_CHOICES else 25
    page = query_int(request, table.prefixed_page_field, 1, low=1)
    try:
        table.paginate(page=page, per_page=per_page)
    except EmptyPage:
        table.paginate(page=max(table.paginator.num_pages, 1), per_page=per_page)


class ObjectListView(View):
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
        model, meta = self.queryset.model, self.queryset.model._meta
        filterset = self.get_filterset(self.get_queryset())
        data = (
            filterset.qs if filterset.is_valid() or not filterset.is_bound else filterset.qs.none()
        )
        table = self.get_table(data)
        order_by = request.GET.getlist(table.prefixed_order_by_field)
        if order_by:
            table.order_by = order_by  # unknown columns are ignored by django-tables2
        if request.GET.get("export") == "xlsx":
            header, rows = export_rows(table)
            name = self.export_name or slugify(str(meta.verbose_name_plural), allow_unicode=True)
            return xlsx_response(name, [(str(self.title), header, rows)])
        paginate(table, request)
        context = {
            "title": self.title,
            "filterset": filterset,
            "table": table,
            "model_meta": meta,
            "create_url": self.create_url
            if request.user.has_perm(perm_name(model, "add"))
            else None,
            "import_slug": self.import_slug if can_import(request.user, self.import_slug) else None,
            **self.get_extra_context(),
        }
        if request.htmx and request.htmx.target == "object-table":
            return render(request, "core/partials/object_table.html", context)
        return render(request, self.template_name, context)
