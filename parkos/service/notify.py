"""Who is told what, in their in-app list (通知), when a request moves: written by the service
actions inside their transaction, so a refused step notifies nobody. Nobody is told of their
own act, and nobody twice of one."""

from django.contrib.auth import get_user_model

from parkos.core.roles import Role

from .choices import NotificationKind as Kind
from .choices import Step
from .models import Notification

# What the enterprise's own reply tells the steward.
STEP_KINDS = {Step.CLOSED: Kind.CLOSED, Step.REOPENED: Kind.REOPENED}


def _text(request):
    return f"{request.enterprise}：{request.title}"[:200]


def _send(pairs, request, actor):
    """One notification per recipient (the first reason given wins), never to the actor."""
    seen, rows = set(), []
    text, link = _text(request), request.get_absolute_url()
    for user, kind in pairs:
        if user is None or not user.is_active or user.pk in seen:
            continue
        if actor is not None and user.pk == actor.pk:
            continue
        seen.add(user.pk)
        rows.append(Notification(recipient=user, kind=kind, request=request, text=text, link=link))
    Notification.objects.bulk_create(rows)
    return rows


def handlers(request) -> list:
    """The people a request waits for: its steward in charge, or its department's members."""
    if request.assignee_id:
        return [request.assignee]
    if request.department_id:
        return list(request.department.members.all())
    return []


def zone_steward(request):
    return request.enterprise.steward


def request_raised(request, *, actor):
    """A new request: its handlers are told it is theirs; the zone's steward, that the
    enterprise filed it (when it did)."""
    pairs = [(user, Kind.ASSIGNED) for user in handlers(request)]
    if actor is not None and actor.role == Role.ENTERPRISE:
        pairs.append((zone_steward(request), Kind.FILED))
    return _send(pairs, request, actor)


def request_reassigned(request, *, actor):
    return _send([(user, Kind.ASSIGNED) for user in handlers(request)], request, actor)


def step_taken(request, step, *, actor):
    """An answer is told to the enterprise's users; its closing or reopening, to the zone's
    steward and to the steward in charge."""
    if step == Step.ANSWERED:
        users = get_user_model().objects.filter(
            role=Role.ENTERPRISE, enterprise=request.enterprise_id, is_active=True
        )
        return _send([(user, Kind.ANSWERED) for user in users], request, actor)
    if step in STEP_KINDS:
        kind = STEP_KINDS[step]
        pairs = [(zone_steward(request), kind), *((u, kind) for u in handlers(request))]
        return _send(pairs, request, actor)
    return []


def message_left(request, *, actor):
    """A message from the enterprise, to the people the request waits for and the zone's
    steward; one from the park, to the enterprise's users."""
    if actor is not None and actor.role == Role.ENTERPRISE:
        pairs = [
            (zone_steward(request), Kind.MESSAGE),
            *((u, Kind.MESSAGE) for u in handlers(request)),
        ]
    else:
        users = get_user_model().objects.filter(
            role=Role.ENTERPRISE, enterprise=request.enterprise_id, is_active=True
        )
        pairs = [(user, Kind.MESSAGE) for user in users]
    return _send(pairs, request, actor)


def escalated(requests):
    """Each escalated request, to the admins of its park."""
    parks = {request.enterprise.park_id for request in requests}
    admins = {}
    for admin in get_user_model().objects.filter(
        role=Role.PARK_ADMIN, park__in=parks, is_active=True
    ):
        admins.setdefault(admin.park_id, []).append(admin)
    for request in requests:
        pairs = [(admin, Kind.ESCALATED) for admin in admins.get(request.enterprise.park_id, [])]
        _send(pairs, request, None)


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
