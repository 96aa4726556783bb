"""The demo park's enterprise service: departments, a year of visits and service requests
ending today, and service packages for its key enterprises, generated deterministically (the
same seed on the same day gives the same rows).

Requests are raised and moved through the actions (`save_request`, `take_step`,
`escalate_overdue`), so their deadlines, timelines, figures and notifications are the ones a
real year would leave: most answered on time and closed with a rating, some late and escalated,
some reopened, a few answered and waiting for the enterprise, a few still open — some of those
overdue. Visits have no timeline: they are written in bulk with their history."""

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from parkos.core.importing.writing import create_with_history
from parkos.core.roles import Role
from parkos.enterprises.choices import EnterpriseStatus
from parkos.enterprises.demo import MAIN_PARK
from parkos.enterprises.models import Enterprise
from parkos.parks.models import Park

from .actions import escalate_overdue, save_package, save_request, take_step
from .choices import ContactPlan, Source, Step, VisitStatus
from .models import (
    Department,
    RequestCategory,
    ServicePackage,
    ServiceProfile,
    ServiceRequest,
    Visit,
)
from .workdays import add_working_days, is_working_day

# (name, categories it handles, its officer's number)
DEPARTMENTS = [
    ("规划建设部", ("land", "permits"), 1),
    ("经济发展部", ("finance", "policy"), 2),
    ("安全生产监督部", ("safety",), 3),
    ("人力资源服务中心", ("recruitment",), 4),
]
# How often each category comes up, out of 100.
CATEGORY_WEIGHTS = {
    "policy": 22,
    "power": 12,
    "recruitment": 12,
    "finance": 10,
    "permits": 10,
    "logistics": 9,
    "land": 7,
    "water": 6,
    "safety": 6,
    "other": 6,
}
SUBJECTS = {
    "land": ["二期扩建用地指标申请", "厂区围墙外闲置地块能否租用", "土地证办理进度咨询"],
    "power": ["申请变压器增容", "厂区频繁跳闸", "双回路供电改造"],
    "water": ["新厂房接入市政供水", "雨污分流改造咨询", "用水指标不足"],
    "recruitment": ["招聘数控技工困难", "应届生落户政策咨询", "员工公寓申请"],
    "finance": ["科技贷款贴息申请", "上市辅导对接", "设备融资租赁对接"],
    "permits": ["环评批复办理", "施工许可证办理", "排污许可变更"],
    "policy": ["高新技术企业认定辅导", "研发费用加计扣除咨询", "专精特新申报咨询"],
    "logistics": ["厂区门口增设公交站", "货车通行证办理", "园区道路夜间照明"],
    "safety": ["消防验收整改咨询", "危化品仓库设置指导", "安全生产标准化辅导"],
    "other": ["员工子女入学咨询", "食堂外包服务对接", "园区宽带提速"],
}
ANSWERS = [
    "已协调相关部门办理完毕，请企业确认。",
    "已现场对接并给出办理路径，材料清单已发企业联系人。",
    "已落实，后续由服务管家跟踪。",
]
# What a visit finds, with the category of the request it becomes.
FINDINGS = [title for titles in SUBJECTS.values() for title in titles]
FINDING_CATEGORY = {title: code for code, titles in SUBJECTS.items() for title in titles}
REOPEN_REASONS = ["问题仍未解决，需再次协调。", "答复与实际情况不符，请重新核实。"]
COMMENTS = {5: "响应及时，非常满意", 4: "办理顺利", 3: "基本解决，速度偏慢", 2: "拖延较久"}
COMMITMENTS = "重大事项一事一议\n每月上门走访一次\n诉求当日响应、3 个工作日内答复"

# The year's plan: how many requests end each way. The cohorts below the ordinary ones are
# the counts the demo's test holds.
ORDINARY = 300  # answered on time and closed with a rating
LATE = 18  # answered after the deadline: escalated first, then closed
REOPENED = 12  # answered, reopened by the enterprise, answered again and closed
WAITING = 8  # answered recently, not closed yet
OVERDUE = 6  # never answered, past the deadline: escalated by the final sweep
RECENT = 6  # received in the last day, not yet answered, not late
KEY_ENTERPRISES = 8
KEY_TAG = "重点企业"  # the district's tag of the key enterprises (enterprises/demo.py)


def _weighted(rng, weights: dict):
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def _at(day: dt.date, hour: float):
    moment = dt.datetime.combine(day, dt.time()) + dt.timedelta(hours=hour)
    return timezone.make_aware(moment)


def _working_day(rng, first: dt.date, last: dt.date) -> dt.date:
    span = (last - first).days
    while True:
        day = first + dt.timedelta(days=rng.randint(0, span))
        if is_working_day(day):
            return day


class _Year:
    """What the generator needs of the park: its enterprises, stewards, departments."""

    def __init__(self, rng, park, now):
        self.rng, self.park, self.now = rng, park, now
        self.today = timezone.localdate(now)
        self.firms = list(
            Enterprise.objects.filter(park=park, status=EnterpriseStatus.OPERATING)
            .select_related("zone__steward")
            .order_by("id")
        )
        self.categories = {c.code: c for c in RequestCategory.objects.all()}
        self.departments = {}

    def officers_and_departments(self):
        users = get_user_model()
        for name, codes, number in DEPARTMENTS:
            officer, created = users.objects.get_or_create(
                username=f"officer{number:02d}",
                defaults={
                    "role": Role.STEWARD,
                    "park": self.park,
                    "last_name": name[:2],
                    "first_name": "专员",
                },
            )
            if created:
                officer.set_unusable_password()
                officer.save()
            department, _created = Department.objects.get_or_create(park=self.park, name=name)
            department.members.add(officer)
            for code in codes:
                self.departments[code] = department

    def request(self, firm, received_at, code, source, visit=None):
        """Raise a request by the action, as its source would have (a visit's finding as the
        visit's button raises it)."""
        category = self.categories[code]
        title = visit.findings if visit else self.rng.choice(SUBJECTS[code])
        steward = firm.zone.steward if firm.zone_id else None
        department = self.departments.get(code)
        instance = ServiceRequest(source=source, visit=visit)
        values = {
            "enterprise": firm,
            "category": category,
            "title": title,
            "description": f"{firm.name}：{title}。",
            "assignee": None if department else steward,
            "department": department,
            "received_at": received_at,
        }
        actor = steward if source == Source.STEWARD else None
        return save_request(actor=actor, instance=instance, values=values)

    def handler(self, request):
        if request.assignee_id:
            return request.assignee
        members = list(request.department.members.all()) if request.department_id else []
        return members[0] if members else None

    def answer_within(self, request, start, days):
        """An answer on the `days`-th working day after `start` (0: the same day), during
        working hours and after the request's last step."""
        deadline_day = timezone.localtime(add_working_days(start, days)).date()
        moment = _at(deadline_day, self.rng.uniform(9, 17))
        return max(moment, start + dt.timedelta(minutes=self.rng.randint(30, 180)))

    def run(self, request, plan):
        """Take the plan's steps through the actions, each at its time; a step that would be
        later than now is not taken (the request stays where it is)."""
        by = self.handler(request)
        for step, at, extra in plan:
            if at > self.now:
                return
            if step == "escalate":
                escalate_overdue(now=at)
                continue
            actor = None if step in (Step.CLOSED, Step.REOPENED) else by
            take_step(request, step, actor=actor, at=at, **extra)  # it refreshes `request`

    def closing(self, answered, rating):
        at = answered + dt.timedelta(days=self.rng.randint(1, 3), hours=self.rng.randint(0, 3))
        return (Step.CLOSED, at, {"rating": rating, "note": COMMENTS.get(rating, "")})


def _plan(year, request, cohort):
    """The steps of one request, by its cohort."""
    rng = year.rng
    received = request.received_at
    days = request.category.service_days
    accepted = received + dt.timedelta(
        minutes=rng.choice([rng.randint(10, 240), rng.randint(900, 1300)])
    )
    steps = [(Step.ACCEPTED, accepted, {})]
    if cohort in ("ordinary", "waiting", "reopened"):
        answered = year.answer_within(request, received, rng.randint(0, days - 1))
        answered = max(answered, accepted + dt.timedelta(minutes=30))
        if rng.random() < 0.4:
            steps.append((Step.IN_PROGRESS, accepted + dt.timedelta(minutes=20), {}))
        steps.append((Step.ANSWERED, answered, {"note": rng.choice(ANSWERS)}))
        if cohort == "ordinary":
            steps.append(year.closing(answered, rng.choices([5, 4, 3], weights=[60, 32, 8])[0]))
        elif cohort == "reopened":
            reopened = answered + dt.timedelta(days=rng.randint(1, 4))
            steps.append((Step.REOPENED, reopened, {"note": rng.choice(REOPEN_REASONS)}))
            again = year.answer_within(request, reopened, rng.randint(1, days))
            steps.append((Step.ANSWERED, again, {"note": rng.choice(ANSWERS)}))
            steps.append(year.closing(again, rng.choice([3, 4])))
    elif cohort == "late":
        steps.append((Step.IN_PROGRESS, accepted + dt.timedelta(minutes=20), {}))
        steps.append(("escalate", request.deadline + dt.timedelta(minutes=5), {}))
        answered = year.answer_within(request, request.deadline, rng.randint(1, 5))
        steps.append((Step.ANSWERED, answered, {"note": rng.choice(ANSWERS)}))
        steps.append(year.closing(answered, rng.choice([2, 3, 4])))
    elif cohort == "overdue":
        steps = steps[: rng.randint(0, 1)]
    elif cohort == "recent":
        steps = []
    return steps


def _visits(year, keys, quiet):
    """A year of done visits by the zone's steward (key enterprises monthly, the rest from none
    to several, those who asked for fewer visits at most one), some with findings, and the
    visits planned: a few overdue, the rest in the next two weeks."""
    rng, today = year.rng, year.today
    first = today - dt.timedelta(days=364)
    rows = []
    for firm in year.firms:
        steward = firm.zone.steward if firm.zone_id else None
        if firm.pk in keys:  # about monthly
            days = [
                _working_day(
                    rng, first + dt.timedelta(days=30 * m), first + dt.timedelta(days=30 * m + 6)
                )
                for m in range(12)
            ]
        else:
            count = (
                rng.choice([0, 1])
                if firm.pk in quiet
                else rng.choices([0, 1, 2, 3, 4, 6], weights=[22, 30, 20, 12, 10, 6])[0]
            )
            days = sorted({_working_day(rng, first, today) for _ in range(count)})
        for day in days:
            finding = rng.random() < 0.15
            rows.append(
                Visit(
                    enterprise=firm,
                    steward=steward,
                    status=VisitStatus.DONE,
                    on=day,
                    people_met=rng.choice(["总经理", "行政经理", "财务总监", "董事长", "厂长"]),
                    notes=rng.choice(
                        ["了解生产经营情况", "宣讲惠企政策", "回访诉求办理情况", "了解扩产计划"]
                    ),
                    findings=rng.choice(FINDINGS) if finding else "",
                )
            )
        if steward is not None and rng.random() < 0.06:
            planned = today + dt.timedelta(days=rng.randint(-5, 14))
            rows.append(
                Visit(
                    enterprise=firm,
                    steward=steward,
                    status=VisitStatus.PLANNED,
                    on=planned,
                    notes="走访计划",
                )
            )
    create_with_history(rows, Visit)
    return [v for v in rows if v.findings]


def _packages(year, keys):
    officers = list(get_user_model().objects.filter(username__startswith="officer", park=year.park))
    for firm in year.firms:
        if firm.pk not in keys or not firm.zone_id or firm.zone.steward is None:
            continue
        members = officers[: 1 + firm.pk % 2]
        save_package(
            actor=None,
            instance=ServicePackage(),
            values={
                "enterprise": firm,
                "lead": firm.zone.steward,
                "members": members,
                "contact_every": ContactPlan.MONTHLY,
                "commitments": COMMITMENTS,
            },
        )


def _requests(year, findings):
    """The year's requests, each raised and moved by the actions, oldest first; the cohorts
    that must finish are received at least 40 days ago, the recent ones lately."""
    rng, now, today = year.rng, year.now, year.today
    first, settled = today - dt.timedelta(days=364), today - dt.timedelta(days=40)
    planned = []
    # Half the findings of the settled visits became requests the same afternoon.
    for visit in findings:
        if visit.on <= settled and rng.random() < 0.5 and len(planned) < ORDINARY // 5:
            at = _at(visit.on, rng.uniform(14, 17))
            planned.append((at, "ordinary", Source.VISIT, visit))
    cohorts = ["ordinary"] * (ORDINARY - len(planned)) + ["late"] * LATE + ["reopened"] * REOPENED
    rng.shuffle(cohorts)
    for cohort in cohorts:
        day = _working_day(rng, first, settled)
        after_hours = rng.random() < 0.1
        hour = rng.uniform(17.6, 21) if after_hours else rng.uniform(8.5, 17.5)
        source = rng.choices([Source.ENTERPRISE, Source.STEWARD], [55, 45])[0]
        planned.append((_at(day, hour), cohort, source, None))
    for _i in range(WAITING):
        day = _working_day(rng, today - dt.timedelta(days=30), today - dt.timedelta(days=3))
        planned.append((_at(day, rng.uniform(9, 11)), "waiting", Source.ENTERPRISE, None))
    for _i in range(OVERDUE):
        day = _working_day(rng, today - dt.timedelta(days=60), today - dt.timedelta(days=30))
        planned.append((_at(day, rng.uniform(9, 16)), "overdue", Source.ENTERPRISE, None))
    planned.sort(key=lambda p: p[0])
    for _i in range(RECENT):  # last, so no sweep before them sees them
        at = now - dt.timedelta(hours=rng.uniform(0.5, 20))
        planned.append((at, "recent", Source.STEWARD, None))
    made = 0
    for received, cohort, source, visit in planned:
        firm = visit.enterprise if visit else rng.choice(year.firms)
        code = FINDING_CATEGORY[visit.findings] if visit else _weighted(rng, CATEGORY_WEIGHTS)
        if cohort == "recent":
            code = rng.choice(["policy", "power", "finance"])  # five working days or more
        if cohort == "waiting":
            code = rng.choice(["safety", "policy", "power"])
        request = year.request(firm, received, code, source, visit)
        if cohort == "waiting":  # answered on the day, so it is answered by now
            take_step(request, Step.ACCEPTED, actor=year.handler(request), at=received)
            at = received + dt.timedelta(hours=2)
            take_step(request, Step.ANSWERED, actor=year.handler(request), at=at, note=ANSWERS[0])
        else:
            year.run(request, _plan(year, request, cohort))
        made += 1
    escalate_overdue(now=now)  # the sweep cron runs: today's overdue requests
    return made


@transaction.atomic
def seed(seed: int = 2024, *, now=None) -> int:
    """Load the demo park's service year (idempotent): the number of requests made."""
    park = Park.objects.filter(name=MAIN_PARK).first()
    if park is None or ServiceRequest.objects.filter(enterprise__park=park).exists():
        return 0
    rng = random.Random(seed)
    year = _Year(rng, park, now or timezone.now())
    if not year.firms:
        return 0
    year.officers_and_departments()
    # The key enterprises are the largest of those the register tags 重点企业 (the tag events
    # target), the largest untagged firms after them when fewer are tagged.
    tagged = set(
        Enterprise.tags.through.objects.filter(
            tag__name=KEY_TAG, tag__park__isnull=True, enterprise__park=park
        ).values_list("enterprise_id", flat=True)
    )
    by_size = sorted(
        year.firms, key=lambda f: (f.pk not in tagged, -(f.registered_capital or 0), f.pk)
    )
    keys = {f.pk for f in by_size[:KEY_ENTERPRISES]}
    quiet = {f.pk for f in rng.sample(year.firms, min(10, len(year.firms))) if f.pk not in keys}
    profiles = [
        ServiceProfile(enterprise_id=pk, fewer_visits=True, note="企业希望无事不扰，有事电话联系")
        for pk in sorted(quiet)
    ]
    create_with_history(profiles, ServiceProfile)
    findings = _visits(year, keys, quiet)
    _packages(year, keys)
    return _requests(year, findings)
