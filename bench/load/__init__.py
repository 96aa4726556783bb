"""`make load`: the load test (see __main__.py and locustfile.py)."""
