import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from parkos.core.links import object_url
from parkos.core.roles import Role
from parkos.core.scoping import Scope, ScopedQuerySet


class ScopedUserManager(UserManager.from_queryset(ScopedQuerySet)):
    """Django's user manager (create_user…) with `visible_to` and `writable_by`."""


class User(AbstractUser):
    """A staff member, an enterprise's own user, or a leader. The role decides what they may
    do; `park` and `enterprise` (and, for stewards, the zones they serve) decide where."""

    # A new account has no role, and so no permission, until a security administrator gives it
    # one (三权分立: the system administrator who opens it cannot).
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True, default="")
    park = models.ForeignKey(
        "parks.Park",
        verbose_name=_("park"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        help_text=_("Empty for district-wide roles."),
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="users",
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    # A park's admins see and manage the users of their park; an enterprise user is also seen
    # through their enterprise. Who may see what changes with role, park and enterprise, so
    # every change is kept (the password hash and the last login are not history).
    scope = Scope(park="park", enterprise="enterprise")
    objects = ScopedUserManager()
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        permissions = [
            ("grant_role", _("Can give users their role, park and enterprise")),
            ("unlock_user", _("Can unlock accounts locked after failed sign-ins")),
        ]

    def __str__(self):
        return self.username

    def save(self, *args, **kwargs):
        # A new password's hash joins the password history (the policy refuses the last five).
        # Signing in saves the last login only; that is no change of who may see what.
        fields = kwargs.get("update_fields")
        if fields is None or set(fields) != {"last_login"}:
            new_password = self._password is not None  # cleared by Django's save
            super().save(*args, **kwargs)
            if new_password and self.has_usable_password():
                PasswordHistory.objects.create(user=self, password=self.password)
            return
        self.skip_history_when_saving = True  # django-simple-history skips when it is set
        try:
            return super().save(*args, **kwargs)
        finally:
            del self.skip_history_when_saving

    def get_absolute_url(self):
        return object_url("accounts:user", self.pk)

    @property
    def display_name(self):
        return self.name_of(self.username, self.first_name, self.last_name)

    @staticmethod
    def name_of(username, first_name, last_name):
        """The name shown for a user (family name first), from values read without the row."""
        return f"{last_name}{first_name}" or username


class APIToken(models.Model):
    """A token for machines calling the API; only its SHA-256 is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(max_length=8, editable=False)
    created = models.DateTimeField(auto_now_add=True)
    last_used = models.DateTimeField(null=True, blank=True)
    expires = models.DateTimeField(_("expires"))

    history = HistoricalRecords(excluded_fields=["key_hash", "last_used"])

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def issue(cls, user, name):
        """Create a token and return (token, key); the key is shown once and never stored. It
        works for PARKOS_API_TOKEN_DAYS, then a new one must be made."""
        key = "pk_" + secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user,
            name=name,
            key_hash=cls.hash(key),
            prefix=key[:8],
            expires=timezone.now() + timedelta(days=settings.PARKOS_API_TOKEN_DAYS),
        )
        return token, key

    @classmethod
    def user_for(cls, key: str):
        """The active user a key stands for, or None (unknown, expired, or user deactivated)."""
        found = (
            cls.objects.select_related("user")
            .filter(key_hash=cls.hash(key), expires__gt=timezone.now())
            .first()
        )
        if found is None or not found.user.is_active:
            return None
        now = timezone.now()
        if found.last_used is None or now - found.last_used > timedelta(minutes=1):
            cls.objects.filter(pk=found.pk).update(last_used=now)  # a write a minute at most
        return found.user


class PasswordHistory(models.Model):
    """The hashes of a user's earlier passwords, so the policy can refuse the last five."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="password_history"
    )
    password = models.CharField(max_length=128)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created", "-id"]

    def __str__(self):
        return f"{self.user} · {self.created:%Y-%m-%d}"
