"""The demo park's policy projects and honours of 2024, generated deterministically.

Its 2024 rows reproduce the year-end report of seed article 000: 553 applications for
industry-support projects; district technical-renovation (技改) projects with 6 approved (立项),
8 funded (拨款) and 12 recommended for the year's second batch; and the honours as printed (2
new national 小巨人, 23 municipal 专精特新, 2 national 小巨人 re-certified, 3 municipal enterprise
technology centres, 1 municipal smart factory, 1 district digital-transformation benchmark, 6
district 科技小巨人, 2 district engineering research centres, 2 district quality gold awards):
42 rows, where the article says 41 (docs/programmes.md). The technical-renovation projects and
the honours go through the workflow's actions; the 553 applications are written as an import of
the staff's log would write them, after the same record checks."""

import datetime as dt
import math
import random
from decimal import Decimal

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from parkos.enterprises.actions import record_honour_award
from parkos.enterprises.choices import AwardStatus, EnterpriseStatus
from parkos.enterprises.demo import HONOURS_2024, MAIN_PARK
from parkos.enterprises.models import Enterprise, HonourAward, HonourType
from parkos.parks.models import Park

from . import policy_actions as actions
from .choices import HonourApplicationStatus as HS
from .choices import ProjectStatus as PS
from .models import HonourCriteria, PolicyCall, PolicyProject
from .rules import evaluate, portraits, project_record_problems

YEAR = 2024
INDUSTRY_SUPPORT_APPLICATIONS = 553
TECH_APPROVED, TECH_FUNDED, TECH_RECOMMENDED = 6, 8, 12
DEPARTMENT = "区经济委员会"
FIRST_TECH_CALL = f"{YEAR}年度区级技术改造项目"
# Criteria of the catalogue's SRDI honours. The demo's are lenient so that every firm the
# register's demo already gave a 2024 award meets them (a real park types its city's rules in).
HONOUR_CRITERIA = {
    ("专精特新中小企业", "municipal"): {"min_years": 1, "min_rd_intensity": "0.5"},
    ("专精特新“小巨人”企业", "national"): {"min_years": 1, "min_rd_intensity": "0.5"},
}


def _day(month, day):
    return dt.date(YEAR, month, day)


def _cents(rng, low_wan, high_wan):
    return Decimal(round(rng.uniform(low_wan, high_wan) * 10_000, 2)).quantize(Decimal("0.01"))


def seed_policy(seed: int = YEAR) -> int:
    """Create the demo park's 2024 calls, projects and honour applications; nothing when they
    are there already (or when the demo park is not). Returns the rows created."""
    main = Park.objects.filter(name=MAIN_PARK).first()
    if main is None or PolicyCall.objects.filter(park=main, title=FIRST_TECH_CALL).exists():
        return 0
    rng = random.Random(seed)
    firms = list(
        Enterprise.objects.filter(park=main, status=EnterpriseStatus.OPERATING).order_by("id")
    )
    with transaction.atomic():
        created = _criteria()
        created += _industry_support(rng, main, firms)
        created += _tech_renovation(rng, main, firms)
        created += _honours(rng, firms)
    return created


def _criteria():
    created = 0
    for (name, level), criteria in HONOUR_CRITERIA.items():
        honour = HonourType.objects.filter(name=name, level=level).first()
        if honour is not None:
            _row, new = HonourCriteria.objects.get_or_create(
                honour_type=honour, defaults={"criteria": criteria}
            )
            created += new
    return created


def _industry_support(rng, main, firms):
    """553 applications over the year's industry-support calls (district and municipal, in
    batches), each enterprise at most once per call; their outcome drawn, amounts to the
    cent."""
    n_calls = max(5, math.ceil(INDUSTRY_SUPPORT_APPLICATIONS / max(len(firms), 1) * 1.4))
    calls = []
    for i in range(n_calls):
        level = "district" if i % 2 == 0 else "municipal"
        batch = i // 2 + 1
        calls.append(
            PolicyCall.objects.create(
                park=main,
                title=f"{YEAR}年度{'区级' if level == 'district' else '市级'}产业扶持资金",
                kind="industry_support",
                level=level,
                year=YEAR,
                batch=batch,
                department=DEPARTMENT if level == "district" else "市经济和信息化委员会",
                deadline=_day(min(3 + 3 * (batch - 1), 11), 30),
            )
        )
    pairs = [(c, f) for c in calls for f in firms]
    chosen = rng.sample(pairs, min(INDUSTRY_SUPPORT_APPLICATIONS, len(pairs)))
    projects = []
    for call, firm in sorted(chosen, key=lambda p: (p[0].pk, p[1].pk)):
        applied_on = call.deadline - dt.timedelta(days=rng.randint(1, 40))
        applied = _cents(rng, 5, 200)
        roll = rng.random()
        values = {
            "status": PS.APPLIED,
            "applied_on": applied_on,
            "applied_amount": applied,
        }
        if roll < 0.65:  # approved, most of them funded
            approved = (applied * Decimal(rng.uniform(0.5, 1))).quantize(Decimal("0.01"))
            values.update(
                status=PS.APPROVED,
                approved_on=min(applied_on + dt.timedelta(days=rng.randint(30, 90)), _day(12, 20)),
                approved_amount=approved,
            )
            if roll < 0.45:
                values.update(
                    status=PS.FUNDED,
                    disbursed_on=min(
                        values["approved_on"] + dt.timedelta(days=rng.randint(10, 60)),
                        _day(12, 31),
                    ),
                    disbursed_amount=approved,
                )
        elif roll < 0.8:
            values.update(
                status=PS.REJECTED,
                closed_on=min(applied_on + dt.timedelta(days=rng.randint(30, 90)), _day(12, 20)),
            )
        assert not project_record_problems(values), (firm, values)
        projects.append(PolicyProject(call=call, enterprise=firm, **values))
    bulk_create_with_history(projects, PolicyProject, batch_size=1000)
    return len(calls) + len(projects)


def _tech_renovation(rng, main, firms):
    """The district's 技改 calls: the first batch's 14 projects, 6 approved and 8 funded; 12
    above-scale firms recommended for the second batch. Every step through the actions."""
    criteria = {"above_scale": True}
    first, second = (
        PolicyCall.objects.create(
            park=main,
            title=FIRST_TECH_CALL,
            kind="tech_renovation",
            level="district",
            year=YEAR,
            batch=batch,
            department=DEPARTMENT,
            deadline=deadline,
            criteria=criteria,
        )
        for batch, deadline in ((1, _day(4, 30)), (2, _day(12, 31)))
    )
    found = portraits(firms, YEAR)
    eligible = [f for f in firms if evaluate(criteria, found[f.pk], park_id=main.pk).eligible]
    chosen = rng.sample(eligible, TECH_APPROVED + TECH_FUNDED + TECH_RECOMMENDED)
    for i, firm in enumerate(chosen[: TECH_APPROVED + TECH_FUNDED]):
        actions.recommend_project(first, firm, actor=None, on=_day(3, 1 + i))
        project = actions.apply_project(
            first, firm, actor=None, amount=_cents(rng, 100, 1500), on=_day(4, 1 + i)
        )
        approved = (project.applied_amount * Decimal("0.3")).quantize(Decimal("0.01"))
        project = actions.approve_project(project, actor=None, amount=approved, on=_day(7, 1 + i))
        if i >= TECH_APPROVED:
            actions.disburse_project(project, actor=None, amount=approved, on=_day(10, 1 + i))
    for i, firm in enumerate(chosen[TECH_APPROVED + TECH_FUNDED :]):
        actions.recommend_project(second, firm, actor=None, on=_day(11, 1 + i))
    return 2 + len(chosen)


def _honours(rng, firms):
    """The honours as printed, one application a row, each recommended → applied → decided;
    the decision writes the register's award. The main park's firms that the register's demo
    already gave that 2024 award are taken first, so the register and the workflow agree."""
    types = {(h.name, h.level): h for h in HonourType.objects.all()}
    by_id = {f.pk: f for f in firms}
    found = portraits(firms, YEAR)
    used = set()
    count = 0
    for name, level, status, n in HONOURS_2024:
        honour = types[(name, level)]
        criteria = HONOUR_CRITERIA.get((name, level), {})
        holders = HonourAward.objects.filter(
            honour_type=honour, year=YEAR, status=status, enterprise_id__in=by_id
        ).values_list("enterprise_id", flat=True)
        first = [by_id[pk] for pk in sorted(holders)]
        rest = [f for f in firms if f.pk not in set(holders)]
        rng.shuffle(rest)
        picked = []
        for firm in first + rest:
            if len(picked) == n:
                break
            taken = (firm.pk, honour.pk) in used
            held = HonourAward.objects.filter(enterprise=firm, honour_type=honour, year=YEAR)
            if taken or (firm not in first and held.exists()):
                continue
            if evaluate(criteria, found[firm.pk]).eligible:
                picked.append(firm)
        for firm in picked:
            used.add((firm.pk, honour.pk))
            if (
                status == AwardStatus.RECERTIFIED
                and not HonourAward.objects.filter(
                    enterprise=firm, honour_type=honour, year__lt=YEAR
                ).exists()
            ):  # the award the re-certification confirms
                record_honour_award(
                    actor=None,
                    enterprise=firm,
                    honour_type=honour,
                    year=YEAR - 3,
                    status=AwardStatus.AWARDED,
                )
            month = {"national": 9, "municipal": 10, "district": 11}[level]
            application = actions.recommend_honour(
                firm, honour, YEAR, actor=None, on=_day(month - 6, 10)
            )
            application = actions.apply_honour(application, actor=None, on=_day(month - 5, 15))
            actions.decide_honour(
                application,
                actor=None,
                outcome=HS.RECERTIFIED if status == AwardStatus.RECERTIFIED else HS.AWARDED,
                on=_day(month, 20),
            )
            count += 1
    return count
