"""Units of Chinese park reports: money is stored in yuan and shown in 万元/亿元; land is
stored in 亩 (own land) or m² (floor area)."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

MU_IN_M2 = Decimal(10000) / Decimal(15)  # 1 亩 = 666.67 m²
WAN = Decimal(10_000)
YI = Decimal(100_000_000)

# Unit words accepted in import headers, mapped to (quantity, factor to the stored unit).
MONEY_UNITS = {"元": Decimal(1), "千元": Decimal(1000), "万元": WAN, "亿元": YI}
AREA_UNITS = {"亩": Decimal(1), "m²": 1 / MU_IN_M2, "m2": 1 / MU_IN_M2, "平方米": 1 / MU_IN_M2}
FLOOR_UNITS = {"m²": Decimal(1), "m2": Decimal(1), "平方米": Decimal(1), "亩": MU_IN_M2}
ENERGY_UNITS = {"吨标准煤": Decimal(1), "tce": Decimal(1), "万吨标准煤": WAN}
ELECTRICITY_UNITS = {"千瓦时": Decimal(1), "kWh": Decimal(1), "度": Decimal(1), "万千瓦时": WAN}
HEADCOUNT_UNITS = {"人": Decimal(1)}
TONNE_UNITS = {"吨": Decimal(1), "t": Decimal(1), "千克": Decimal("0.001"), "kg": Decimal("0.001")}

UNIT_LABELS = {"wan": _("10k yuan"), "yi": _("100m yuan")}


def quantize(value: Decimal, places: int = 2) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def to_wan(yuan) -> Decimal | None:
    return None if yuan is None else quantize(Decimal(yuan) / WAN)


def to_yi(yuan) -> Decimal | None:
    return None if yuan is None else quantize(Decimal(yuan) / YI)


def m2_to_mu(m2) -> Decimal:
    return Decimal(m2) / MU_IN_M2


def per_mu(amount, mu) -> Decimal | None:
    """An amount per 亩 of land, None where the land is zero or unknown."""
    if amount is None or not mu:
        return None
    return Decimal(amount) / Decimal(mu)
