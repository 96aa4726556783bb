"""One demo login per role, printed for whoever runs `make demo` (demo mode only)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from parkos.core.roles import Role
from parkos.enterprises.demo import MAIN_PARK
from parkos.enterprises.models import Enterprise
from parkos.parks.models import Park

from ...accounts import PASSWORD


class Command(BaseCommand):
    help = "Create (or reset) one demo user per role and print the logins."

    def handle(self, **options):
        if not settings.PARKOS_DEMO:
            raise CommandError(
                "demo_users creates logins whose password is published; it runs only in demo "
                "mode (PARKOS_DEMO=true, as `make demo` sets it)."
            )
        User = get_user_model()
        park = Park.objects.get(name=MAIN_PARK)
        enterprise = (
            Enterprise.objects.filter(park=park, is_above_scale=True, zone__code="Z01")
            .order_by("id")
            .first()
        )
        accounts = [
            ("district", Role.DISTRICT_ADMIN, None, None, "区管理员"),
            ("parkadmin", Role.PARK_ADMIN, park, None, "园区管理员"),
            ("investment", Role.INVESTMENT, park, None, "招商专员"),
            ("steward01", Role.STEWARD, park, None, None),
            ("leader", Role.LEADER, None, None, "区领导"),
            ("enterprise", Role.ENTERPRISE, park, enterprise, "企业用户"),
            ("sysadmin", Role.SYSTEM_ADMIN, None, None, "系统管理员"),
            ("secadmin", Role.SECURITY_ADMIN, None, None, "安全管理员"),
            ("auditor", Role.AUDIT_ADMIN, None, None, "审计管理员"),
        ]
        rows = []
        for username, role, user_park, user_enterprise, name in accounts:
            user, _created = User.objects.get_or_create(username=username)
            user.role, user.park, user.enterprise = role, user_park, user_enterprise
            if name:
                user.last_name, user.first_name = name, ""
            user.is_staff = user.is_superuser = False  # no role holds every power (三权分立)
            user.set_password(PASSWORD)
            user.save()
            rows.append(
                (
                    username,
                    str(user.get_role_display()),
                    str(user_enterprise or user_park or "全区"),
                )
            )
        self.stdout.write(f"\nDemo logins (password for all: {PASSWORD})")
        for username, role, scope in rows:
            self.stdout.write(f"  {username:<12} {role:<10} {scope}")
        self.stdout.write("")
