"""Policy calls, projects, honour criteria and applications, scoped like the pages; an
application is filed and a project moved a step by the same actions as the pages."""

from django.core.exceptions import ValidationError
from ninja import Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from parkos.core.api import Id, Pages, error_text, visible_object
from parkos.core.routes import api_access
from parkos.enterprises.models import Enterprise

from . import policy_actions as actions
from .models import PolicyCall, PolicyProject
from .policy_entities import honour_applications, honour_criteria, policy_calls, policy_projects
from .policy_schemas import EligibilityOut, PolicyApplyIn, PolicyProjectOut, PolicyStepIn
from .rules import evaluate, portraits


class _Verdicts:
    """The firms' verdicts on a call, judged only for the page the paginator slices out (a
    district's every portrait per request would be slow; a cap silently cut the answer)."""

    def __init__(self, firms, call):
        self.firms, self.call = firms, call

    def __len__(self):
        return self.firms.count()

    def __getitem__(self, part: slice):
        found = portraits(list(self.firms[part]), self.call.year)
        return [
            {
                "enterprise_id": portrait.enterprise.pk,
                "eligible": (
                    verdict := evaluate(self.call.criteria, portrait, park_id=self.call.park_id)
                ).eligible,
                "reasons": [
                    {"criterion": r.criterion, "passed": r.passed, "text": r.text}
                    for r in verdict.reasons
                ],
            }
            for portrait in found.values()
        ]


STEPS = {
    "approve": actions.approve_project,
    "disburse": actions.disburse_project,
    "reject": actions.reject_project,
    "withdraw": actions.withdraw_project,
}


def add_routes(router):
    for entity in (policy_calls, policy_projects, honour_criteria, honour_applications):
        entity.add_api_routes(router)

    @router.get(
        "/programmes/policy-calls/{call_id}/eligibility",
        response=list[EligibilityOut],
        openapi_extra=api_access("programmes.view_policycall", rows="programmes.policycall"),
    )
    @paginate(Pages, page_size=200)
    def call_eligibility(request, call_id: Id):
        """Each enterprise the caller sees in the call's park against the call's criteria: pass
        or fail with a reason per criterion (an enterprise user: its own), 200 a page."""
        call = visible_object(request, PolicyCall.objects.all(), pk=call_id)
        firms = Enterprise.objects.visible_to(request.user)
        if call.park_id is not None:
            firms = firms.filter(park_id=call.park_id)
        return _Verdicts(firms.order_by("id"), call)

    @router.post(
        "/programmes/policy-calls/{call_id}/applications",
        response={201: PolicyProjectOut},
        openapi_extra=api_access(
            "programmes.view_policycall",
            "programmes.add_policyproject",
            rows="programmes.policycall",
        ),
    )
    def apply(request, call_id: Id, payload: PolicyApplyIn):
        """File an application (the enterprise by USCC; an enterprise user its own): eligible,
        by the deadline; 422 with the criteria it fails."""
        call = visible_object(request, PolicyCall.objects.all(), pk=call_id)
        enterprise = (
            Enterprise.objects.visible_to(request.user).filter(uscc=payload.enterprise).first()
        )
        if enterprise is None:
            raise HttpError(422, f"enterprise: {payload.enterprise}?")
        try:
            project = actions.apply_project(
                call, enterprise, actor=request.user, amount=payload.amount, on=payload.on
            )
        except ValidationError as exc:
            raise HttpError(422, _text(exc)) from exc
        return Status(201, project)

    @router.post(
        "/programmes/policy-projects/{project_id}/steps",
        response=PolicyProjectOut,
        openapi_extra=api_access("programmes.view_policyproject", rows="programmes.policyproject"),
    )
    def step(request, project_id: Id, payload: PolicyStepIn):
        """Move a project one step: approve (立项, amount ≤ applied), disburse (拨款, amount ≤
        approved), reject, withdraw; 422 for a step off the workflow."""
        project = visible_object(
            request, PolicyProject.objects.select_related("call", "enterprise"), pk=project_id
        )
        action = STEPS.get(payload.action)
        if action is None:
            raise HttpError(422, f"action: {payload.action}?")
        kwargs = {"actor": request.user, "on": payload.on}
        if payload.action in ("approve", "disburse"):
            kwargs["amount"] = payload.amount
        else:
            kwargs["note"] = payload.note
        try:
            return action(project, **kwargs)
        except ValidationError as exc:
            raise HttpError(422, _text(exc)) from exc


def _text(exc):
    return error_text(exc.message_dict) if hasattr(exc, "error_dict") else " ".join(exc.messages)
