"""Shared fixtures: a fixed cast of personas in two parks, with sentinel figures that must never
reach anyone outside their scope."""

from dataclasses import dataclass

import pytest

from parkos.core.roles import Role
from parkos.testing.factories import (
    ClusterFactory,
    EnterpriseFactory,
    HonourAwardFactory,
    IndicatorMonthFactory,
    IndicatorYearFactory,
    ParkFactory,
    UserFactory,
    ZoneFactory,
)
from parkos.testing.personas import SENTINEL_TAX_A, SENTINEL_TAX_A2, SENTINEL_TAX_B


@dataclass
class World:
    park_a: object
    park_b: object
    zone_a1: object
    zone_a2: object
    zone_b1: object
    firm_a1: object  # in zone A1
    firm_a2: object  # in zone A2
    firm_b: object  # in park B
    users: dict


@pytest.fixture
def world(db):
    park_a, park_b = ParkFactory(name="甲园区"), ParkFactory(name="乙园区")
    steward_a1 = UserFactory(username="steward_a1", role=Role.STEWARD, park=park_a)
    steward_a2 = UserFactory(username="steward_a2", role=Role.STEWARD, park=park_a)
    zone_a1 = ZoneFactory(park=park_a, name="甲一片区", steward=steward_a1)
    zone_a2 = ZoneFactory(park=park_a, name="甲二片区", steward=steward_a2)
    zone_b1 = ZoneFactory(park=park_b, name="乙一片区")
    cluster = ClusterFactory(name="生物医药")
    firm_a1 = EnterpriseFactory(name="上海甲一生物科技有限公司", park=park_a, zone=zone_a1)
    firm_a2 = EnterpriseFactory(name="上海甲二精密机械有限公司", park=park_a, zone=zone_a2)
    firm_b = EnterpriseFactory(name="上海乙园新材料有限公司", park=park_b, zone=zone_b1)
    firm_a1.clusters.add(cluster)
    for firm, tax in (
        (firm_a1, SENTINEL_TAX_A),
        (firm_a2, SENTINEL_TAX_A2),
        (firm_b, SENTINEL_TAX_B),
    ):
        IndicatorYearFactory(enterprise=firm, year=2023, tax_paid=tax / 2)
        IndicatorYearFactory(enterprise=firm, year=2024, tax_paid=tax)
        IndicatorMonthFactory(enterprise=firm, year=2024, month=6, tax_paid=tax)
        HonourAwardFactory(enterprise=firm)
    users = {
        "district_admin": UserFactory(username="district", role=Role.DISTRICT_ADMIN),
        "park_admin": UserFactory(username="parkadmin_a", role=Role.PARK_ADMIN, park=park_a),
        "investment": UserFactory(username="investment_a", role=Role.INVESTMENT, park=park_a),
        "steward": steward_a1,
        "leader_park": UserFactory(username="leader_a", role=Role.LEADER, park=park_a),
        "leader_district": UserFactory(username="leader", role=Role.LEADER),
        "enterprise": UserFactory(
            username="firm_a1_user", role=Role.ENTERPRISE, park=park_a, enterprise=firm_a1
        ),
        "system_admin": UserFactory(username="sysadmin", role=Role.SYSTEM_ADMIN),
        "security_admin": UserFactory(username="secadmin", role=Role.SECURITY_ADMIN),
        "audit_admin": UserFactory(username="auditor", role=Role.AUDIT_ADMIN),
    }
    return World(park_a, park_b, zone_a1, zone_a2, zone_b1, firm_a1, firm_a2, firm_b, users)


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login
