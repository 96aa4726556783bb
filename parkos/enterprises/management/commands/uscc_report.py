"""manage.py uscc_report: the stored codes that the GB 32100-2015 judgement now refuses.

Codes stored before the judgement checked departments and types may be wrong; such an
enterprise cannot be saved until its code is corrected on its page (a re-import under the
corrected code would register a second enterprise). Exit code 1 when any is found."""

from django.core.management.base import BaseCommand

from parkos.core.uscc import uscc_error
from parkos.enterprises.models import Enterprise


class Command(BaseCommand):
    help = "List the enterprises whose stored USCC the GB 32100-2015 judgement refuses."

    def handle(self, **options):
        found = 0
        rows = Enterprise.objects.order_by("park__name", "name").values_list(
            "pk", "park__name", "name", "uscc"
        )
        for pk, park, name, code in rows.iterator(chunk_size=5000):
            if reason := uscc_error(code):
                found += 1
                self.stdout.write(f"{park}\t{name}\t{code}\t{reason}\t/enterprises/{pk}/")
        self.stderr.write(f"{found} stored code(s) refused")
        if found:
            raise SystemExit(1)
