"""A fictional but realistic demo district, generated deterministically from a seed.

Used by `seed_demo` (the demo for new users) and by the benchmarks (20,000 enterprises, ten
years of monthly figures). Names are assembled from word lists — no real company — and every
USCC carries valid check characters. Edge cases are there on purpose: enterprises with no land,
missing energy data, moved out, founded last year."""

import datetime as dt
import math
import random
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from simple_history.utils import bulk_create_with_history
from stdnum.cn import uscc

from parkos.parks.models import Park, Zone

from .choices import AwardStatus, EnterpriseStatus
from .models import (
    Cluster,
    ClusterScheme,
    Contact,
    Enterprise,
    HonourAward,
    HonourType,
    IndicatorMonth,
    IndicatorYear,
    Tag,
)

MAIN_PARK = "滨湾高新技术产业园区"
SECOND_PARK = "枫林智造产业园"
DISTRICT_SCHEME = "区四大产业集群（LINE）"
PARK_SCHEME = "滨湾“3+3+X”产业体系"
WAN = Decimal(10_000)

# code, name, (trade word in the name, its GB/T 4754-2017 class), output per mu (万元), tax rate
PARK_CLUSTERS = [
    (
        "NEV",
        "新能源汽车核心零部件",
        [
            ("动力科技", "C3670"),
            ("汽车部件", "C3670"),
            ("电驱系统", "C3812"),
            ("电池科技", "C3841"),
        ],
        900,
        0.045,
    ),
    (
        "BIO",
        "生物医药",
        [("生物科技", "C2761"), ("医药", "C2720"), ("医疗器械", "C3581"), ("生命科学", "C2762")],
        1300,
        0.07,
    ),
    (
        "MAT",
        "新材料",
        [("新材料", "C2659"), ("高分子材料", "C2651"), ("复合材料", "C3062"), ("碳纤维", "C3091")],
        700,
        0.04,
    ),
    (
        "UAV",
        "低空经济",
        [("无人机", "C3963"), ("航空科技", "C3744"), ("飞行器", "C3741")],
        800,
        0.05,
    ),
    (
        "EQP",
        "智能装备",
        [
            ("智能装备", "C3491"),
            ("精密机械", "C3421"),
            ("自动化设备", "C3441"),
            ("机器人", "C3491"),
        ],
        850,
        0.045,
    ),
    (
        "DIG",
        "数字经济",
        [("信息技术", "I65"), ("软件", "I65"), ("数据科技", "I64"), ("光电", "C3976")],
        1100,
        0.06,
    ),
    (
        "X",
        "特色产业",
        [("食品", "C1461"), ("日化", "C2682"), ("金属制品", "C3399"), ("塑料制品", "C2929")],
        500,
        0.035,
    ),
]
DISTRICT_CLUSTERS = [
    ("L", "生命健康", ("BIO",)),
    ("I", "新一代信息技术", ("DIG",)),
    ("N", "新材料", ("MAT",)),
    ("E", "高端智能装备", ("EQP", "UAV", "NEV")),
]
# The firms the seed articles name, so that a reader of the articles finds them (`tbj` finds
# 特百佳): (name, the park: main or second, cluster code, GB/T 4754-2017 class, founded, the
# sales of the last year in 万元 where an article gives them).
SEED_FIRMS = [
    ("特百佳动力科技股份有限公司", "main", "NEV", "C3670", 2013, 60_000),  # 6 亿 in 2024
    ("上海珈凯生物股份有限公司", "main", "X", "C2682", 2005, 30_000),  # 保底 3 亿
    ("飞卓科技（上海）股份有限公司", "main", "EQP", "C3499", 2012, None),
    ("中粮融氏生物科技有限公司", "main", "X", "C1391", 2006, None),  # 淀粉糖
    ("上海奥来德光电材料股份有限公司", "second", "DIG", "C3985", 2017, None),
    ("上海和辉光电股份有限公司", "second", "DIG", "C3974", 2012, None),
    ("上海东富龙制药设备制造有限公司", "second", "EQP", "C3544", 2021, None),
    ("上海青赛生物科技有限公司", "second", "BIO", "C2762", 2018, None),
]
SEED_SALES_WAN = {name: sales for name, *_rest, sales in SEED_FIRMS if sales}
# Seed article 003 (2020, the 十三五's last year, before the demo's own years): the above-scale
# output of the district's 高端智能装备 cluster (E) is 370 亿元 = 27.2 % of the district's
# above-scale output (so 1,360.3 亿元 in all), and the four clusters' together is 1,045 亿元
# (the article prints "045亿": a digit was lost; 77 % of 1,360 亿 is about 1,045 亿).
SEED_003_YEAR = 2020
SEED_003_YI = {"E": Decimal("370"), "LIN": Decimal("675"), "rest": Decimal("315.3")}
SEED_003_FIRMS = 496  # above-scale firms in the four clusters
YI = Decimal(100_000_000)
SEED_003_FIELDS = [  # the figures scaled, with their decimal places
    *((name, "0.01") for name in ("output_value", "revenue", "tax_paid", "value_added")),
    *((name, "0.01") for name in ("rd_spend", "fixed_asset_investment", "energy_tce")),
    ("electricity_kwh", "1"),
    ("pollutant_emissions", "0.001"),
]
NAME_CHARS = "瑞华恒泰宏鑫博越康润嘉晟昊德诺凯峰源达宇晶航弘翔睿联誉盛辰锦坤拓骏澜铭启信奥创汇耀朗"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红"
USCC_BODY = "0123456789ABCDEFGHJKLMNPQRTUWXY"
STREETS = ["兴业路", "创新路", "科技大道", "智造路", "海湾路"]
TAGS = ["重点企业", "服务包企业", "外资企业", "上市企业"]
# The honours a year-end report lists (seed article 000): (name, level, status, count in 2024)
HONOURS_2024 = [
    ("专精特新“小巨人”企业", "national", AwardStatus.AWARDED, 2),
    ("专精特新中小企业", "municipal", AwardStatus.AWARDED, 23),
    ("专精特新“小巨人”企业", "national", AwardStatus.RECERTIFIED, 2),
    ("企业技术中心", "municipal", AwardStatus.AWARDED, 3),
    ("智能工厂", "municipal", AwardStatus.AWARDED, 1),
    ("数字化转型标杆企业", "district", AwardStatus.AWARDED, 1),
    ("科技小巨人企业", "district", AwardStatus.AWARDED, 6),
    ("企业工程技术研究中心", "district", AwardStatus.AWARDED, 2),
    ("质量金奖", "district", AwardStatus.AWARDED, 2),
]


@dataclass
class DemoSize:
    enterprises: int = 1500  # enough for seed 003's 496 above-scale cluster firms of 2020
    first_year: int = 2021
    last_year: int = 2024
    months: int = 24  # monthly figures of above-scale enterprises, ending with last_year's December
    history: bool = True  # write audit records (the demo) or not (benchmarks: reads only)


def org_code(rng):
    """A GB 11714 organisation code: eight digits and their check character."""
    digits = [rng.randrange(10) for _ in range(8)]
    check = 11 - sum(d * w for d, w in zip(digits, (3, 7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
    return "".join(map(str, digits)) + {10: "X", 11: "0"}.get(check, str(check))


def make_uscc(rng, seen):
    while True:
        body = "91" + "310116" + org_code(rng)
        code = body + uscc.calc_check_digit(body)
        if code not in seen:
            seen.add(code)
            return code


def make_name(rng, word, seen):
    while True:
        core = "".join(rng.sample(NAME_CHARS, 2))
        suffix = rng.choice(["有限公司", "股份有限公司", "（上海）有限公司", "有限公司"])
        city = "" if "上海" in suffix else "上海"
        name = f"{city}{core}{word}{suffix}"
        if name not in seen:
            seen.add(name)
            return name


def person(rng):
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _money(value_wan):
    return (Decimal(value_wan) * WAN).quantize(Decimal("0.01"))


def reference_data():
    """Parks, zones, schemes and clusters of the demo district (idempotent)."""
    district, _ = ClusterScheme.objects.get_or_create(
        name=DISTRICT_SCHEME,
        # 十四五: +20 % a year (seed 003); the target share is the demo's own.
        defaults={
            "description": "新材料、生命健康、新一代信息技术、高端智能装备",
            "target_growth": Decimal(20),
            "target_share": Decimal(80),
        },
    )
    for order, (code, name, _parts) in enumerate(DISTRICT_CLUSTERS):
        Cluster.objects.get_or_create(
            scheme=district, code=code, defaults={"name": name, "order": order}
        )
    main, _ = Park.objects.get_or_create(
        name=MAIN_PARK,
        defaults={
            "short_name": "滨湾高新区",
            "address": "滨湾大道 1 号",
            "planned_area_km2": Decimal("58.20"),
        },
    )
    scheme, _ = ClusterScheme.objects.get_or_create(
        name=PARK_SCHEME,
        defaults={
            "park": main,
            "description": "3 个主导产业 + 3 个新兴产业 + X 个特色产业",
            "target_growth": Decimal(15),
        },
    )
    for order, (code, name, *_rest) in enumerate(PARK_CLUSTERS):
        Cluster.objects.get_or_create(
            scheme=scheme, code=code, defaults={"name": name, "order": order}
        )
    if main.cluster_scheme_id != scheme.id:
        main.cluster_scheme = scheme
        main.save()
    second, _ = Park.objects.get_or_create(
        name=SECOND_PARK,
        defaults={
            "short_name": "枫林园",
            "address": "枫林路 88 号",
            "planned_area_km2": Decimal("12.60"),
        },
    )
    numerals = "一二三四五六七八九十"
    for i in range(12):
        label = numerals[i] if i < 10 else "十" + numerals[i - 10]
        Zone.objects.get_or_create(
            park=main, name=f"第{label}片区", defaults={"code": f"Z{i + 1:02d}"}
        )
    for i, name in enumerate(["东区", "西区", "北区"]):
        Zone.objects.get_or_create(park=second, name=name, defaults={"code": f"F{i + 1:02d}"})
    for name in TAGS:
        Tag.objects.get_or_create(name=name)
    return main, second


def stewards(user_model, main, second):
    """One steward per zone of the main park; one for two zones of the second park."""
    made = []
    zones = list(Zone.objects.filter(park=main).order_by("code")) + list(
        Zone.objects.filter(park=second).order_by("code")
    )
    for index, zone in enumerate(zones):
        number = index + 1 if zone.park_id == main.id else 13 + (index - 12) // 2
        user, created = user_model.objects.get_or_create(
            username=f"steward{number:02d}",
            defaults={
                "role": "steward",
                "park": zone.park,
                "last_name": "管家",
                "first_name": f"{number:02d}号",
            },
        )
        if created:
            user.set_unusable_password()
            user.save()
        if zone.steward_id is None:
            zone.steward = user
            zone.save()
        made.append(user)
    return made


@transaction.atomic
def generate(size: DemoSize, seed: int = 2024):
    """Create the demo district; does nothing more if its enterprises are already there."""
    from django.contrib.auth import get_user_model

    rng = random.Random(seed)
    main, second = reference_data()
    stewards(get_user_model(), main, second)
    if Enterprise.objects.filter(park__in=[main, second]).exists():
        return 0
    park_clusters = {c.code: c for c in Cluster.objects.filter(scheme__park=main)}
    district_clusters = {
        c.code: c
        for c in Cluster.objects.filter(scheme__park__isnull=True, scheme__name=DISTRICT_SCHEME)
    }
    district_of = {
        part: district_clusters[code] for code, _name, parts in DISTRICT_CLUSTERS for part in parts
    }
    zones = {
        main.id: list(Zone.objects.filter(park=main)),
        second.id: list(Zone.objects.filter(park=second)),
    }
    tags = list(Tag.objects.all())

    names, usccs = set(), set()
    enterprises, profiles = [], []
    for index in range(size.enterprises):
        park = main if index % 5 else second
        cluster_code, _cname, trades, output_per_mu, tax_rate = rng.choices(
            PARK_CLUSTERS, weights=(16, 16, 14, 8, 16, 12, 18)
        )[0]
        word, industry = rng.choice(trades)
        founded = dt.date(
            rng.randint(1998, size.last_year - 1), rng.randint(1, 12), rng.randint(1, 28)
        )
        seed = SEED_FIRMS[index] if index < len(SEED_FIRMS) else None
        if seed:  # the draws above are made all the same, so the other firms do not change
            _name, where, cluster_code, industry, since, _sales = seed
            park = main if where == "main" else second
            founded = founded.replace(year=since)
            cluster_code, _cname, _trades, output_per_mu, tax_rate = next(
                c for c in PARK_CLUSTERS if c[0] == cluster_code
            )
        own_mu = Decimal(round(math.exp(rng.gauss(2.7, 0.9)), 2))
        rented = Decimal(0)
        kind = rng.random()
        if kind < 0.15:  # a tenant in a standard factory: floor area, no own land
            own_mu, rented = Decimal(0), Decimal(rng.randrange(800, 12000, 50))
        elif kind < 0.18:  # edge case: land unknown
            own_mu = Decimal(0)
        status = EnterpriseStatus.OPERATING
        roll = rng.random()
        if roll < 0.025:
            status = EnterpriseStatus.MOVED_OUT
        elif roll < 0.035:
            status = EnterpriseStatus.CLOSED
        if seed:  # the articles' firms are at work
            status, roll = EnterpriseStatus.OPERATING, 1.0
        enterprise = Enterprise(
            name=seed[0] if seed else make_name(rng, word, names),
            uscc=make_uscc(rng, usccs),
            legal_representative=person(rng),
            founded_on=founded,
            registered_capital=_money(rng.choice([500, 1000, 2000, 3000, 5000, 10000, 20000])),
            address=f"{park.short_name}{rng.choice(STREETS)}{rng.randint(1, 999)}号",
            industry_id=industry,
            park=park,
            zone=rng.choice(zones[park.id]),
            status=status,
            own_land_mu=own_mu,
            rented_floor_m2=rented,
        )
        enterprise.set_search_keys()
        enterprises.append(enterprise)
        profiles.append((cluster_code, output_per_mu, tax_rate, kind, roll))
    if size.history:
        bulk_create_with_history(enterprises, Enterprise, batch_size=1000)
    else:
        Enterprise.objects.bulk_create(enterprises, batch_size=1000)
    enterprises = list(Enterprise.objects.filter(park__in=[main, second]).order_by("id"))

    _landlords(rng, enterprises, profiles)
    through = Enterprise.clusters.through
    links, tag_links, contacts = [], [], []
    for enterprise, (cluster_code, *_rest) in zip(enterprises, profiles, strict=True):
        if enterprise.park_id == main.id:
            links.append(
                through(enterprise_id=enterprise.id, cluster_id=park_clusters[cluster_code].id)
            )
        if cluster_code in district_of:
            links.append(
                through(enterprise_id=enterprise.id, cluster_id=district_of[cluster_code].id)
            )
        if rng.random() < 0.2:
            tag_links.append(
                Enterprise.tags.through(enterprise_id=enterprise.id, tag_id=rng.choice(tags).id)
            )
        contacts.append(
            Contact(
                enterprise=enterprise,
                name=person(rng),
                title=rng.choice(["总经理", "财务总监", "行政经理"]),
                phone=f"1{rng.randint(3, 9)}{rng.randint(100000000, 999999999)}",
                is_primary=True,
            )
        )
    through.objects.bulk_create(links, batch_size=2000)
    Enterprise.tags.through.objects.bulk_create(tag_links, batch_size=2000)
    if size.history:
        bulk_create_with_history(contacts, Contact, batch_size=2000)
    else:
        Contact.objects.bulk_create(contacts, batch_size=2000)

    years, months, above_ids = _figures(rng, size, enterprises, profiles)
    write = (
        (lambda objs, model: bulk_create_with_history(objs, model, batch_size=2000))
        if size.history
        else (lambda objs, model: model.objects.bulk_create(objs, batch_size=5000))
    )
    write(years, IndicatorYear)
    for start in range(0, len(months), 200_000):
        write(months[start : start + 200_000], IndicatorMonth)
    Enterprise.objects.filter(id__in=above_ids).update(is_above_scale=True)
    if size.first_year > SEED_003_YEAR:
        _seed_003_count(enterprises, profiles, set(above_ids), size.first_year)
        write(_seed_003_year(years, profiles, enterprises, set(above_ids)), IndicatorYear)
    _honours(rng, size, enterprises, write)
    return len(enterprises)


def _landlords(rng, enterprises, profiles):
    """Most tenants rent from an enterprise of their park that holds a large parcel."""
    owners = {}
    for enterprise in enterprises:
        if enterprise.own_land_mu >= 40:
            owners.setdefault(enterprise.park_id, []).append(enterprise)
    tenants = []
    for enterprise, (*_rest, kind, _roll) in zip(enterprises, profiles, strict=True):
        if kind < 0.15 and owners.get(enterprise.park_id) and rng.random() < 0.7:
            enterprise.landlord = rng.choice(owners[enterprise.park_id])
            tenants.append(enterprise)
    Enterprise.objects.bulk_update(tenants, ["landlord"], batch_size=2000)


def _figures(rng, size, enterprises, profiles):
    years, months, above = [], [], []
    month_list = []
    year, month = size.last_year, 12
    for _ in range(size.months):
        month_list.append((year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    month_list.reverse()
    seasonal = [0.78, 0.72, 1.0, 1.0, 1.02, 1.05, 0.98, 0.96, 1.05, 1.06, 1.12, 1.26]
    for enterprise, (_code, output_per_mu, tax_rate, _kind, roll) in zip(
        enterprises, profiles, strict=True
    ):
        land = float(enterprise.own_land_mu) + float(enterprise.rented_floor_m2) / 666.67
        if land == 0:
            land = math.exp(rng.gauss(2.5, 0.6))  # a firm with unknown land still produces
        # Most firms produce well under the bar set for new land projects; a few lead the park.
        scale = output_per_mu * 0.15 * land * math.exp(rng.gauss(0, 1.0))
        sales = SEED_SALES_WAN.get(enterprise.name)
        if sales:  # the article's figure: the last year's output about its sales
            scale = sales / 1.05
        trend = rng.gauss(0.08, 0.09)
        missing_energy = rng.random() < 0.06
        last_active = size.last_year if roll >= 0.035 else size.last_year - rng.randint(1, 2)
        by_year = {}
        for year in range(size.first_year, size.last_year + 1):
            if year < enterprise.founded_on.year or year > last_active:
                continue
            output = scale * (1 + trend) ** (year - size.last_year) * math.exp(rng.gauss(0, 0.06))
            revenue = output * rng.uniform(0.95, 1.15)
            by_year[year] = output
            if sales and year == size.last_year:
                revenue = sales
            years.append(
                IndicatorYear(
                    enterprise=enterprise,
                    year=year,
                    output_value=_money(output),
                    revenue=_money(revenue),
                    tax_paid=_money(revenue * tax_rate * math.exp(rng.gauss(0, 0.2))),
                    value_added=_money(output * rng.uniform(0.2, 0.32)),
                    rd_spend=_money(revenue * rng.uniform(0.01, 0.08)),
                    energy_tce=None
                    if missing_energy
                    else Decimal(round(output * rng.uniform(0.02, 0.09), 2)),
                    electricity_kwh=None
                    if missing_energy
                    else Decimal(round(output * rng.uniform(80, 260))),
                    pollutant_emissions=None
                    if missing_energy
                    else Decimal(round(output * rng.uniform(0.0005, 0.004), 3)),
                    employees=max(3, int(output / rng.uniform(60, 180))),
                    fixed_asset_investment=_money(output * rng.uniform(0.02, 0.15)),
                )
            )
        if by_year.get(size.last_year, 0) * 1.05 >= 2000:  # revenue ≥ 20 M yuan: above-scale
            above.append(enterprise.id)
            for year, month in month_list:
                if year not in by_year:
                    continue
                share = by_year[year] / 12 * seasonal[month - 1] * math.exp(rng.gauss(0, 0.05))
                months.append(
                    IndicatorMonth(
                        enterprise=enterprise,
                        year=year,
                        month=month,
                        output_value=_money(share),
                        revenue=_money(share * 1.05),
                        tax_paid=_money(share * 1.05 * tax_rate),
                        value_added=_money(share * 0.26),
                        energy_tce=None if missing_energy else Decimal(round(share * 0.05, 2)),
                        employees=max(3, int(by_year[year] / 120)),
                    )
                )
    return years, months, above


def _seed_003_count(enterprises, profiles, above_ids, first_year):
    """The article's SEED_003_FIRMS above-scale firms in the four clusters in SEED_003_YEAR: of
    the demo's above-scale cluster firms founded by then, the youngest beyond that count are
    founded in the demo's first year instead — so they have no report of SEED_003_YEAR, and
    none of the demo's own figures changes. A demo too small for the count keeps what it has
    (the default size has enough). The articles' named firms keep their founding year."""
    line = {part for _code, _name, parts in DISTRICT_CLUSTERS for part in parts}
    named = {name for name, *_rest in SEED_FIRMS}
    counted = [
        enterprise
        for enterprise, (code, *_rest) in zip(enterprises, profiles, strict=True)
        if code in line
        and enterprise.id in above_ids
        and enterprise.founded_on.year <= SEED_003_YEAR
    ]
    by_age = sorted((e for e in counted if e.name not in named), key=lambda e: (e.founded_on, e.id))
    excess = max(0, len(counted) - SEED_003_FIRMS)
    later = by_age[max(0, len(by_age) - excess) :]
    for enterprise in later:
        enterprise.founded_on = enterprise.founded_on.replace(year=first_year)
    Enterprise.objects.bulk_update(later, ["founded_on"], batch_size=500)


def _seed_003_year(years, profiles, enterprises, above_ids):
    """The yearly reports of SEED_003_YEAR, written back from each firm's first demo year (a firm
    founded by then): above-scale firms' figures scaled group by group — cluster E, the other
    three LINE clusters, the firms outside them — so that the groups sum to the article's
    SEED_003_YI; the other firms' figures are their first year's less 8 %. Deterministic: no
    draw, so nothing else in the demo changes."""
    group_of = {
        part: "E" if code == "E" else "LIN"
        for code, _name, parts in DISTRICT_CLUSTERS
        for part in parts
    }
    groups = {
        enterprise.id: group_of.get(code, "rest")
        for enterprise, (code, *_rest) in zip(enterprises, profiles, strict=True)
    }
    founded = {e.id: e.founded_on.year for e in enterprises}
    first = min(row.year for row in years)
    base = [
        row for row in years if row.year == first and founded[row.enterprise_id] <= SEED_003_YEAR
    ]
    sums = {}
    for row in base:
        if row.enterprise_id in above_ids:
            key = groups[row.enterprise_id]
            sums[key] = sums.get(key, Decimal(0)) + row.output_value
    factors = {key: SEED_003_YI[key] * YI / total for key, total in sums.items()}
    made = []
    for row in base:
        above = row.enterprise_id in above_ids
        factor = factors[groups[row.enterprise_id]] if above else Decimal("0.92")
        scaled = {
            name: None
            if getattr(row, name) is None
            else (getattr(row, name) * factor).quantize(Decimal(places))
            for name, places in SEED_003_FIELDS
        }
        made.append(
            IndicatorYear(
                enterprise_id=row.enterprise_id,
                year=SEED_003_YEAR,
                employees=row.employees,
                **scaled,
            )
        )
    return _settle(made, groups, above_ids)


def _settle(rows, groups, above_ids):
    """Put the cents lost to rounding on each group's largest firm, so the groups' sums are the
    article's to the cent."""
    for key, yi in SEED_003_YI.items():
        mine = [r for r in rows if r.enterprise_id in above_ids and groups[r.enterprise_id] == key]
        if mine:
            largest = max(mine, key=lambda r: r.output_value)
            largest.output_value += yi * YI - sum(r.output_value for r in mine)
    return rows


def _honours(rng, size, enterprises, write):
    types = {(h.name, h.level): h for h in HonourType.objects.all()}
    operating = [e for e in enterprises if e.status == EnterpriseStatus.OPERATING]
    # The last year's are the article's: the main park's (the honours workflow's demo, in
    # programmes/demo.py, puts an application behind each of them).
    main = Park.objects.get(name=MAIN_PARK).id
    in_main = [e for e in operating if e.park_id == main]
    awards, seen = [], set()
    for year in range(size.first_year, size.last_year + 1):
        pool = in_main if year == size.last_year else operating
        for name, level, status, count in HONOURS_2024:
            n = count if year == size.last_year else max(1, round(count * rng.uniform(0.5, 1.1)))
            for enterprise in rng.sample(pool, min(n, len(pool))):
                key = (enterprise.id, name, level, year)
                if key in seen:
                    continue
                seen.add(key)
                awards.append(
                    HonourAward(
                        enterprise=enterprise,
                        honour_type=types[(name, level)],
                        year=year,
                        status=status,
                    )
                )
    write(awards, HonourAward)
