"""Routes of policy projects and honours, kept apart from the events' (urls.py includes them)."""

from parkos.core.routes import route

from . import policy_views as views
from .policy_entities import honour_applications, honour_criteria, policy_calls, policy_projects

CALL = ("programmes.view_policycall",)
PROJECT = ("programmes.view_policyproject",)
HONOUR = ("programmes.view_honourapplication",)

urlpatterns = [
    *policy_calls.urls(),
    *policy_projects.urls(),
    *honour_criteria.urls(),
    *honour_applications.urls(),
    route(
        "policy-calls/<int:pk>/recommend/",
        views.call_recommend,
        "policycall-recommend",
        perms=(*CALL, "programmes.add_policyproject"),
        rows="programmes.policycall",
        method="POST",
    ),
    route(
        "policy-calls/<int:pk>/apply/",
        views.call_apply,
        "policycall-apply",
        perms=(*CALL, "programmes.add_policyproject"),
        rows="programmes.policycall",
        method="POST",
    ),
    route(
        "policy-projects/<int:pk>/step/",
        views.project_step,
        "policyproject-step",
        perms=PROJECT,
        rows="programmes.policyproject",
        method="POST",
    ),
    route(
        "policy/mine/",
        views.my_calls,
        "policy-mine",
        perms=(*CALL, "programmes.add_policyproject"),
    ),
    route(
        "policy/figures/",
        views.policy_figures,
        "policy-figures",
        perms=(*PROJECT, "programmes.view_policy_figures"),
    ),
    route(
        "honours/recommend/",
        views.honour_recommend,
        "honour-recommend",
        perms=("programmes.view_honourcriteria", "programmes.add_honourapplication"),
        method="POST",
    ),
    route(
        "honour-applications/<int:pk>/step/",
        views.honour_step,
        "honourapplication-step",
        perms=(*HONOUR, "programmes.change_honourapplication"),
        rows="programmes.honourapplication",
        method="POST",
    ),
    route(
        "honours/figures/",
        views.honour_figures,
        "honour-figures",
        perms=(*HONOUR, "programmes.view_policy_figures"),
    ),
]
