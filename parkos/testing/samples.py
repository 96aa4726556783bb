"""One row of every model a route can name, inside park A (zone A1, firm A1: in every park-A
persona's scope) and inside park B (outside it): what the role × route matrix requests."""

import datetime as dt
import io
from decimal import Decimal

from django.core.files.base import ContentFile
from PIL import Image

from parkos.accounts.models import User
from parkos.chains.models import ChainLink, ChainNode, ChainPlacement, ChainTemplate
from parkos.core.models import ImportBatch
from parkos.core.roles import Role
from parkos.enterprises.models import Cluster, ClusterScheme, Contact, HonourType, Tag
from parkos.evaluation.models import Adjustment, Result, Scheme
from parkos.evaluation.services import copy_scheme, publish, run_evaluation
from parkos.investment.models import Attachment
from parkos.portal.models import Enquiry
from parkos.programmes.financing.models import (
    Bank,
    FinancingDemand,
    LoanProgramme,
    LoanRound,
    PartnerBank,
)
from parkos.programmes.models import (
    Event,
    HonourApplication,
    HonourCriteria,
    PolicyCall,
    PolicyProject,
    Registration,
)
from parkos.reports.models import EarlyWarning, MonthlyAnalysis, WarningRule
from parkos.service.models import RequestAttachment, ServicePackage, Visit
from parkos.space.models import Parcel, Photo, Unit
from parkos.testing.factories import (
    AnnualTargetFactory,
    ProjectFactory,
    UserFactory,
    service_request,
)
from parkos.testing.personas import make_evaluable

PRESET = "huangyan-above-scale"


def _png():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), "p.png")


def _evaluation(world, admin):
    scheme = copy_scheme(actor=admin, scheme=Scheme.objects.get(slug=PRESET))
    run = run_evaluation(actor=admin, scheme=scheme, year=2024)
    publish(actor=None, run=run)
    return scheme, run


def _event(park, key):
    return Event.objects.create(
        park=park, kind="salon", title=f"样本活动{key}", organiser="样本", on=dt.date(2030, 6, 1)
    )


def _policy_rows(park, key, firm):
    call = PolicyCall.objects.create(
        park=park,
        title=f"样本申报通知{key}",
        kind="tech_renovation",
        level="district",
        year=2030,
        department="样本",
        deadline=dt.date(2030, 6, 30),
    )
    honour, _ = HonourType.objects.get_or_create(name=f"样本荣誉{key}", level="district")
    return {
        "programmes.policycall": call,
        "programmes.policyproject": PolicyProject.objects.create(
            call=call, enterprise=firm, status="applied", applied_amount=Decimal("1000.00")
        ),
        "programmes.honourcriteria": HonourCriteria.objects.create(honour_type=honour),
        "programmes.honourapplication": HonourApplication.objects.create(
            enterprise=firm, honour_type=honour, year=2030, status="recommended"
        ),
    }


def _financing(park, firm, key):
    """A loan programme of the park with a partner bank, its round and the firm's demand."""
    programme = LoanProgramme.objects.create(park=park, name=f"样本贷{key}")
    bank = Bank.objects.get_or_create(name="样本银行")[0]
    loan_round = LoanRound.objects.create(
        programme=programme, number=1, opens_on=dt.date(2026, 1, 1)
    )
    return {
        "programmes.loanprogramme": programme,
        "programmes.partnerbank": PartnerBank.objects.create(programme=programme, bank=bank),
        "programmes.loanround": loan_round,
        "programmes.financingdemand": FinancingDemand.objects.create(
            round=loan_round,
            enterprise=firm,
            amount=Decimal(1_000_000),
            purpose="样本用途",
            term_months=12,
        ),
    }


def _chains(park, key, firm):
    template = ChainTemplate.objects.create(name=f"样本产业链{key}", park=park)
    node = ChainNode.objects.create(template=template, name="面板", stage="core")
    return {
        "chains.chaintemplate": template,
        "chains.chainnode": node,
        "chains.chainplacement": ChainPlacement.objects.create(enterprise=firm, node=node),
        "chains.chainlink": ChainLink.objects.create(
            anchor=firm,
            direction="supplier",
            partner_name="区外样本供应商",
            node=node,
        ),
    }


def _park_rows(world, key, park, zone, firm, admin):
    from parkos.space.tests.test_space import make_building

    scheme, run = _evaluation(world, admin)
    building = make_building(park, zone, f"S-{key}", floors=1, published=True)
    project = ProjectFactory(park=park)
    cluster_scheme = ClusterScheme.objects.create(name=f"样本体系{key}", park=park)
    return {
        "parks.park": park,
        "parks.zone": zone,
        "enterprises.enterprise": firm,
        "enterprises.contact": Contact.objects.create(enterprise=firm, name=f"样本联系人{key}"),
        "enterprises.honouraward": firm.honours.first(),
        "enterprises.clusterscheme": cluster_scheme,
        "enterprises.cluster": Cluster.objects.create(scheme=cluster_scheme, name="样本", code="S"),
        "enterprises.tag": Tag.objects.create(name=f"样本标签{key}", park=park),
        "evaluation.scheme": scheme,
        "evaluation.run": run,
        "evaluation.result": Result.objects.get(run=run, enterprise=firm),
        "evaluation.adjustment": Adjustment.objects.create(
            enterprise=firm, year=2024, kind="bonus", points=Decimal(1), reason="样本"
        ),
        "space.building": building,
        "space.parcel": Parcel.objects.create(
            park=park, zone=zone, code=f"P-{key}", area_mu=Decimal(10)
        ),
        "space.photo": Photo.objects.create(building=building, image=_png()),
        "space.unit": Unit.objects.create(
            building=building, code=f"U-{key}", floor=1, area_m2=Decimal(500)
        ),
        "investment.project": project,
        "investment.attachment": Attachment.objects.create(
            project=project, file=ContentFile(b"%PDF-1.4", "a.pdf"), name="a.pdf"
        ),
        "investment.annualtarget": AnnualTargetFactory(park=park, year=2030),
        "portal.enquiry": Enquiry.objects.create(
            park=park, name="李", company="样本公司", phone="13900000000", message="样本"
        ),
        "core.importbatch": ImportBatch.objects.create(
            entity="projects", file=ContentFile(b"x", "x.csv"), file_name="x.csv", park=park
        ),
        "service.servicerequest": (request := service_request(firm, title=f"样本诉求{key}")),
        "service.requestattachment": RequestAttachment.objects.create(
            request=request, file=ContentFile(b"%PDF-1.4", "r.pdf"), name="r.pdf"
        ),
        "service.visit": Visit.objects.create(
            enterprise=firm, steward=zone.steward, on=dt.date(2026, 3, 3), findings="样本发现"
        ),
        "service.servicepackage": ServicePackage.objects.create(
            enterprise=firm,
            lead=zone.steward or UserFactory(role=Role.STEWARD, park=park),
            commitments="样本承诺",
        ),
        "programmes.event": (event := _event(park, key)),
        "programmes.registration": Registration.objects.create(event=event, enterprise=firm),
        **_policy_rows(park, key, firm),
        **_financing(park, firm, key),
        **_chains(park, key, firm),
        "reports.warningrule": (
            rule := WarningRule.objects.create(kind="output_down", park=park, threshold=20)
        ),
        "reports.earlywarning": EarlyWarning.objects.create(
            enterprise=firm, rule=rule, year=2030, month=1, figures="样本"
        ),
        "reports.monthlyanalysis": MonthlyAnalysis.objects.create(
            park=park, year=2030, month=1, body="{园区}样本"
        ),
        "accounts.user": User.objects.filter(role=Role.INVESTMENT, park=park).first()
        or UserFactory(role=Role.INVESTMENT, park=park),
    }


def build_samples(world) -> dict[str, tuple]:
    """model key → (row in park A's scope, row in park B)."""
    make_evaluable(world)
    admin_b = UserFactory(username="parkadmin_b", role=Role.PARK_ADMIN, park=world.park_b)
    inside = _park_rows(
        world, "a", world.park_a, world.zone_a1, world.firm_a1, world.users["park_admin"]
    )
    outside = _park_rows(world, "b", world.park_b, world.zone_b1, world.firm_b, admin_b)
    return {key: (inside[key], outside[key]) for key in inside}
