"""The demo park's investment pipeline, 2022–2024, generated deterministically.

Its 2024 rows reproduce the year-end report of seed article 000: 57 projects signed with
169.87 亿元 of planned investment against a target of 153 亿元 (111 %), five of them signed at
the import expo (the five investors the article names), and projects brought back from a trip
to Germany and Italy in July. The other investor names are made up from word lists."""

import datetime as dt
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from parkos.core.roles import Role
from parkos.enterprises.demo import MAIN_PARK, PARK_SCHEME
from parkos.enterprises.models import Cluster, Enterprise, IndicatorYear
from parkos.parks.models import Park
from parkos.portal.models import Enquiry

from .actions import lead_from_enquiry
from .choices import PIPELINE, RANK, Channel, Stage
from .models import AnnualTarget, Project, StageChange

WAN = Decimal(10_000)
YI = Decimal(100_000_000)
LATEST = dt.date(2025, 12, 31)  # the demo's projects have moved up to the end of 2025
EXPO = "第七届中国国际进口博览会"
EXPO_DAY = dt.date(2024, 11, 6)
TRIP = "2024年7月赴德国、意大利招商"
FORUM = "上海城市投资推介大会"
# Expos and trips abroad are the named events below; the rest come through everyday channels.
ORDINARY_CHANNELS = [
    Channel.FORUM,
    Channel.REFERRAL,
    Channel.REFERRAL,
    Channel.WALK_IN,
    Channel.OTHER,
]
# year: (signed projects, planned investment in 万元, target in 亿元, target count, foreign 亿元)
YEARS = {
    2022: (41, Decimal("1268400"), Decimal(120), 40, None),
    2023: (48, Decimal("1497300"), Decimal(140), 45, None),
    2024: (57, Decimal("1698700"), Decimal(153), 50, Decimal(10)),
}
# Signed at the 7th import expo, as seed article 000 names them.
EXPO_INVESTORS = ["中阀科技", "赛腾医疗", "雪湖科技", "易普集", "艾蒂"]
FOREIGN = [
    ("德国", "Kessler Antriebstechnik GmbH"),
    ("意大利", "Valtorre Meccanica S.p.A."),
    ("德国", "Nordhaus Medizintechnik AG"),
    ("日本", "株式会社光陽精機"),
    ("新加坡", "Lionbay Electronics Pte. Ltd."),
]
WORDS = "瀚睿霁澜铂衡启拓骐朗曜芯璟沐岚"
TRADES = {
    "NEV": ["电驱科技", "动力电池", "汽车电子"],
    "BIO": ["生物医药", "医疗器械", "细胞科技"],
    "MAT": ["新材料", "高分子材料", "碳纤维"],
    "UAV": ["无人机", "航空科技"],
    "EQP": ["智能装备", "机器人", "精密机械"],
    "DIG": ["数据科技", "光电科技", "软件"],
    "X": ["食品", "金属制品"],
}
CITIES = ["上海", "苏州", "杭州", "深圳", "宁波", "无锡", "南京", "合肥"]
LOST_REASONS = [
    "投资方改投外省园区，土地价格差距较大",
    "集团战略调整，项目暂缓",
    "环评要求无法满足",
    "融资未落实",
]
ACTIONS = ["约谈投资方高管", "报送项目评审材料", "陪同踏勘地块", "商谈投资协议条款", "对接环评"]


def _split(rng, total_wan: Decimal, n: int) -> list[Decimal]:
    """n amounts in 万元 (whole numbers) that add up to exactly `total_wan`."""
    weights = [rng.lognormvariate(0, 0.9) for _ in range(n)]
    scale = total_wan / Decimal(str(sum(weights)))
    amounts = [max(Decimal(800), (Decimal(str(w)) * scale).quantize(Decimal(1))) for w in weights]
    amounts[-1] += total_wan - sum(amounts)
    assert amounts[-1] > 0 and sum(amounts) == total_wan
    return amounts


def _staff(park):
    User = get_user_model()
    made = []
    for number, name in enumerate(["周", "吴", "郑", "冯"], 1):
        user, created = User.objects.get_or_create(
            username=f"investment{number:02d}",
            defaults={
                "role": Role.INVESTMENT,
                "park": park,
                "last_name": name,
                "first_name": "招商",
            },
        )
        if created:
            user.set_unusable_password()
            user.save()
        made.append(user)
    return made


class _Maker:
    def __init__(self, rng, park, clusters, staff):
        self.rng, self.park, self.clusters, self.staff = rng, park, clusters, staff
        self.names: set[str] = set()

    def unique(self, name):
        """A project name not used yet in the park (a second phase of the same investor)."""
        phase = 1
        candidate = name
        while candidate in self.names:
            phase += 1
            candidate = f"{name}（{phase}期）"
        self.names.add(candidate)
        return candidate

    def investor(self, code):
        while True:
            name = (
                f"{self.rng.choice(CITIES)}{self.rng.choice(WORDS)}{self.rng.choice(WORDS)}"
                f"{self.rng.choice(TRADES[code])}有限公司"
            )
            if name not in self.names:
                self.names.add(name)
                return name

    def project(self, *, amount_wan, signed_on=None, final=None, channel=None, event="", **extra):
        rng = self.rng
        code = rng.choice(list(self.clusters))
        investor = extra.pop("investor", None) or self.investor(code)
        channel = channel or rng.choice(ORDINARY_CHANNELS)
        land = amount_wan >= 10000 and rng.random() < 0.5  # small projects rent floor space
        invest = amount_wan * WAN
        land_mu = (invest / (WAN * rng.randint(650, 1300))).quantize(Decimal(1)) if land else None
        basis = land_mu if land else (invest / WAN / 1000).quantize(Decimal(1)) or Decimal(5)
        project = Project(
            park=self.park,
            name=self.unique(f"{investor.removesuffix('有限公司')}项目"[:90]),
            investor_name=investor,
            cluster=self.clusters[code],
            channel=channel,
            source_event=event or (FORUM if channel == Channel.FORUM else ""),
            owner=rng.choice(self.staff),
            planned_investment=invest,
            land_need_mu=land_mu,
            floor_need_m2=None if land else Decimal(rng.choice([2000, 3500, 5000, 8000, 12000])),
            promised_output=basis * WAN * rng.randint(850, 1500),
            promised_tax=basis * WAN * rng.randint(105, 180),
            **extra,
        )
        return self._walk(project, signed_on, final)

    def _walk(self, project, signed_on, final):
        """Give the project its timeline: the stages up to `final`, dated in order."""
        rng = self.rng
        if signed_on is None:  # still in the pipeline
            start = dt.date(2024, rng.randint(3, 12), rng.randint(1, 28))
            reached = rng.randint(1, 3) if final == Stage.LOST else RANK[final] + 1
            path = PIPELINE[:reached]
        else:
            start = signed_on - dt.timedelta(days=rng.randint(60, 240))
            path = PIPELINE[: RANK[final] + 1]
            if not project.land_need_mu:
                path = [s for s in path if s != Stage.LAND_ACQUIRED]
        steps, day = [], start
        for stage in path:
            if stage == Stage.SIGNED and signed_on is not None:
                day = signed_on
            elif stage != path[0]:
                day = min(LATEST, day + dt.timedelta(days=rng.randint(30, 200)))
            steps.append((stage, day))
        if final == Stage.LOST:
            steps.append((Stage.LOST, min(LATEST, day + dt.timedelta(days=rng.randint(20, 90)))))
        project.stage, project.stage_since = steps[-1]
        project.signed_on = signed_on
        if project.stage == Stage.LOST:
            project.lost_reason = rng.choice(LOST_REASONS)
        if project.stage not in (Stage.LOST, Stage.AT_CAPACITY):
            project.next_action = rng.choice(ACTIONS)
            project.next_action_on = project.stage_since + dt.timedelta(days=rng.randint(7, 60))
        project._history_user = project.owner
        project.save()
        previous = ""
        for stage, day in steps:
            StageChange.objects.create(
                project=project,
                from_stage=previous,
                to_stage=stage,
                on=day,
                by=project.owner,
                note=project.lost_reason if stage == Stage.LOST else "",
            )
            previous = stage
        return project


def _signed_dates(rng, year, n):
    return sorted(dt.date(year, rng.randint(1, 12), rng.randint(1, 28)) for _ in range(n))


AFTER_SIGNING = {  # how far a project signed in a year had got by the end of 2025
    2022: [Stage.IN_PRODUCTION, Stage.AT_CAPACITY],
    2023: [Stage.CONSTRUCTION_STARTED, Stage.IN_PRODUCTION],
    2024: [Stage.SIGNED, Stage.LAND_ACQUIRED, Stage.CONSTRUCTION_STARTED],
}


@transaction.atomic
def seed(seed: int = 2024):
    park = Park.objects.filter(name=MAIN_PARK).first()
    if park is None or Project.objects.filter(park=park).exists():
        return 0
    rng = random.Random(seed)
    clusters = {c.code: c for c in Cluster.objects.filter(scheme__name=PARK_SCHEME)}
    maker = _Maker(rng, park, clusters, _staff(park))
    made = []
    for year, (count, total_wan, target_yi, target_count, foreign_yi) in YEARS.items():
        AnnualTarget.objects.create(
            park=park,
            year=year,
            signed_investment=target_yi * YI,
            signed_count=target_count,
            foreign_capital=foreign_yi * YI if foreign_yi else None,
        )
        amounts = _split(rng, total_wan, count)
        dates = _signed_dates(rng, year, count)
        for i, (amount, signed_on) in enumerate(zip(amounts, dates, strict=True)):
            extra = {}
            if year == 2024 and i >= count - len(EXPO_INVESTORS):
                k = i - (count - len(EXPO_INVESTORS))
                signed_on, extra = (
                    EXPO_DAY,
                    {
                        "channel": Channel.EXPO,
                        "event": EXPO,
                        "investor": EXPO_INVESTORS[k],
                    },
                )
            elif year == 2024 and i in (20, 31):
                country, investor = FOREIGN[0 if i == 20 else 1]
                signed_on = dt.date(2024, 9 if i == 20 else 10, 18)
                extra = {
                    "channel": Channel.VISIT_ABROAD,
                    "event": TRIP,
                    "investor": investor,
                    "investor_country": country,
                    "is_foreign": True,
                    "foreign_capital": (amount * WAN * Decimal("0.6")).quantize(WAN),
                }
            elif rng.random() < 0.08:
                country, investor = rng.choice(FOREIGN[2:])
                extra = {
                    "investor": investor,
                    "investor_country": country,
                    "is_foreign": True,
                    "foreign_capital": (amount * WAN * Decimal("0.5")).quantize(WAN),
                }
            final = rng.choice(AFTER_SIGNING[year])
            made.append(maker.project(amount_wan=amount, signed_on=signed_on, final=final, **extra))
    # The live pipeline, and the projects that got away.
    for final in [Stage.LEAD] * 8 + [Stage.CONTACTED] * 7 + [Stage.NEGOTIATING] * 9:
        made.append(maker.project(amount_wan=Decimal(rng.randint(3000, 60000)), final=final))
    for country, investor in FOREIGN[:2]:
        made.append(
            maker.project(
                amount_wan=Decimal(rng.randint(20000, 80000)),
                final=Stage.NEGOTIATING,
                channel=Channel.VISIT_ABROAD,
                event=TRIP,
                investor=investor,
                investor_country=country,
                is_foreign=True,
            )
        )
    for _ in range(6):
        made.append(maker.project(amount_wan=Decimal(rng.randint(3000, 40000)), final=Stage.LOST))
    _keep_promises(rng, park, [p for p in made if p.signed_on and p.signed_on.year == 2022])
    for enquiry in Enquiry.objects.filter(park=park, project__isnull=True):
        lead_from_enquiry(Enquiry, enquiry)
    return len(made)


def _keep_promises(rng, park, projects):
    """Link projects signed in 2022 to registered enterprises; most keep their promise at
    capacity, three fall short (the list of projects below promise is not empty)."""
    firms = list(
        Enterprise.objects.filter(park=park, own_land_mu__gte=10, years__year=2024)
        .filter(years__output_value__gt=0, years__tax_paid__gt=0)
        .distinct()
        .order_by("id")[: len(projects)]
    )
    figures = {
        f.enterprise_id: f for f in IndicatorYear.objects.filter(enterprise__in=firms, year=2024)
    }
    for i, (project, firm) in enumerate(zip(projects[:10], firms, strict=False)):
        f = figures[firm.pk]
        land = firm.land_mu
        factor = Decimal("1.25") if i % 4 == 3 else Decimal("0.9")  # above 1: not kept
        project.enterprise = firm
        project.land_need_mu = firm.own_land_mu
        project.floor_need_m2 = None
        project.promised_output = (f.output_value / land * factor * firm.own_land_mu).quantize(WAN)
        project.promised_tax = (f.tax_paid / land * factor * firm.own_land_mu).quantize(WAN)
        project.save()
