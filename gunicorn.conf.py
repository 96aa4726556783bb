"""gunicorn's settings for `make serve` (the Makefile adds the address and the worker count).

preload_app: the master imports parkos.wsgi, which sets Django up and warms it (URLconf,
translations, pinyin dictionaries: see parkos/wsgi.py), before it forks the workers. Without
it each worker did that on its first request, which on a busy host outlasted gunicorn's 30 s
timeout: the worker was killed and its request failed."""

wsgi_app = "parkos.wsgi:application"
preload_app = True


def pre_fork(server, worker):
    """A database connection opened in the master would be shared by every forked worker (two
    processes talking on one socket, or one SQLite handle): close them all before each fork;
    each worker opens its own on its first query."""
    from django.db import connections

    connections.close_all()
