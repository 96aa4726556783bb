"""factory_boy factories for the register; USCCs get valid check characters."""

import datetime as dt
import random
from decimal import Decimal

import factory
from stdnum.cn import uscc

from parkos.accounts.models import User
from parkos.core.roles import Role
from parkos.enterprises.models import (
    Cluster,
    ClusterScheme,
    Enterprise,
    HonourAward,
    HonourType,
    IndicatorMonth,
    IndicatorYear,
)
from parkos.investment.choices import Stage
from parkos.investment.models import AnnualTarget, Project, StageChange
from parkos.parks.models import Park, Zone

_rng = random.Random(7)


def valid_uscc(n=None, prefix="91310000"):
    """A code GB 32100-2015 accepts: `prefix` (department, organisation type and division:
    91 企业 of Shanghai by default) and a 9-digit organisation code, with its check character."""
    body = prefix + (f"{n:09d}" if n is not None else f"{_rng.randrange(10**9):09d}")
    return body + uscc.calc_check_digit(body)


class ParkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Park

    name = factory.Sequence(lambda n: f"测试园区{n}")
    short_name = factory.Sequence(lambda n: f"园{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    role = Role.LEADER
    password = factory.PostGenerationMethodCall("set_password", "pw")

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class ZoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Zone

    park = factory.SubFactory(ParkFactory)
    name = factory.Sequence(lambda n: f"片区{n}")
    code = factory.Sequence(lambda n: f"Z{n:03d}")


class ClusterSchemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClusterScheme

    name = factory.Sequence(lambda n: f"产业体系{n}")


class ClusterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cluster

    scheme = factory.SubFactory(ClusterSchemeFactory)
    name = factory.Sequence(lambda n: f"集群{n}")
    code = factory.Sequence(lambda n: f"K{n}")


class EnterpriseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enterprise

    name = factory.Sequence(lambda n: f"上海测试{n}科技有限公司")
    # Far from the small numbers tests pass to valid_uscc for codes that must not exist.
    uscc = factory.Sequence(lambda n: valid_uscc(500_000_000 + n))
    park = factory.SubFactory(ParkFactory)
    zone = factory.LazyAttribute(lambda o: ZoneFactory(park=o.park))
    industry_id = "C3511"
    own_land_mu = Decimal("20")


class IndicatorYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorYear

    enterprise = factory.SubFactory(EnterpriseFactory)
    year = 2024
    output_value = Decimal("10000000")
    revenue = Decimal("12000000")
    tax_paid = Decimal("600000")


class IndicatorMonthFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorMonth

    enterprise = factory.SubFactory(EnterpriseFactory)
    year = 2024
    month = 1
    output_value = Decimal("800000")
    tax_paid = Decimal("50000")


class HonourAwardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HonourAward

    enterprise = factory.SubFactory(EnterpriseFactory)
    honour_type = factory.LazyFunction(lambda: HonourType.objects.get(name="高新技术企业"))
    year = 2024


class ProjectFactory(factory.django.DjangoModelFactory):
    """A project created as the pipeline would: its timeline starts with its current stage."""

    class Meta:
        model = Project
        skip_postgeneration_save = True

    park = factory.SubFactory(ParkFactory)
    name = factory.Sequence(lambda n: f"测试项目{n}")
    investor_name = factory.Sequence(lambda n: f"测试投资{n}有限公司")
    planned_investment = Decimal(100_000_000)
    stage = Stage.LEAD
    stage_since = factory.LazyFunction(lambda: dt.date(2024, 1, 10))

    @factory.post_generation
    def timeline(obj, create, extracted, **kwargs):
        if create:
            StageChange.objects.create(project=obj, to_stage=obj.stage, on=obj.stage_since)


class AnnualTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnnualTarget

    park = factory.SubFactory(ParkFactory)
    year = 2024
    signed_investment = Decimal(1_000_000_000)


# A working day inside the shipped calendar, in the past: a request received then is overdue
# today, whatever today is.
RECEIVED = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def service_request(enterprise, *, category="policy", actor=None, **values):
    """A request raised as a steward raises one (its deadline and first step by the action)."""
    from parkos.service.actions import save_request
    from parkos.service.models import RequestCategory, ServiceRequest

    values = {
        "enterprise": enterprise,
        "category": RequestCategory.objects.get(code=category),
        "title": f"{enterprise.name}的诉求",
        "description": "厂区门口道路积水，影响货车进出。",
        "received_at": RECEIVED,
        **values,
    }
    return save_request(actor=actor, instance=ServiceRequest(), values=values)


def panel_chain(world, cluster=None):
    """Park A's 显示产业链: firm A1 anchors it and makes 面板 (weak below 1); firm A2 (zone A2)
    supplies it on 材料 (weak below 2, the default); an outside firm buys on 终端, where no
    local firm is placed: 材料 and 终端 are its weak links."""
    from parkos.chains.models import ChainLink, ChainNode, ChainPlacement, ChainTemplate

    yi = Decimal(100_000_000)
    template = ChainTemplate.objects.create(name="显示产业链", park=world.park_a, cluster=cluster)
    material = ChainNode.objects.create(template=template, name="材料", stage="upstream", order=1)
    panel = ChainNode.objects.create(
        template=template, name="面板", stage="core", order=2, weak_below=1
    )
    terminal = ChainNode.objects.create(template=template, name="终端", stage="downstream", order=3)
    ChainPlacement.objects.create(enterprise=world.firm_a2, node=material, product="玻璃基板")
    ChainPlacement.objects.create(enterprise=world.firm_a1, node=panel, product="液晶面板")
    ChainLink.objects.create(
        anchor=world.firm_a1,
        direction="supplier",
        partner=world.firm_a2,
        node=material,
        product="玻璃基板",
        investment=10 * yi,
    )
    ChainLink.objects.create(
        anchor=world.firm_a1,
        direction="customer",
        partner_name="区外整机厂",
        node=terminal,
        product="液晶面板",
        investment=5 * yi,
    )
    return template
