from django.db import models
from django.utils.translation import gettext_lazy as _


class LandUse(models.TextChoices):
    INDUSTRIAL = "industrial", _("Industrial (M)")
    RESEARCH = "research", _("Research and development")
    LOGISTICS = "logistics", _("Logistics and warehousing")
    COMMERCIAL = "commercial", _("Commercial")


class ParcelStatus(models.TextChoices):
    AVAILABLE = "available", _("Available")
    RESERVED = "reserved", _("Reserved")
    TRANSFERRED = "transferred", _("Transferred")


class Ownership(models.TextChoices):
    PARK = "park", _("Park-owned")
    ENTERPRISE = "enterprise", _("Enterprise-owned")


class BuildingForm(models.TextChoices):
    SINGLE_STOREY = "single_storey", _("Single-storey factory")
    MULTI_STOREY = "multi_storey", _("Multi-storey factory")
    STANDARD = "standard", _("Standard factory")
    RD_OFFICE = "rd_office", _("R&D office")
    WAREHOUSE = "warehouse", _("Warehouse")


class Structure(models.TextChoices):
    STEEL = "steel", _("Steel frame")
    CONCRETE = "concrete", _("Reinforced concrete")
    MIXED = "mixed", _("Mixed")


class FireClass(models.TextChoices):
    """Fire hazard class of production (GB 50016): 甲 is the most hazardous."""

    JIA = "jia", "甲"
    YI = "yi", "乙"
    BING = "bing", "丙"
    DING = "ding", "丁"
    WU = "wu", "戊"


class Suitability(models.TextChoices):
    GMP = "gmp", _("GMP (pharmaceuticals)")
    HAZCHEM = "hazchem", _("Hazardous chemicals approved")
    CLEANROOM = "cleanroom", _("Clean room")
    FOOD = "food", _("Food production")
    HEAVY = "heavy", _("Heavy equipment")


class UnitStatus(models.TextChoices):
    AVAILABLE = "available", _("Available")
    RESERVED = "reserved", _("Reserved")
    LET = "let", _("Let")
    SOLD = "sold", _("Sold")
