"""The security audit trail (等保 level 3, 安全审计): sign-ins and their failures, lock-outs,
permission denials, role and scope changes, exports, imports, publishing and deletes, each with
time, user, address, action, record and outcome. Rows are append-only and hash-chained: each
hash covers the row and the hash before it, so `manage.py audit_verify` finds a changed,
inserted or removed row. Business changes themselves are in each model's history."""

import contextvars
import hashlib
import json

from django.db import connection, transaction
from django.utils import timezone

from .models import AuditEvent

# The address of the request being served (set by core.middleware.AuditMiddleware), so that
# actions, which take no request, still record where an event came from.
current_ip: contextvars.ContextVar[str] = contextvars.ContextVar("audit_ip", default="")
# And who is asking: an export stamps the file with its user (core/exports.py).
current_user: contextvars.ContextVar = contextvars.ContextVar("audit_user", default=None)

_CHAIN_LOCK = 0x5041524B  # "PARK": serialises appends on PostgreSQL (SQLite writes one at a time)
FIELDS = (
    "time",
    "user_id",
    "username",
    "ip",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "outcome",
    "detail",
    "prev_hash",
)


def digest(event: AuditEvent) -> str:
    values = {name: getattr(event, name) for name in FIELDS}
    values["time"] = event.time.isoformat()
    text = json.dumps(values, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def record(action, *, user=None, obj=None, outcome="ok", detail="", username="") -> AuditEvent:
    """Append one event to the chain."""
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK])
        last = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
        event = AuditEvent(
            time=timezone.now(),
            user=user,
            username=(user.get_username() if user else username)[:150],
            ip=current_ip.get(),
            action=action,
            object_type=obj._meta.label_lower if obj is not None else "",
            object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
            object_repr=str(obj)[:200] if obj is not None else "",
            outcome=outcome,
            detail=str(detail)[:500],
            prev_hash=last or "",
        )
        event.hash = digest(event)
        event.save()
    return event


def verify() -> tuple[int, AuditEvent | None]:
    """Walk the chain from its first row: (rows checked, the first row that does not fit)."""
    previous = None
    checked = 0
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        if (previous is not None and event.prev_hash != previous) or digest(event) != event.hash:
            return checked, event
        previous = event.hash
        checked += 1
    return checked, None
