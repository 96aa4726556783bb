"""Write a report to a file.

python manage.py report yearly [--park PARK] --year 2024 --format docx|xlsx --output FILE
                               [--user USERNAME]

PARK is the park's id, name or short name (parks have no slug); without it, the district.
Without --user the report reads as the system actor: a district administrator's scope, every
park. With --user it reads what that user may see, as the dashboard shows them."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import translation

from parkos.parks.models import Park
from parkos.reports.dashboard import default_year
from parkos.reports.yearly import as_docx, as_xlsx, system_actor, yearly_report

FORMATS = {"docx": as_docx, "xlsx": as_xlsx}


class Command(BaseCommand):
    help = "Write a report (the yearly work report of a park or the district) as .docx or .xlsx."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["yearly"], help="the report: yearly")
        parser.add_argument(
            "--park", help="the park's id, name or short name; default: the whole district"
        )
        parser.add_argument("--year", type=int, help="default: the latest year with figures")
        parser.add_argument("--format", choices=sorted(FORMATS), help="default: --output's suffix")
        parser.add_argument("--output", required=True, help="the file to write")
        parser.add_argument(
            "--user", help="read in this user's scope (default: the district, as the system)"
        )
        parser.add_argument("--language", default="zh-hans", help="default: zh-hans")

    def handle(self, kind, park, year, format, output, user, language, **options):
        output = Path(output)
        fmt = format or output.suffix.lstrip(".").lower()
        if fmt not in FORMATS:
            raise CommandError(f"unknown format {fmt!r}: give --format docx or --format xlsx")
        actor = self._actor(user)
        place = self._park(park, actor) if park else None
        if year is not None and not 2000 <= year <= 2100:
            raise CommandError(f"year {year} is out of range (2000–2100)")
        with translation.override(language):
            report = yearly_report(actor, year or default_year(actor), place)
            content = FORMATS[fmt](report)
        output.write_bytes(content)
        self.stdout.write(f"Wrote {output} ({report.name}, {report.year}, {len(content)} bytes)")

    def _actor(self, username):
        if not username:
            return system_actor()
        found = get_user_model().objects.filter(username=username).first()
        if found is None or not found.is_active:
            raise CommandError(f"no active user {username!r}")
        if not found.has_perm("enterprises.view_dashboard"):
            raise CommandError(f"user {username!r} may not read the dashboard's figures")
        return found

    def _park(self, key, actor):
        match = Q(name=key) | Q(short_name=key)
        if key.isdigit():
            match |= Q(pk=int(key))
        found = Park.objects.visible_to(actor).filter(match).first()
        if found is None:
            names = ", ".join(
                f"{p.pk} {p.name}" for p in Park.objects.visible_to(actor).order_by("pk")
            )
            raise CommandError(f"no park {key!r} in this scope; parks: {names or 'none'}")
        return found
