"""The WSGI application, loaded whole before gunicorn forks its workers.

Django leaves work to the first request that needs it: importing the URLconf (every app's views,
forms, filters, tables and the API's schemas), reading the translation catalogues, and, for name
search, loading the CC-CEDICT pinyin phrases. On a busy host that took a worker's first request
past gunicorn's 30 s timeout, so workers were killed mid-request (500s and dropped connections
under load). `warm_up()` does it all at import: with `preload_app` (gunicorn.conf.py) once, in
gunicorn's master, and every forked worker starts warm, sharing the memory copy-on-write. No
database connection is left open, so none is shared across the fork."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parkos.settings")
application = get_wsgi_application()


def warm_up():
    from django.conf import settings
    from django.db import connections
    from django.urls import get_resolver, reverse
    from django.utils import translation

    from parkos.enterprises.pinyin import search_keys

    get_resolver().url_patterns  # noqa: B018 -- imports the URLconf and every view module
    reverse("reports:overview")  # builds the resolver's reverse lookup tables
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Online park")  # reads that language's catalogues
    search_keys("朝阳")  # loads pypinyin's dictionaries and the CC-CEDICT phrases
    connections.close_all()


warm_up()
