from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    """What an event is (glossary: 政策培训 / 沙龙 / 招聘会 …)."""

    POLICY_TRAINING = "policy_training", _("Policy training")
    SALON = "salon", _("Salon")
    JOB_FAIR = "job_fair", _("Job fair")
    FINANCE_MATCHING = "finance_matching", _("Finance matching")
    CHAIN_MATCHMAKING = "chain_matchmaking", _("Industry-chain matchmaking")
    INVESTMENT_PROMOTION = "investment_promotion", _("Investment promotion")
    FORUM = "forum", _("Forum")
    OTHER = "other", _("Other")
