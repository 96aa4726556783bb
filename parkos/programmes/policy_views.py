"""Pages of policy projects and honours beyond their fields: a call's eligible enterprises that
have not applied (a steward's to-do) and the enterprise's own verdict and application; a
project's or an honour application's timeline and its next steps; an honour's candidates; the
enterprise's calls (self-service); the figures. Sign-in and permissions are the routes'; rows
come through the scope; every write is an action of `policy_actions.py`."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from parkos.core.exports import xlsx_response
from parkos.core.listing import parse_int, picked_park
from parkos.core.scoping import get_visible_or_404
from parkos.core.units import to_wan
from parkos.enterprises.choices import EnterpriseStatus
from parkos.enterprises.models import Enterprise, HonourAward
from parkos.parks.models import Park

from . import policy_actions as actions
from .choices import HonourApplicationStatus as HS
from .choices import ProjectStatus as PS
from .filters import year_or_none
from .models import HonourApplication, HonourCriteria, PolicyCall, PolicyProject
from .policy_figures import scoped_honour_figures, scoped_project_figures
from .policy_forms import ApplyForm, HonourDecisionForm, RecommendForm, StepForm
from .rules import describe_criteria, evaluate, portraits, verdict_for

TODO_LIMIT = 200


def _messages_of(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def eligible_not_applied(call, user):
    """The enterprises the user sees that meet the call's criteria and have no project under
    it: the steward's to-do for the call, with each one's verdict."""
    firms = Enterprise.objects.visible_to(user).filter(status=EnterpriseStatus.OPERATING)
    if call.park_id is not None:
        firms = firms.filter(park_id=call.park_id)
    firms = firms.exclude(policy_projects__call=call).order_by("name")
    found = portraits(list(firms), call.year)
    rows = []
    for portrait in found.values():
        verdict = evaluate(call.criteria, portrait, park_id=call.park_id)
        if verdict.eligible:
            rows.append((portrait.enterprise, verdict))
    return sorted(rows, key=lambda r: r[0].name)


def call_detail_context(http_request, call):
    user = http_request.user
    context = {
        "criteria_text": describe_criteria(call.criteria),
        "projects": PolicyProject.objects.visible_to(user)
        .filter(call=call)
        .select_related("enterprise")
        .order_by("enterprise__name"),
        "apply_form": ApplyForm(),
        "is_open": timezone.localdate() <= call.deadline,
    }
    if user.enterprise_id:
        context["my_verdict"] = verdict_for(
            call.criteria, user.enterprise, call.year, park_id=call.park_id
        )
        context["my_project"] = PolicyProject.objects.filter(
            call=call, enterprise_id=user.enterprise_id
        ).first()
    elif user.has_perm("programmes.add_policyproject"):
        todo = eligible_not_applied(call, user)
        context["todo_count"] = len(todo)
        context["todo"] = todo[:TODO_LIMIT]
    return context


def _timeline(row, steps):
    return [(label, getattr(row, name)) for name, label in steps if getattr(row, name)]


def project_detail_context(http_request, project):
    user = http_request.user
    field = PolicyProject._meta.get_field
    steps = [
        (name, field(name).verbose_name)
        for name in ("recommended_on", "applied_on", "approved_on", "disbursed_on", "closed_on")
    ]
    nxt = [s for s, sources in actions.PROJECT_STEPS.items() if project.status in sources]
    decide = user.has_perm("programmes.decide_policyproject")
    return {
        "timeline": _timeline(project, steps),
        "next_steps": [
            (s, PS(s).label)
            for s in nxt
            if (s in (PS.APPROVED, PS.FUNDED, PS.REJECTED) and decide)
            or (s == PS.WITHDRAWN and user.has_perm("programmes.change_policyproject"))
        ],
        "may_apply": PS.APPLIED in nxt and user.has_perm("programmes.add_policyproject"),
        "step_form": StepForm(),
        "apply_form": ApplyForm(),
    }


def call_recommend(http_request, pk):
    """A steward recommends an eligible enterprise of the to-do list (or by USCC)."""
    user = http_request.user
    call = get_visible_or_404(PolicyCall.objects, user, pk=pk)
    form = RecommendForm(http_request.POST, user=user)
    enterprise = (
        Enterprise.objects.visible_to(user)
        .filter(pk=parse_int(http_request.POST.get("enterprise_id")))
        .first()
    )
    if enterprise is None and form.is_valid():
        enterprise = form.cleaned_data["enterprise"]
    try:
        if enterprise is None:
            raise ValidationError(_("Name an enterprise you serve."))
        actions.recommend_project(call, enterprise, actor=user)
    except ValidationError as exc:
        messages.error(http_request, _messages_of(exc))
    else:
        messages.success(http_request, _("%(name)s recommended.") % {"name": enterprise})
    return redirect(call)


def call_apply(http_request, pk):
    """An enterprise files its application to the call (self-service); staff file for an
    enterprise by its USCC."""
    user = http_request.user
    call = get_visible_or_404(PolicyCall.objects, user, pk=pk)
    form = ApplyForm(http_request.POST)
    enterprise = user.enterprise
    if enterprise is None:
        enterprise = (
            Enterprise.objects.visible_to(user)
            .filter(pk=parse_int(http_request.POST.get("enterprise_id")))
            .first()
        )
    try:
        if enterprise is None:
            raise ValidationError(_("Name an enterprise you serve."))
        if not form.is_valid():
            raise ValidationError(_("Give the amount applied for, in 万元."))
        project = actions.apply_project(
            call,
            enterprise,
            actor=user,
            amount=form.cleaned_data["amount"],
            on=form.cleaned_data["on"],
        )
    except ValidationError as exc:
        messages.error(http_request, _messages_of(exc))
        return redirect(call)
    messages.success(http_request, _("Application filed."))
    return redirect(project)


def project_step(http_request, pk):
    """A step of the project: approve, disburse, reject, withdraw (or apply after a
    recommendation)."""
    user = http_request.user
    project = get_visible_or_404(PolicyProject.objects.select_related("call"), user, pk=pk)
    step = http_request.POST.get("step")
    form = StepForm(http_request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Check the amount and the date."))
        data = form.cleaned_data
        if step == PS.APPLIED:
            actions.apply_project(
                project.call, project.enterprise, actor=user, amount=data["amount"], on=data["on"]
            )
        elif step == PS.APPROVED:
            actions.approve_project(project, actor=user, amount=data["amount"], on=data["on"])
        elif step == PS.FUNDED:
            actions.disburse_project(project, actor=user, amount=data["amount"], on=data["on"])
        elif step == PS.REJECTED:
            actions.reject_project(project, actor=user, on=data["on"], note=data["note"])
        elif step == PS.WITHDRAWN:
            actions.withdraw_project(project, actor=user, on=data["on"], note=data["note"])
        else:
            raise ValidationError(_("Unknown step."))
    except ValidationError as exc:
        messages.error(http_request, _messages_of(exc))
    else:
        messages.success(http_request, _("Saved."))
    return redirect(project)


def my_calls(http_request):
    """The enterprise's calls: this year's and later ones it sees, each with its verdict and
    reasons, and its own projects."""
    user = http_request.user
    enterprise = user.enterprise
    year = timezone.localdate().year
    calls = list(
        PolicyCall.objects.visible_to(user).filter(year__gte=year - 1).select_related("park")
    )
    rows = []
    if enterprise is not None:
        portrait_by_year = {}
        for call in calls:
            if call.year not in portrait_by_year:
                portrait_by_year[call.year] = portraits([enterprise], call.year)[enterprise.pk]
            verdict = evaluate(call.criteria, portrait_by_year[call.year], park_id=call.park_id)
            rows.append((call, verdict))
    return render(
        http_request,
        "programmes/policy_my_calls.html",
        {
            "title": _("Policy calls for my enterprise"),
            "rows": rows,
            "today": timezone.localdate(),
            "projects": PolicyProject.objects.visible_to(user)
            .filter(enterprise_id=user.enterprise_id)
            .select_related("call"),
            "honours": HonourAward.objects.visible_to(user)
            .filter(enterprise_id=user.enterprise_id)
            .select_related("honour_type"),
        },
    )


# Honours --------------------------------------------------------------------------------------


def honour_candidates(criteria: HonourCriteria, user, year):
    """The enterprises the user sees that meet the honour's criteria and are not yet put
    forward for it this year."""
    firms = (
        Enterprise.objects.visible_to(user)
        .filter(status=EnterpriseStatus.OPERATING)
        # One application of this honour this year, not any application of it and any of this
        # year (an exclude across a to-many relation does not tie its two conditions together).
        .exclude(
            pk__in=HonourApplication.objects.filter(
                honour_type=criteria.honour_type_id, year=year
            ).values("enterprise_id")
        )
    )
    rows = []
    for portrait in portraits(list(firms), year).values():
        verdict = evaluate(criteria.criteria, portrait)
        if verdict.eligible:
            rows.append((portrait.enterprise, criteria.honour_type_id in portrait.honour_ids))
    return sorted(rows, key=lambda r: r[0].name)


def criteria_detail_context(http_request, criteria):
    user = http_request.user
    year = year_or_none(parse_int(http_request.GET.get("year"))) or timezone.localdate().year
    context = {"criteria_text": describe_criteria(criteria.criteria), "year": year}
    if user.has_perm("programmes.add_honourapplication"):
        candidates = honour_candidates(criteria, user, year)
        context.update(candidates=candidates[:TODO_LIMIT], candidate_count=len(candidates))
    return context


def honour_recommend(http_request):
    """Recommend a candidate of an honour's page (the honour's criteria by id in the form)."""
    user = http_request.user
    criteria = get_visible_or_404(
        HonourCriteria.objects.select_related("honour_type"),
        user,
        pk=parse_int(http_request.POST.get("criteria")),
    )
    enterprise = (
        Enterprise.objects.visible_to(user)
        .filter(pk=parse_int(http_request.POST.get("enterprise_id")))
        .first()
    )
    year = year_or_none(parse_int(http_request.POST.get("year"))) or timezone.localdate().year
    try:
        if enterprise is None:
            raise ValidationError(_("Name an enterprise you serve."))
        application = actions.recommend_honour(enterprise, criteria.honour_type, year, actor=user)
    except ValidationError as exc:
        messages.error(http_request, _messages_of(exc))
        return redirect(criteria)
    messages.success(http_request, _("%(name)s recommended.") % {"name": enterprise})
    return redirect(application)


def honour_detail_context(http_request, application):
    user = http_request.user
    field = HonourApplication._meta.get_field
    steps = [(n, field(n).verbose_name) for n in ("recommended_on", "applied_on", "decided_on")]
    return {
        "timeline": _timeline(application, steps),
        "may_apply": application.status == HS.RECOMMENDED
        and user.has_perm("programmes.change_honourapplication"),
        "may_decide": application.status in (HS.RECOMMENDED, HS.APPLIED)
        and user.has_perm("programmes.decide_honourapplication"),
        "decision_form": HonourDecisionForm(),
    }


def honour_step(http_request, pk):
    user = http_request.user
    application = get_visible_or_404(
        HonourApplication.objects.select_related("enterprise", "honour_type"), user, pk=pk
    )
    form = HonourDecisionForm(http_request.POST)
    try:
        if http_request.POST.get("step") == HS.APPLIED:
            actions.apply_honour(application, actor=user)
        else:
            if not form.is_valid():
                raise ValidationError(_("Choose an outcome."))
            actions.decide_honour(
                application,
                actor=user,
                outcome=form.cleaned_data["outcome"],
                on=form.cleaned_data["on"],
                note=form.cleaned_data["note"],
            )
    except ValidationError as exc:
        messages.error(http_request, _messages_of(exc))
    else:
        messages.success(http_request, _("Saved."))
    return redirect(application)


# Figures --------------------------------------------------------------------------------------


def _year_and_park(http_request):
    user = http_request.user
    year = year_or_none(parse_int(http_request.GET.get("year"))) or timezone.localdate().year
    parks = Park.objects.visible_to(user)
    return year, parks, picked_park(http_request, parks)


def policy_figures(http_request):
    """Projects by kind, level and status of a year, with the amounts (万元), each row drilling
    down to the project list."""
    year, parks, park = _year_and_park(http_request)
    rows = scoped_project_figures(http_request.user, year, park)
    statuses = [str(label) for _value, label in PS.choices]
    amounts = [_("Applied (万元)"), _("Approved (万元)"), _("Disbursed (万元)")]
    if http_request.GET.get("export") == "xlsx":

        def lines(items, by_status=False):
            return [
                [
                    str(r["label"]),
                    r["count"],
                    *(r["by_status"] if by_status else []),
                    *(
                        to_wan(r[a])
                        for a in ("applied_amount", "approved_amount", "disbursed_amount")
                    ),
                ]
                for r in items
            ]

        head = [_("Group"), _("Projects")]
        return xlsx_response(
            f"policy-projects-{year}",
            [
                (_("By kind"), [*head, *statuses, *amounts], lines(rows["kinds"], True)),
                (_("By level"), [*head, *amounts], lines(rows["levels"])),
                (_("By status"), [*head, *amounts], lines(rows["statuses"])),
            ],
        )
    base = reverse("programmes:policyproject-list")
    park_query = f"&park={park}" if park else ""
    for group, param in (("kinds", "kind"), ("levels", "level"), ("statuses", "status")):
        for r in rows[group]:
            r["url"] = f"{base}?year={year}&{param}={r['key']}{park_query}"
    for r in rows["kinds"]:
        r["status_cells"] = [
            (n, f"{base}?year={year}&kind={r['key']}&status={s}{park_query}")
            for n, s in zip(r["by_status"], PS.values, strict=True)
        ]
    return render(
        http_request,
        "programmes/policy_figures.html",
        {
            "title": _("Policy projects in %(year)d") % {"year": year},
            "year": year,
            "parks": parks,
            "park": park,
            "rows": rows,
            "statuses": statuses,
        },
    )


def honour_figures(http_request):
    """Honours of a year by honour and level, new awards and re-certifications apart."""
    year, parks, park = _year_and_park(http_request)
    figures = scoped_honour_figures(http_request.user, year, park)
    header = [
        _("Honour"),
        _("Level"),
        _("New awards"),
        _("Re-certified"),
        _("Honours"),
        _("Not awarded"),
        _("Pending"),
    ]
    if http_request.GET.get("export") == "xlsx":
        lines = [
            [
                r["name"],
                str(r["level_label"]),
                r["new"],
                r["recertified"],
                r["honours"],
                r["not_awarded"],
                r["pending"],
            ]
            for r in figures["types"]
        ]
        return xlsx_response(f"honours-{year}", [(_("Honours"), header, lines)])
    base = reverse("programmes:honourapplication-list")
    park_query = f"&park={park}" if park else ""
    # A figure's link lists exactly its rows: the honours held (awarded or re-certified).
    held = f"&status={HS.AWARDED}&status={HS.RECERTIFIED}"
    for r in figures["types"]:
        r["url"] = f"{base}?year={year}&honour_type={r['id']}{park_query}"
        r["new_url"] = f"{r['url']}&status={HS.AWARDED}"
        r["recertified_url"] = f"{r['url']}&status={HS.RECERTIFIED}"
        r["url"] += held
    for r in figures["levels"]:
        r["url"] = f"{base}?year={year}&level={r['key']}{park_query}{held}"
    return render(
        http_request,
        "programmes/honour_figures.html",
        {
            "title": _("Honours in %(year)d") % {"year": year},
            "year": year,
            "parks": parks,
            "park": park,
            "figures": figures,
            "header": header,
        },
    )
