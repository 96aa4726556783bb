"""The change history of a row, read from django-simple-history: who, when, before → after."""

from dataclasses import dataclass

HISTORY_LIMIT = 30


@dataclass
class Change:
    when: object
    who: object
    kind: str  # "+" created, "~" changed, "-" deleted
    what: str
    changes: list  # (field label, old, new)


def diffs(history, label=str, limit=HISTORY_LIMIT) -> list[Change]:
    """Changes of the newest history records, each compared with the previous record of the same
    row (fetched in the same query, so a page costs one query however long the history)."""
    records = list(history.select_related("history_user").order_by("-history_id")[: limit * 2])
    older = {}
    for record in reversed(records):
        record.older = older.get(record.id)
        older[record.id] = record
    out, related = [], {}
    for record in records[:limit]:
        entries = []
        if record.history_type == "~" and record.older is not None:
            model = record.instance_type
            for change in record.diff_against(record.older, excluded_fields=["batch"]).changes:
                field = model._meta.get_field(change.field)
                entries.append([field, change.old, change.new])
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
    """A changed link reads as the linked row's name (the steward, the zone), not its id: one
    query per linked model."""
    names = {
        model: {pk: str(obj) for pk, obj in model.objects.in_bulk(ids - {None}).items()}
        for model, ids in related.items()
    }
    for change in changes:
        change.changes = [
            (
                str(field.verbose_name),
                *(
                    names[field.related_model].get(value, value) if field.is_relation else value
                    for value in (old, new)
                ),
            )
            for field, old, new in change.changes
        ]
