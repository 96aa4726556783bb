from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    """The life of an investment project (glossary: 签约 / 拿地 / 开工 / 投产 / 达产)."""

    LEAD = "lead", _("Lead")
    CONTACTED = "contacted", _("Contacted")
    NEGOTIATING = "negotiating", _("Negotiating")
    SIGNED = "signed", _("Signed")
    LAND_ACQUIRED = "land_acquired", _("Land acquired")
    CONSTRUCTION_STARTED = "construction_started", _("Construction started")
    IN_PRODUCTION = "in_production", _("In production")
    AT_CAPACITY = "at_capacity", _("At full capacity")
    LOST = "lost", _("Lost")


# The pipeline in order; LOST stands beside it and can be reached from any stage.
PIPELINE = [s for s in Stage if s != Stage.LOST]
RANK = {stage: i for i, stage in enumerate(PIPELINE)}
# Stages a project no longer moves on from: no next action is due.
FINISHED = (Stage.LOST, Stage.AT_CAPACITY)


class Channel(models.TextChoices):
    """Where a project came from."""

    VISIT_ABROAD = "visit_abroad", _("Visit abroad")
    EXPO = "expo", _("Expo")
    FORUM = "forum", _("Forum or promotion meeting")
    REFERRAL = "referral", _("Referral")
    ONLINE_ENQUIRY = "online_enquiry", _("Online-park enquiry")
    WALK_IN = "walk_in", _("Walk-in")
    OTHER = "other", _("Other")
