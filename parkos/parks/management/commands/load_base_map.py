"""manage.py load_base_map PARK FILE.geojson --user NAME: a park's roads for its maps."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from parkos.parks.basemap import load_roads
from parkos.parks.models import Park


class Command(BaseCommand):
    help = "Load a park's roads (GeoJSON lines) as the base of its maps on a closed network."

    def add_arguments(self, parser):
        parser.add_argument("park", help="the park's name")
        parser.add_argument("file", type=Path)
        parser.add_argument("--user", required=True, help="who loads it (needs to change parks)")

    def handle(self, park, file, user, **options):
        try:
            actor = get_user_model().objects.get(username=user)
            target = Park.objects.get(name=park)
        except (get_user_model().DoesNotExist, Park.DoesNotExist) as exc:
            raise CommandError(str(exc)) from exc
        try:
            saved = load_roads(actor=actor, park=target, text=file.read_text(encoding="utf-8"))
        except (ValidationError, PermissionDenied) as exc:
            raise CommandError("; ".join(getattr(exc, "messages", [str(exc)]))) from exc
        self.stdout.write(f"{saved}: {len(saved.roads)} roads")
