"""Who sees what in the shared test world (root conftest.py): one table for every scoping test."""

from decimal import Decimal

ROLES = [
    "district_admin",
    "park_admin",
    "investment",
    "steward",
    "leader_park",
    "leader_district",
    "enterprise",
    "system_admin",
    "security_admin",
    "audit_admin",
]
ADMINISTRATORS = ("system_admin", "security_admin", "audit_admin")

# Roles that read the confidential figures (investment staff see who is in the park, not its
# tax, revenue or output; the three administrators no business data at all).
READS_FIGURES = {r for r in ROLES if r not in ("investment", *ADMINISTRATORS)}

# Tax figures nobody would type by accident: if one shows up in a response, scoping leaked.
SENTINEL_TAX_A = Decimal("987654321.12")  # zone A1 of park A
SENTINEL_TAX_A2 = Decimal("876543219.34")  # zone A2 of park A (another steward's)
SENTINEL_TAX_B = Decimal("765432198.56")  # park B
SENTINELS = {"a1": SENTINEL_TAX_A, "a2": SENTINEL_TAX_A2, "b": SENTINEL_TAX_B}

# The world's firms each role may see.
SEES = {
    "district_admin": {"a1", "a2", "b"},
    "park_admin": {"a1", "a2"},
    "investment": {"a1", "a2"},
    "steward": {"a1"},
    "leader_park": {"a1", "a2"},
    "leader_district": {"a1", "a2", "b"},
    "enterprise": {"a1"},
    **dict.fromkeys(ADMINISTRATORS, frozenset()),
}


def firms(world):
    return {"a1": world.firm_a1, "a2": world.firm_a2, "b": world.firm_b}


def make_evaluable(world):
    """Give the world's firms what the above-scale preset needs (they all become above-scale)."""
    from parkos.enterprises.models import IndicatorYear

    for firm in firms(world).values():
        firm.is_above_scale = True
        firm.save()
    IndicatorYear.objects.update(
        value_added=Decimal(5_000_000),
        energy_tce=Decimal(500),
        pollutant_emissions=Decimal(2),
        employees=50,
        rd_spend=Decimal(300_000),
    )
