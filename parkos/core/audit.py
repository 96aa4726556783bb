"""The security audit trail (等保 level 3, 安全审计): sign-ins and their failures, lock-outs,
permission denials, role and scope changes, exports, imports, publishing and deletes, each with
time, user, address, action, record and outcome. Rows are append-only and hash-chained: each
hash covers the row and the hash before it, so `manage.py audit_verify` finds a changed,
inserted or removed row. Rows older than the retention (at least 180 days) are removed only by
`prune`, which records where the chain was cut. Business changes themselves are in each
model's history."""

import contextvars
import hashlib
import json
from datetime import timedelta

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone

from .models import AuditAction, AuditEvent

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


# 等保 2.0 level 3 keeps audit records at least six months.
MIN_RETENTION_DAYS = 180
_CUT = "cut="


def verify() -> tuple[int, AuditEvent | None]:
    """Walk the chain from its first row: (rows checked, the first row that does not fit). The
    first row follows nothing, or the cut that a recorded prune made."""
    cuts = {
        detail.rpartition(_CUT)[2]
        for detail in AuditEvent.objects.filter(action=AuditAction.PRUNE).values_list(
            "detail", flat=True
        )
    }
    previous = None
    checked = 0
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        expected = (
            previous
            if previous is not None
            else (event.prev_hash if event.prev_hash in cuts else "")
        )
        if event.prev_hash != expected or digest(event) != event.hash:
            return checked, event
        previous = event.hash
        checked += 1
    return checked, None


def prune(*, days: int | None = None) -> int:
    """Remove the events older than `days` (PARKOS_AUDIT_RETENTION_DAYS by default, never fewer
    than 180) and record the cut, so the rest still verifies; returns how many were removed."""
    days = settings.PARKOS_AUDIT_RETENTION_DAYS if days is None else days
    if days < MIN_RETENTION_DAYS:
        raise ValueError(f"The audit trail is kept at least {MIN_RETENTION_DAYS} days.")
    before = timezone.now() - timedelta(days=days)
    with transaction.atomic():
        last = AuditEvent.objects.filter(time__lt=before).order_by("-id").first()
        if last is None:
            return 0
        # The trail's own manager refuses deletes; this is the one place that may.
        removed, _ = models.QuerySet(AuditEvent).filter(id__lte=last.pk).delete()
        record(
            AuditAction.PRUNE,
            detail=f"{removed} events before {before:%Y-%m-%d}; {_CUT}{last.hash}",
        )
    return removed
