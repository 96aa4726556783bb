"""The only writers of the register's rows that have declared pages: contacts and honour
awards. Pages and the API call these (atomic, `actor=`, audited by history); imports write the
same rows in bulk through the import engine after the same field validation."""

from parkos.core.actions import delete_object, save_object

from .models import Contact, HonourAward


def save_contact(*, actor, instance: Contact, values: dict) -> Contact:
    return save_object(actor=actor, instance=instance, values=values)


def delete_contact(*, actor, instance: Contact) -> None:
    delete_object(actor=actor, instance=instance)


def save_honour_award(*, actor, instance: HonourAward, values: dict) -> HonourAward:
    return save_object(actor=actor, instance=instance, values=values)


def delete_honour_award(*, actor, instance: HonourAward) -> None:
    delete_object(actor=actor, instance=instance)
