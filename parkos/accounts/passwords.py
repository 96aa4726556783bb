"""The password policy of 等保 level 3 (GB/T 22239-2019, 身份鉴别): long enough, mixing character
classes, not the user's name, not one of their last five. Django's validators do length, the
user's attributes and common passwords; these two do the rest. Every form that sets a password
(the user form, the password change page, an admin's reset) runs AUTH_PASSWORD_VALIDATORS."""

import string

from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

CLASSES = (
    set(string.ascii_lowercase),
    set(string.ascii_uppercase),
    set(string.digits),
)


class CharacterClassesValidator:
    """At least `classes` of: lower-case letters, capitals, digits, other characters."""

    def __init__(self, classes=3):
        self.classes = classes

    def validate(self, password, user=None):
        found = sum(1 for chars in CLASSES if chars & set(password))
        found += any(not any(c in chars for chars in CLASSES) for c in password)
        if found < self.classes:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self):
        return _(
            "Your password must mix at least %(n)d of: lower-case letters, capitals, digits "
            "and other characters."
        ) % {"n": self.classes}


class PasswordHistoryValidator:
    """Not one of the user's last `keep` passwords (their hashes are kept in PasswordHistory)."""

    def __init__(self, keep=5):
        self.keep = keep

    def validate(self, password, user=None):
        if user is None or user.pk is None:
            return
        recent = user.password_history.order_by("-created", "-id")[: self.keep]
        if any(check_password(password, old.password) for old in recent):
            raise ValidationError(
                _("You used this password recently; choose one of your last %(n)d not.")
                % {"n": self.keep},
                code="password_reused",
            )

    def get_help_text(self):
        return _("It must differ from your last %(n)d passwords.") % {"n": self.keep}
