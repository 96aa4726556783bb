"""The change history of a row, read from django-simple-history: who, when, before → after."""

from dataclasses import dataclass

from django.utils.timezone import now
from django.utils.translation import gettext as _

from .masking import mask, reveals

HISTORY_LIMIT = 30


@dataclass
class Change:
    when: object
    who: object
    kind: str  # "+" created, "~" changed, "-" deleted
    what: str
    changes: list  # (field label, old, new)


def diffs(history, label=str, limit=HISTORY_LIMIT, user=None) -> list[Change]:
    """Changes of the newest history records, each compared with the previous record of the same
    row (fetched in the same query, so a page costs one query however long the history);
    personal data masked as `user` must read it (core/masking.py)."""
    records = list(history.select_related("history_user").order_by("-history_id")[: limit * 2])
    older = {}
    for record in reversed(records):
        record.older = older.get(record.id)
        older[record.id] = record
    out, related = [], {}
    for record in records[:limit]:
        entries = []
        if record.history_type == "~":
            if record.older is None:
                continue  # its earlier state is not kept (or is past the limit): nothing to say
            model = record.instance_type
            for change in record.diff_against(record.older, excluded_fields=["batch"]).changes:
                field = model._meta.get_field(change.field)
                old, new = change.old, change.new
                if not reveals(user, model, field.name):
                    old, new = mask(old or ""), mask(new or "")
                entries.append([field, old, new])
                if field.is_relation:
                    related.setdefault(field.related_model, set()).update({change.old, change.new})
            if not entries:
                continue
        out.append(
            Change(
                record.history_date,
                record.history_user,
                record.history_type,
                label(record),
                entries,
            )
        )
    _name_related(out, related)
    return out


def _name_related(changes, related):
    """Values as a person reads them: a changed link as the linked row's name (the steward,
    the zone; one query per linked model), a choice by its label, a yes/no as 是/否."""
    names = {
        model: {pk: str(obj) for pk, obj in model.objects.in_bulk(ids - {None}).items()}
        for model, ids in related.items()
    }
    for change in changes:
        change.changes = [
            (str(field.verbose_name), *(_readable(field, v, names) for v in (old, new)))
            for field, old, new in change.changes
        ]


def _readable(field, value, names):
    if value is None or value == "":
        return value
    if field.is_relation:
        return names[field.related_model].get(value, value)
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return value


def record_initial_history(model, history_model) -> None:
    """A "+" history record for each existing row of a model whose history starts now (for a
    data migration), so its first change shows what it was before."""
    fields = [f.attname for f in history_model._meta.fields if f.attname in _columns(model)]
    history_model.objects.bulk_create(
        [
            history_model(
                **{name: getattr(row, name) for name in fields},
                history_date=now(),
                history_type="+",
                history_change_reason="history started",
            )
            for row in model.objects.all()
        ],
        batch_size=2000,
    )


def _columns(model):
    return {f.attname for f in model._meta.concrete_fields}
