"""The backup's row format: Django's JSON lines with datetimes and times to the microsecond.
Django's encoder cuts them to milliseconds, which would change every timestamp on a restore
and break the audit trail's hash chain, whose hashes cover the exact time."""

import datetime as dt

from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.jsonl import Deserializer  # noqa: F401  (the format's reader)
from django.core.serializers.jsonl import Serializer as JSONLinesSerializer


class ExactEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, dt.datetime | dt.time):
            return o.isoformat()
        return super().default(o)


class Serializer(JSONLinesSerializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = ExactEncoder
