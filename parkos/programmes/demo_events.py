"""The demo park's 2024 programmes, reproducing the figures of seed article 000 from rows: 44
events (policy trainings, salons, job fairs…, 3 of them finance matching) with 868 enterprise
attendances (企业家次 = distinct (event, enterprise) pairs), registrations and feedback; the
park loan 湾区贷 with its partner banks, its rounds, and round 7's 12 firms demanding 7.69 亿元,
one of them granted a credit line. Deterministic (a seeded generator, fixed lists) and
idempotent (a second run adds nothing)."""

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from parkos.enterprises.choices import EnterpriseStatus
from parkos.enterprises.demo import MAIN_PARK
from parkos.enterprises.models import Enterprise, Tag
from parkos.parks.models import Park

from .choices import EventKind
from .financing import actions as financing_actions
from .financing.models import Bank, FinancingDemand, LoanProgramme, LoanRound, PartnerBank
from .models import Attendance, Event, Registration

YEAR = 2024
KEY_TAG = "重点企业"  # the district's tag of the key enterprises (enterprises/demo.py)
FOR_KEY_ENTERPRISES = {"企业家早餐会", "专精特新企业申报辅导"}
ATTENDANCES = 868
WAN = Decimal(10_000)

# kind → the topics of its events in 2024 (44 in all, 3 finance matching).
EVENTS = {
    EventKind.POLICY_TRAINING: [
        "高新技术企业认定政策宣讲会",
        "研发费用加计扣除政策解读",
        "专精特新企业申报辅导",
        "技改项目申报培训",
        "知识产权质押融资政策培训",
        "人才安居政策说明会",
        "出口退税政策解读",
        "安全生产新规培训",
        "数字化转型政策宣讲",
        "科技型中小企业评价培训",
        "产业扶持资金申报辅导",
        "统计报表填报培训",
        "节能降碳政策解读",
        "企业所得税汇算清缴辅导",
    ],
    EventKind.SALON: [
        "企业家早餐会",
        "生物医药创新沙龙",
        "新材料技术沙龙",
        "低空经济应用沙龙",
        "智能制造交流沙龙",
        "人力资源经理沙龙",
        "财务总监沙龙",
        "出海企业交流沙龙",
        "青年创业者沙龙",
        "供应链协同沙龙",
    ],
    EventKind.JOB_FAIR: [
        "春季专场招聘会",
        "高校毕业生双选会",
        "技能人才专场招聘会",
        "夏季专场招聘会",
        "秋季校园招聘会",
        "退役军人专场招聘会",
    ],
    EventKind.FINANCE_MATCHING: [
        "“湾区贷”银企对接会",
        "科创企业投融资路演",
        "知识产权金融服务对接会",
    ],
    EventKind.CHAIN_MATCHMAKING: [
        "新能源汽车零部件产业链对接会",
        "生物医药产业链供需对接会",
        "智能装备产业链对接会",
        "新材料上下游对接会",
        "低空经济产业链对接会",
    ],
    EventKind.INVESTMENT_PROMOTION: ["园区招商推介会", "重点产业招商推介会", "进博会园区推介会"],
    EventKind.FORUM: ["园区发展论坛", "产学研合作论坛", "湾区数字经济论坛"],
}
PLACES = ["园区服务中心一号会议室", "创新大厦报告厅", "人才公寓多功能厅", "科创广场"]
ORGANISERS = {
    EventKind.POLICY_TRAINING: "园区经济发展部",
    EventKind.SALON: "园区企业服务中心",
    EventKind.JOB_FAIR: "区人力资源和社会保障局",
    EventKind.FINANCE_MATCHING: "园区企业服务中心",
    EventKind.CHAIN_MATCHMAKING: "园区产业促进部",
    EventKind.INVESTMENT_PROMOTION: "园区招商中心",
    EventKind.FORUM: "园区管委会",
}

PROGRAMME = "湾区贷"
# Fictional banks: name, smallest and largest loan (万元, None: no limit), longest term (months).
BANKS = [
    ("滨湾农村商业银行", None, 3000, 36),
    ("申港银行", 500, 10000, 60),
    ("东海商业银行", 1000, None, 60),
    ("江南科技银行", None, 5000, 36),
    ("海湾发展银行", 3000, None, 120),
]
ROUNDS = {  # number → (opens, closes)
    1: (dt.date(2021, 3, 1), dt.date(2021, 5, 31)),
    2: (dt.date(2021, 9, 1), dt.date(2021, 11, 30)),
    3: (dt.date(2022, 3, 1), dt.date(2022, 5, 31)),
    4: (dt.date(2022, 9, 1), dt.date(2022, 11, 30)),
    5: (dt.date(2023, 3, 1), dt.date(2023, 5, 31)),
    6: (dt.date(2023, 9, 1), dt.date(2023, 11, 30)),
    7: (dt.date(2024, 4, 1), dt.date(2024, 6, 30)),
}
ROUND = 7
# Round 7: 12 firms, 76,900 万元 = 7.69 亿元 of demand (amount in 万元, term in months, purpose).
DEMANDS = [
    (12000, 60, "新建厂房及产线"),
    (9500, 36, "设备更新改造"),
    (8000, 36, "研发中心建设"),
    (7500, 24, "流动资金"),
    (7000, 36, "智能化改造"),
    (6500, 24, "原材料采购"),
    (6000, 60, "扩大产能"),
    (5400, 24, "流动资金"),
    (5000, 36, "技术改造"),
    (4500, 12, "订单备货"),
    (3500, 12, "流动资金"),
    (2000, 12, "研发投入"),
]
GRANTED = (3, "申港银行", 5000, dt.date(2024, 7, 18))  # (demand, bank, 万元, date): a credit line
MATCHED = {0: "海湾发展银行", 1: "东海商业银行", 2: "东海商业银行", 6: "海湾发展银行"}
DECLINED = {10: "抵押物不足，建议下一轮补充担保后再申请"}


MOST_PER_EVENT = 26


def _split(rng, total, parts):
    """`total` attendances over `parts` events, each 14–26, in a seeded order."""
    base, extra = divmod(total, parts)
    sizes = [base + (i < extra) for i in range(parts)]
    for _ in range(parts * 3):  # move some attendance between events, keeping the total
        i, j = rng.randrange(parts), rng.randrange(parts)
        if sizes[i] > 14 and sizes[j] < MOST_PER_EVENT and i != j:
            sizes[i] -= 1
            sizes[j] += 1
    return sizes


def _dates(rng, n):
    return sorted(dt.date(YEAR, rng.randint(1, 12), rng.randint(1, 28)) for _ in range(n))


def _events(rng, park):
    events = []
    for kind, topics in EVENTS.items():
        for title in topics:
            events.append((kind, title))
    dates = _dates(rng, len(events))
    rng.shuffle(events)
    return [
        Event(
            park=park,
            kind=kind,
            title=title,
            organiser=ORGANISERS[kind],
            on=on,
            starts_at=dt.time(rng.choice([9, 14]), 0),
            place=rng.choice(PLACES),
            capacity=rng.choice([None, 40, 60]),
            description="",
        )
        for (kind, title), on in zip(events, dates, strict=True)
    ]


def seed_events(rng, park, firms) -> int:
    if Event.objects.filter(park=park, on__year=YEAR).exists():
        return 0
    events = _events(rng, park)
    bulk_create_with_history(events, Event, batch_size=500)
    events = list(Event.objects.filter(park=park, on__year=YEAR).order_by("on", "id"))
    if key := Tag.objects.filter(name=KEY_TAG, park__isnull=True).first():
        for event in events:
            if event.title in FOR_KEY_ENTERPRISES:
                event.tags.add(key)
    sizes = _split(rng, ATTENDANCES, len(events))
    registrations, attendances = [], []
    for event, size in zip(events, sizes, strict=True):
        came = rng.sample(firms, size)
        no_shows = rng.sample([f for f in firms if f not in came], 2)
        registered = [f for f in came if rng.random() < 0.8] + no_shows
        registrations += [Registration(event=event, enterprise=f) for f in registered]
        attendances += [Attendance(event=event, enterprise=f) for f in came]
    bulk_create_with_history(registrations, Registration, batch_size=1000)
    by_pair = {
        (r.event_id, r.enterprise_id): r.pk
        for r in Registration.objects.filter(event__in=events).only("event_id", "enterprise_id")
    }
    for a in attendances:
        a.registration_id = by_pair.get((a.event_id, a.enterprise_id))
        if rng.random() < 0.3:  # some feedback
            a.rating = rng.choice([3, 4, 4, 5, 5, 5])
            a.comment = rng.choice(["", "内容实用", "希望多办", "时间安排合理"])
            a.feedback_at = dt.datetime.combine(a.event.on, dt.time(18), tzinfo=dt.UTC)
    bulk_create_with_history(attendances, Attendance, batch_size=1000)
    return len(events)


def seed_financing(rng, park, firms) -> int:
    if LoanProgramme.objects.filter(park=park, name=PROGRAMME).exists():
        return 0
    programme = LoanProgramme.objects.create(
        park=park,
        name=PROGRAMME,
        description="园区与合作银行推出的科技企业贷款项目，按轮次受理企业融资需求。",
    )
    banks = {}
    for name, low, high, term in BANKS:
        banks[name] = Bank.objects.get_or_create(name=name)[0]
        PartnerBank.objects.create(
            programme=programme,
            bank=banks[name],
            min_amount=None if low is None else low * WAN,
            max_amount=None if high is None else high * WAN,
            max_term_months=term,
        )
    rounds = {
        number: LoanRound.objects.create(
            programme=programme, number=number, opens_on=opens, closes_on=closes
        )
        for number, (opens, closes) in ROUNDS.items()
    }
    chosen = rng.sample(firms, len(DEMANDS))
    demands = []
    for firm, (amount, term, purpose) in zip(chosen, DEMANDS, strict=True):
        demand = FinancingDemand(
            round=rounds[ROUND],
            enterprise=firm,
            amount=amount * WAN,
            purpose=purpose,
            term_months=term,
            collateral=rng.choice(["credit", "mortgage", "guarantee", "pledge"]),
        )
        demand._history_user = None
        demand.save()
        demands.append(demand)
    # The steps, through the actions (the operator: actor=None), so each is in the history.
    index, bank, granted, on = GRANTED
    financing_actions.match(demands[index], banks[bank], actor=None)
    financing_actions.grant(demands[index], granted * WAN, on, actor=None)
    for index, bank in MATCHED.items():
        financing_actions.match(demands[index], banks[bank], actor=None)
    for index, reason in DECLINED.items():
        financing_actions.decline(demands[index], reason, actor=None)
    return len(demands)


@transaction.atomic
def seed_events_and_financing(seed: int = 2024) -> int:
    """The main park's 2024 events and the loan programme; 0 when there is no demo park or
    they are already loaded."""
    park = Park.objects.filter(name=MAIN_PARK).first()
    if park is None:
        return 0
    firms = list(
        Enterprise.objects.filter(park=park, status=EnterpriseStatus.OPERATING).order_by("uscc")
    )
    if len(firms) < MOST_PER_EVENT + 2:  # a demo too small for the article's events
        return 0
    rng = random.Random(seed)
    return seed_events(rng, park, firms) + seed_financing(rng, park, firms)
