"""Who sees which rows: the one scoping function of ParkOS.

Every list, detail page, export and API route reads rows through `Model.objects.visible_to(user)`
(or `get_visible_or_404`). A model declares how its rows hang off the tenancy tree with a
`Scope` — the lookup paths to its park, its zone and its enterprise — and `scope_q` turns the
user's role into a filter on those paths:

- district admin, district-wide leader: every row;
- system, security and audit administrators: every row of the few models their role reads;
- park admin, investment staff, park leader: rows of their park;
- steward: rows of enterprises in the zones they serve (and those zones and their park);
- enterprise user: rows of their own enterprise;
- besides their role's place, whoever a row is assigned to (`Scope.assigned`: a service
  request's steward in charge, the members of its department) sees that row.

A user also needs the model's `view` permission (from their role), so confidential families
such as the indicators stay empty for roles that must not read them.
"""

import operator
from dataclasses import dataclass
from functools import reduce

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.http import Http404

from parkos.core.roles import ADMINISTRATORS, Role

NOTHING = Q(pk__in=[])


@dataclass(frozen=True)
class Scope:
    """Lookup paths from a model to the tenancy tree; None where the model has no such link."""

    park: str | None = None
    zone: str | None = None
    enterprise: str | None = None
    # Rows with no enterprise (a park, a zone) are still visible to stewards and enterprise
    # users when they belong to the park they work in.
    shared_in_park: bool = False
    # Reference data (industry codes, honour catalogue…): every user with the view permission.
    everyone: bool = False
    # Rows whose park is empty belong to the whole district (a district-wide evaluation scheme)
    # and are shared with every park.
    district_rows_shared: bool = False
    # True when a path crosses a to-many relation (a park's zones…), which can repeat rows.
    distinct: bool = False
    # Paths to the users a row is assigned to (a request's steward in charge, its department's
    # members): they see the row whatever their role's place, so work handed to a department
    # reaches its members without giving them the whole park.
    assigned: tuple[str, ...] = ()

    def __post_init__(self):
        # A steward's or an enterprise's way to a shared row runs through the park's zones or
        # enterprises: two of them repeat the row (a steward serving two zones saw each policy
        # call twice, and its page failed with MultipleObjectsReturned).
        if self.shared_in_park and not self.distinct:
            raise ValueError("Scope(shared_in_park=True) repeats rows: declare distinct=True.")


def _path(path, field):
    return f"{path}__{field}" if path else field


def scope_q(user, scope: Scope, model) -> Q:
    """The filter restricting `model` (whose scope is `scope`) to the rows `user` may see."""
    if not user.is_authenticated or not user.is_active:
        return NOTHING
    q = _role_q(user, scope, model)
    # Q() means "every row"; Django would read Q() | Q(x) as Q(x), so leave it alone.
    if scope.district_rows_shared and q != Q():
        return q | Q(**{_path(scope.park, "isnull"): True})
    return q


def _role_q(user, scope: Scope, model) -> Q:
    role = user.role
    if scope.everyone or user.is_superuser or role == Role.DISTRICT_ADMIN:
        return Q()
    if role in ADMINISTRATORS:  # district-wide, on the few models their role may read
        return Q()
    if role == Role.LEADER and user.park_id is None:
        return Q()
    if role in (Role.PARK_ADMIN, Role.INVESTMENT, Role.LEADER):
        if scope.park is None or user.park_id is None:
            return NOTHING
        return Q(**{_path(scope.park, "id"): user.park_id})
    if role == Role.STEWARD:
        if scope.zone is not None:
            return _within(model, scope.zone, Q(steward_id=user.pk))
        if scope.shared_in_park and scope.park is not None:
            return Q(**{_path(scope.park, "zones__steward_id"): user.pk})
        return NOTHING
    if role == Role.ENTERPRISE:
        if user.enterprise_id is None:
            return NOTHING
        if scope.enterprise is not None:
            return Q(**{_path(scope.enterprise, "id"): user.enterprise_id})
        if scope.shared_in_park and scope.park is not None:
            return Q(**{_path(scope.park, "enterprises__id"): user.enterprise_id})
        return NOTHING
    return NOTHING


def _within(model, path: str, q: Q) -> Q:
    """The rows of `model` whose `path` leads to a row matching `q`, as a condition on the
    model's own column, one IN per hop (a request's enterprise IN the enterprises whose zone IN
    the steward's zones): OR-ed with the rows assigned to the user, every part can use an index,
    where a condition on a joined table made the database read all 200,000 requests to count
    a steward's."""
    if not path:
        return q
    head, _, rest = path.partition("__")
    related = model._meta.get_field(head).related_model
    inner = related._base_manager.filter(_within(related, rest, q)).values("pk")
    return Q(**{f"{head}__in": inner})


def assigned_q(model, user, paths) -> Q:
    """The rows of `model` assigned to `user` through any of `paths`: a plain condition per
    path, so that each can use its own index (one subquery OR-ing the paths over a LEFT JOIN
    read all 200,000 requests of a district for every steward's page)."""
    if not user.is_authenticated or not user.is_active:
        return NOTHING
    return reduce(operator.or_, (_assigned(model, path, user.pk) for path in paths))


def _assigned(model, path: str, user_pk) -> Q:
    """One path: through single-valued relations (a request's steward in charge, its
    department) and ending at the user, or at a many-to-many of users (a department's
    members), which becomes an IN over the rows holding the user, repeating no row."""
    *hops, last = path.split("__")
    for hop in hops:
        field = model._meta.get_field(hop)
        if field.many_to_many or field.one_to_many:
            raise ValueError(f"{path}: only the last step of an assigned path may be many")
        model = field.related_model
    if not model._meta.get_field(last).many_to_many:
        return Q(**{path: user_pk})
    holding = model._base_manager.filter(**{last: user_pk}).values("pk")
    return Q(**{"__".join([*hops, "in"]) if hops else "pk__in": holding})


def perm_name(model, action: str) -> str:
    """Django's name of a model permission: (Contact, "view") → enterprises.view_contact."""
    meta = model._meta
    return f"{meta.app_label}.{action}_{meta.model_name}"


class ScopedQuerySet(models.QuerySet):
    """QuerySet of a model that declares `scope = Scope(...)`."""

    def visible_to(self, user):
        if not user.has_perm(perm_name(self.model, "view")):
            return self.none()
        scope = self.model.scope
        q = scope_q(user, scope, self.model)
        if scope.assigned and q != Q():
            q |= assigned_q(self.model, user, scope.assigned)
        qs = self.filter(q)
        return qs.distinct() if scope.distinct else qs

    def writable_by(self, user):
        """The visible rows `user` may also change: rows shared with them for reading only
        (the district's rows and reference data, seen by a park's staff) are not theirs."""
        rows = self.visible_to(user)
        scope = self.model.scope
        if user.is_superuser or user.park_id is None or user.role == Role.DISTRICT_ADMIN:
            return rows
        if scope.everyone or scope.district_rows_shared:
            if scope.park is None:
                return rows.none()
            return rows.filter(**{_path(scope.park, "id"): user.park_id})
        return rows


ScopedManager = models.Manager.from_queryset(ScopedQuerySet)


def is_writable(user, instance) -> bool:
    """May `user` change this row (see `writable_by`)? One query."""
    return type(instance).objects.writable_by(user).filter(pk=instance.pk).exists()


def get_visible_or_404(queryset, user, **lookup):
    """One object through the scope; "missing" and "not yours" both answer 404."""
    try:
        return queryset.visible_to(user).get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, OverflowError, ValidationError) as exc:
        # A malformed or impossible id (`?project=abc`, 10**30) is as missing as an unknown one.
        raise Http404 from exc
