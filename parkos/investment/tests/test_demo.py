"""The demo pipeline reproduces the year-end report of seed article 000 from its rows."""

from decimal import Decimal

from parkos.core.roles import Role
from parkos.enterprises.demo import MAIN_PARK, reference_data
from parkos.investment import demo
from parkos.investment.choices import Channel, Stage
from parkos.investment.models import Project
from parkos.investment.queries import signed_in
from parkos.parks.models import Park
from parkos.testing.factories import UserFactory


def test_the_demo_park_signed_57_projects_for_111_percent_of_its_2024_target(db, client):
    reference_data()
    assert demo.seed() > 150
    assert demo.seed() == 0  # loaded once
    park = Park.objects.get(name=MAIN_PARK)
    signed = signed_in(Project.objects.filter(park=park), 2024)
    assert signed.count() == 57
    assert sum(p.planned_investment for p in signed) == Decimal("16987000000")
    assert signed.filter(channel=Channel.EXPO).count() == 5
    assert signed.filter(channel=Channel.VISIT_ABROAD, is_foreign=True).count() == 2
    assert Project.objects.filter(stage=Stage.LOST).exclude(lost_reason="").exists()
    client.force_login(UserFactory(role=Role.INVESTMENT, park=park))
    board = client.get("/investment/").content.decode()
    assert "计划总投资 169.87 / 目标 153.00（亿元）= 111%" in board
    home = client.get("/").content.decode()
    assert "签约项目 57 个，计划总投资 169.87 亿元</a> · 完成目标 153.00 的 111%" in home
