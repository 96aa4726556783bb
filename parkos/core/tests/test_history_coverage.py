"""Every row a person writes keeps its history (who, when, before → after), except the kinds
named below, each for its reason: the list fails when a new model forgets its history."""

from django.apps import apps

NO_HISTORY = {
    "core.auditevent": "the audit trail itself: append-only and hash-chained",
    "core.importbatch": "an import's own record of what it wrote; its rows keep their history",
    "accounts.passwordhistory": "password hashes: history of secrets is no history to show",
    "evaluation.result": "computed by a run, never edited; the run keeps its history",
    "investment.stagechange": "itself the history of a project's stage",
    "service.requestevent": "itself the timeline of a request, written once, never changed",
    "service.notification": "a message to one person, who alone reads it and marks it read",
    "enterprises.industry": "GB/T 4754-2017, loaded from the standard's file, never typed",
    "enterprises.honourtype": "the honour catalogue, loaded from its file, never typed",
}


def test_every_model_people_write_keeps_its_history():
    missing = [
        model._meta.label_lower
        for model in apps.get_models()
        if model.__module__.startswith("parkos.")
        and not model.__name__.startswith("Historical")
        and not hasattr(model, "history")
        and model._meta.label_lower not in NO_HISTORY
    ]
    assert missing == []
