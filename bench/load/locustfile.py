"""The load scenario of `make load` (run by locust from .venv-load; bench/load/__main__.py).

Four kinds of user, weighted to LOAD_USERS (default 100) concurrent users:

- staff (60 %): sign in with a demo login of a role without a second factor (investment staff,
  steward, leader), then browse: the enterprise register and its filters (as htmx swaps),
  the declared lists (contacts, honours) with theirs, enterprise portraits picked from the
  lists, the overview and their role's pages;
- investors (the rest): the public online park from an address of their own (in
  X-Forwarded-For, as the reverse proxy sends it): home, the space listing and its filters,
  buildings, matching a demand, now and then an enquiry;
- one park admin importing the statistics bureau's monthly figures (LOAD_IMPORT_FILE: checked
  and written by the task worker), then rolling them back, over and over;
- one park admin running per-mu evaluations of the last year.

Each request's name starts with its group (staff, investor, import, evaluation, sign-in). At
the end the figures per group, per request and in total go to LOAD_RESULT as JSON, twice: for
the whole run, and for the steady state (LOAD_SECONDS from the moment every user is started).
A failure is any answer other than 2xx or 3xx, but for the enquiry form's 429 (its per-address
rate limit, counted apart)."""

import itertools
import json
import os
import random
import re
import time
from pathlib import Path

import locust
from locust import HttpUser, between, events, task
from locust.stats import RequestStats, StatsEntry

PASSWORD = "parkos-demo"  # the published demo password (parkos/demo/accounts.py)
STAFF = ("investment", "steward01", "leader")  # roles without a second factor
CAN_SEE = {  # pages beyond the register that a role opens
    "investment": ("/investment/", "/investment/projects/", "/enquiries/", "/space/buildings/"),
    "steward01": ("/evaluation/dashboard/", "/space/buildings/"),
    "leader": ("/evaluation/dashboard/", "/investment/", "/investment/projects/"),
}
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PORTRAIT = re.compile(r'href="/enterprises/(\d+)/"')
BUILDING = re.compile(r'href="(/online/space/\d+-[^"/]+/)"')
ENQUIRY_FORM = re.compile(r'action="(/online/space/\d+/enquiry/)"')
SCHEMES = re.compile(r'<select name="scheme"[^>]*>(.*?)</select>', re.DOTALL)
IMPORT_ACTION = re.compile(r'action="(/imports/\d+/(commit|rollback)/)"')
GROUPS = ("staff", "investor", "import", "evaluation", "sign-in")

ENTERPRISE_FILTERS = (
    "is_above_scale=true&sort=-y_tax_paid",
    "q=kj",  # pinyin initials
    "q=科技",
    "status=operating&sort=-y_output_value&page=2",
    "tax_min=100&sort=-y_revenue",
    "land_min=10&sort=own_land_mu",
    "industry=C&sort=name",
)
DECLARED_LISTS = (
    "/enterprises/contacts/",
    "/enterprises/contacts/?is_primary=true&sort=-name",
    "/enterprises/contacts/?q=王&page=2",
    "/enterprises/honours/",
    "/enterprises/honours/?level=national&sort=year",
    "/enterprises/honours/?status=awarded&sort=-enterprise",
)
LISTING_FILTERS = (
    "",
    "?form=standard",
    "?area_min=500&area_max=3000",
    "?form=single_storey&clear_height_min=6",
    "?suitability=food",
    "?rent_max=1.2&page=2",
)
DEMANDS = (
    "?area_min=500&area_max=3000&min_clear_height=6",
    "?area_min=2000&forms_=single_storey&min_floor_load=8",
    "?area_min=300&area_max=1500&forms_=rd_office&max_rent=1.5",
    "?area_min=1000&suitability=food&min_power_kva=400",
)

_accounts = itertools.cycle(STAFF)
_addresses = itertools.count(1)
counters = {"rate_limited": 0, "imports": 0, "rollbacks": 0, "evaluations": 0}


class ParkOSUser(HttpUser):
    abstract = True

    def csrf(self, html):
        found = CSRF.search(html)
        return found.group(1) if found else ""

    def sign_in(self, username):
        page = self.client.get("/accounts/login/", name="sign-in: page")
        with self.client.post(
            "/accounts/login/",
            data={
                "username": username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": self.csrf(page.text),
            },
            name="sign-in: password",
            catch_response=True,
        ) as response:
            if "/accounts/login/" in response.url:
                response.failure(f"{username} was not signed in")

    def get(self, url, name, **kwargs):
        return self.client.get(url, name=name, **kwargs)


class Staff(ParkOSUser):
    weight = 60
    wait_time = between(1, 4)

    def on_start(self):
        self.username = next(_accounts)
        self.sign_in(self.username)
        self.portraits = []
        self.remember(self.get("/enterprises/", "staff: enterprise register"))

    def remember(self, response):
        found = PORTRAIT.findall(response.text)
        if found:
            self.portraits = found

    @task(3)
    def register(self):
        page = random.choice(("", "?page=2", "?page=3"))
        self.remember(self.get(f"/enterprises/{page}", "staff: enterprise register"))

    @task(3)
    def register_filtered(self):
        query = random.choice(ENTERPRISE_FILTERS)
        response = self.get(
            f"/enterprises/?{query}",
            "staff: enterprise register, filtered (htmx)",
            headers={"HX-Request": "true", "HX-Target": "object-table"},
        )
        self.remember(response)

    @task(2)
    def declared_list(self):
        url = random.choice(DECLARED_LISTS)
        self.remember(self.get(url, "staff: declared list (contacts, honours)"))

    @task(4)
    def portrait(self):
        if self.portraits:
            pk = random.choice(self.portraits)
            self.get(f"/enterprises/{pk}/", "staff: enterprise portrait")

    @task(1)
    def overview(self):
        self.get("/", "staff: overview")

    @task(1)
    def role_page(self):
        url = random.choice(CAN_SEE[self.username])
        self.get(url, "staff: role's page (pipeline, enquiries, space, grades)")


class Investor(ParkOSUser):
    weight = 38
    wait_time = between(1, 4)

    def on_start(self):
        # RFC 2544's benchmarking range, only ever written in a header: no traffic goes there.
        n = next(_addresses)
        self.client.headers["X-Forwarded-For"] = f"198.18.{n // 250}.{n % 250 + 1}"
        self.buildings = []

    @task(2)
    def home(self):
        self.get("/online/", "investor: online park home")

    @task(3)
    def listing(self):
        response = self.get(
            f"/online/space/{random.choice(LISTING_FILTERS)}", "investor: space listing"
        )
        self.buildings = BUILDING.findall(response.text) or self.buildings

    @task(4)
    def building(self):
        if self.buildings:
            self.get(random.choice(self.buildings), "investor: building")

    @task(2)
    def match(self):
        self.get(f"/online/match/{random.choice(DEMANDS)}", "investor: match a demand")

    @task(1)
    def enquire(self):
        if not self.buildings:
            return
        page = self.get(random.choice(self.buildings), "investor: building")
        form = ENQUIRY_FORM.search(page.text)
        if not form:
            return
        with self.client.post(
            form.group(1),
            data={
                "csrfmiddlewaretoken": self.csrf(page.text),
                "name": "测试",
                "company": "负载测试有限公司",
                "phone": "021-5555-0100",
                "email": "load@example.com",
                "industry": "生物医药",
                "area_m2": str(random.randrange(500, 5000, 100)),
                "message": "我们对该楼宇感兴趣。",
                "website": "",
                "consent": "on",
            },
            name="investor: enquiry",
            catch_response=True,
        ) as response:
            if response.status_code == 429:  # the per-address hourly limit: expected
                counters["rate_limited"] += 1
                response.success()


class Importer(ParkOSUser):
    fixed_count = 1
    wait_time = between(2, 5)

    def on_start(self):
        self.file = Path(os.environ["LOAD_IMPORT_FILE"])
        self.sign_in("parkadmin")

    def until_settled(self, url):
        """Poll the batch as its page does (htmx, every second) until it is no longer running."""
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            response = self.get(
                url, "import: batch status (htmx poll)", headers={"HX-Request": "true"}
            )
            if "hx-trigger" not in response.text:
                return response
            time.sleep(1)
        return None

    @task
    def import_and_roll_back(self):
        page = self.get("/imports/", "import: imports list")
        with self.file.open("rb") as f:
            upload = self.client.post(
                "/imports/upload/",
                data={"csrfmiddlewaretoken": self.csrf(page.text), "entity": "indicator-months"},
                files={"file": (self.file.name, f, "text/csv")},
                name="import: upload",
            )
        batch = upload.url
        for step in ("commit", "rollback"):
            settled = self.until_settled(batch)
            action = IMPORT_ACTION.search(settled.text) if settled else None
            if not action or action.group(2) != step:
                events.request.fire(
                    request_type="CHECK",
                    name=f"import: batch ready to {step}",
                    response_time=0,
                    response_length=0,
                    exception=AssertionError(f"{batch} cannot {step}"),
                )
                return
            self.client.post(
                action.group(1),
                data={"csrfmiddlewaretoken": self.csrf(settled.text)},
                name=f"import: {step}",
            )
            if step == "commit":
                counters["imports"] += 1
        if (settled := self.until_settled(batch)) and 'id="batch-state">已回滚' in settled.text:
            counters["rollbacks"] += 1


class Evaluator(ParkOSUser):
    fixed_count = 1
    wait_time = between(3, 8)

    def on_start(self):
        self.sign_in("parkadmin")
        self.year = os.environ.get("LOAD_EVALUATION_YEAR", "2024")

    @task
    def evaluate(self):
        page = self.get("/evaluation/", "evaluation: runs")
        select = SCHEMES.search(page.text)
        schemes = re.findall(r'value="(\d+)"', select.group(1)) if select else []
        if not schemes:
            return
        with self.client.post(
            "/evaluation/runs/new/",
            data={
                "csrfmiddlewaretoken": self.csrf(page.text),
                "scheme": random.choice(schemes),
                "year": self.year,
            },
            name="evaluation: run a scheme",
            catch_response=True,
        ) as response:
            if not re.search(r"/evaluation/runs/\d+/$", response.url):
                response.failure("the run did not start")
            else:
                counters["evaluations"] += 1
        self.get("/evaluation/dashboard/", "evaluation: grades dashboard")


# Once every user has started (and the sign-in storm of the ramp is past), requests are also
# counted here: the steady state at full concurrency, LOAD_SECONDS long.
steady = []


@events.spawning_complete.add_listener
def start_steady_state(user_count, **kwargs):
    steady.append(RequestStats(use_response_times_cache=False))


@events.request.add_listener
def count_steady_state(request_type, name, response_time, response_length, exception=None, **kw):
    if steady:
        steady[0].log_request(request_type, name, response_time, response_length)
        if exception:
            steady[0].log_error(request_type, name, exception)


def figures(entry, seconds):
    """An entry's figures; its rate counts the requests of the first `seconds` only (those that
    finish while the users stop are counted, not in the rate)."""
    in_time = sum(n for t, n in entry.num_reqs_per_sec.items() if t < entry.start_time + seconds)
    return {
        "requests": entry.num_requests,
        "failures": entry.num_failures,
        "p50": entry.get_response_time_percentile(0.5) or 0,
        "p95": entry.get_response_time_percentile(0.95) or 0,
        "max": entry.max_response_time or 0,
        "rps": in_time / seconds,
    }


def by_group(stats):
    groups = {name: StatsEntry(stats, name, "") for name in GROUPS}
    for entry in stats.entries.values():
        group = entry.name.split(":", 1)[0]
        groups.setdefault(group, StatsEntry(stats, group, "")).extend(entry)
    groups["total"] = stats.total
    for entry in groups.values():
        entry.start_time = stats.total.start_time
    return groups


def summarise(environment):
    """The whole run (ramp included) and the steady state: per group (the prefix of each
    request's name), per request and in total."""
    seconds = float(os.environ.get("LOAD_SECONDS", "60"))
    whole = environment.stats
    runs = {"whole": whole, **({"steady": steady[0]} if steady else {})}
    ramp = (steady[0].total.start_time - whole.total.start_time) if steady else 0.0
    return {
        "locust": locust.__version__,
        "seconds": seconds,
        "ramp_seconds": ramp,
        "users": {k: n for k, n in environment.runner.final_user_classes_count.items() if n},
        **{
            name: {
                "groups": {
                    group: figures(entry, seconds if name == "steady" else ramp + seconds)
                    for group, entry in by_group(stats).items()
                    if entry.num_requests or group == "total"
                },
                "requests": {
                    entry.name: figures(entry, seconds if name == "steady" else ramp + seconds)
                    for entry in sorted(stats.entries.values(), key=lambda e: e.name)
                },
                "errors": [
                    {"name": e.name, "method": e.method, "error": str(e.error), "count": n}
                    for e in stats.errors.values()
                    if (n := e.occurrences)
                ],
            }
            for name, stats in runs.items()
        },
        **counters,
    }


@events.quitting.add_listener
def write_result(environment, **kwargs):
    if path := os.environ.get("LOAD_RESULT"):
        Path(path).write_text(json.dumps(summarise(environment), indent=1, ensure_ascii=False))
