"""The catalogue of evaluation indicators, in one place: what each divides by what, its unit,
and which direction is better. A scheme picks from here; adding an indicator is one entry."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from parkos.enterprises.models import IndicatorYear

LAND = "land"  # the land in use, in 亩, as the scheme counts it


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str
    numerator: str  # an IndicatorYear field, in its stored unit (yuan, tce, kWh, t, persons)
    denominator: str  # an IndicatorYear field or LAND
    unit: str
    display_factor: float  # stored ratio × factor = the value in `unit`
    smaller_is_better: bool = False


CATALOGUE = {
    i.code: i
    for i in (
        Indicator("tax_per_mu", _("Tax per mu"), "tax_paid", LAND, "万元/亩", 1e-4),
        Indicator(
            "value_added_per_mu", _("Value added per mu"), "value_added", LAND, "万元/亩", 1e-4
        ),
        Indicator("revenue_per_mu", _("Revenue per mu"), "revenue", LAND, "万元/亩", 1e-4),
        Indicator("output_per_mu", _("Output per mu"), "output_value", LAND, "万元/亩", 1e-4),
        Indicator(
            "value_added_per_energy",
            _("Value added per tonne of standard coal"),
            "value_added",
            "energy_tce",
            "万元/吨标准煤",
            1e-4,
        ),
        Indicator(
            "value_added_per_emissions",
            _("Value added per tonne of major pollutants"),
            "value_added",
            "pollutant_emissions",
            "万元/吨",
            1e-4,
        ),
        Indicator(
            "labour_productivity",
            _("Labour productivity"),
            "value_added",
            "employees",
            "万元/人",
            1e-4,
        ),
        Indicator("rd_intensity", _("R&D intensity"), "rd_spend", "revenue", "%", 100.0),
        Indicator("tax_per_kwh", _("Tax per kWh"), "tax_paid", "electricity_kwh", "元/千瓦时", 1.0),
        Indicator(
            "energy_per_output",
            _("Energy use per 10k yuan of output"),
            "energy_tce",
            "output_value",
            "吨标准煤/万元",
            1e4,
            smaller_is_better=True,
        ),
    )
}

# The figures an evaluation reads from IndicatorYear (and adds up when a tenant is merged): all of
# them but the investment, which no per-mu indicator uses.
FIGURE_FIELDS = tuple(
    name for name in IndicatorYear.VALUE_FIELDS if name != "fixed_asset_investment"
)
