from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from parkos.core.listing import ObjectListView
from parkos.core.scoping import get_visible_or_404

from . import actions, portrait, services
from .filters import EnterpriseFilterSet, can_see_figures, latest_year
from .forms import EnterpriseForm
from .models import Enterprise, Tag
from .tables import EnterpriseTable


class EnterpriseListView(ObjectListView):
    queryset = Enterprise.objects.all()
    filterset_class = EnterpriseFilterSet
    table_class = EnterpriseTable
    title = _("Enterprises")
    export_name = "enterprises"
    create_url = "enterprises:create"


def enterprise_detail(request, pk):
    enterprise = get_visible_or_404(
        Enterprise.objects.select_related("park", "zone__steward", "industry__parent"),
        request.user,
        pk=pk,
    )
    context = {"enterprise": enterprise, "show_figures": can_see_figures(request.user)}
    if context["show_figures"]:
        rows = services.year_rows(enterprise)
        months = services.recent_months(enterprise)
        year = rows[-1].year if rows else latest_year()
        context.update(
            year_rows=rows,
            chart=services.chart_data(rows, months),
            ranks=services.ranks(enterprise, year, request.user) if year else [],
            rank_year=year,
        )
    context["honours"] = enterprise.honours.select_related("honour_type")
    context["clusters"] = enterprise.clusters.select_related("scheme")
    context["contacts"] = enterprise.contacts.all()
    context["tags"] = Tag.objects.visible_to(request.user).filter(enterprises=enterprise)
    context["history"] = services.change_history(enterprise, request.user)
    context["sections"] = portrait.sections_for(request.user, enterprise)
    return render(request, "enterprises/enterprise_detail.html", context)


def _edit(request, instance, title):
    form = EnterpriseForm(request.POST or None, instance=instance, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            enterprise = actions.save_enterprise(
                actor=request.user, instance=form.instance, values=form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved %(name)s.") % {"name": enterprise})
            return redirect(enterprise)
    back = instance.get_absolute_url() if instance else reverse("enterprises:list")
    return render(
        request,
        "core/object_form.html",
        {"form": form, "title": title, "object": instance, "back": back},
    )


def enterprise_create(request):
    return _edit(request, None, _("New enterprise"))


def enterprise_edit(request, pk):
    enterprise = get_visible_or_404(Enterprise.objects, request.user, pk=pk)
    return _edit(request, enterprise, _("Edit %(name)s") % {"name": enterprise})
