"""gunicorn's settings for `make serve` (the Makefile adds the address, WORKERS and THREADS).

preload_app: the master imports parkos.wsgi, which sets Django up and warms it (URLconf,
translations, pinyin dictionaries: see parkos/wsgi.py), before it forks the workers. Without
it each worker did that on its first request, which on a busy host outlasted gunicorn's 30 s
timeout: the worker was killed and its request failed.

Threads: a request that waits — on SQLite's one writer above all — holds a thread, not a whole
worker process. With plain (sync) workers the load test's requests queued behind the few that
waited for a write: p95 4.2 s on SQLite, against 0.4 s with four threads per worker
(docs/benchmarks.md).

No keep-alive: with it, a client reusing a connection just as gunicorn closed it for idleness
was answered "connection reset" (19 requests in a load test run). The reverse proxy in front
keeps its own connections to the browsers; to gunicorn it opens one per request."""

wsgi_app = "parkos.wsgi:application"
preload_app = True
worker_class = "gthread"
threads = 4
keepalive = 0


def pre_fork(server, worker):
    """A database connection opened in the master would be shared by every forked worker (two
    processes talking on one socket, or one SQLite handle): close them all before each fork;
    each worker opens its own on its first query."""
    from django.db import connections

    connections.close_all()
