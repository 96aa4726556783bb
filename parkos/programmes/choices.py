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


# Policy projects and the honours workflow ------------------------------------------------------


class PolicyKind(models.TextChoices):
    """What a policy call funds (glossary: 技改项目 `PolicyProject(kind=tech_renovation)`,
    产业扶持项目 `PolicyProject`)."""

    TECH_RENOVATION = "tech_renovation", _("Technical renovation")
    INDUSTRY_SUPPORT = "industry_support", _("Industry support")
    TALENT = "talent", _("Talent")
    OTHER = "other", _("Other")


class ProjectStatus(models.TextChoices):
    """推荐申报 → 已申报 → 立项 → 拨款; or rejected, or withdrawn before a decision."""

    RECOMMENDED = "recommended", _("Recommended")
    APPLIED = "applied", _("Applied")
    APPROVED = "approved", _("Approved")
    FUNDED = "funded", _("Funds disbursed")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class HonourApplicationStatus(models.TextChoices):
    """推荐 → 已申报 → 认定 / 复核通过 / 未通过."""

    RECOMMENDED = "recommended", _("Recommended")
    APPLIED = "applied", _("Applied")
    AWARDED = "awarded", _("Awarded")
    RECERTIFIED = "recertified", _("Re-certified")
    NOT_AWARDED = "not_awarded", _("Not awarded")
