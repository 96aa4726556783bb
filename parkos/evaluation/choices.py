from django.db import models
from django.utils.translation import gettext_lazy as _


class Population(models.TextChoices):
    ABOVE_SCALE = "above", _("Above-scale enterprises")
    BELOW_SCALE = "below", _("Below-scale enterprises")
    ALL = "all", _("All enterprises")


class BenchmarkRule(models.TextChoices):
    FIXED = "fixed", _("Fixed value")
    MEAN = "mean", _("k × population mean")
    MAX = "max", _("Population maximum")
    PERCENTILE = "percentile", _("Population percentile")


class Scaling(models.TextChoices):
    RATIO = "ratio", _("Weight × value ÷ benchmark")
    MINMAX = "minmax", _("Min–max scaling")


class MissingRule(models.TextChoices):
    ZERO = "zero", _("Score zero")
    MEAN_SCORE = "mean_score", _("Population mean score")
    PENALTY = "penalty", _("Penalty points")
    NOT_RATED = "not_rated", _("Not rated")


class GradeMethod(models.TextChoices):
    SHARES = "shares", _("By rank shares")
    THRESHOLDS = "thresholds", _("By score thresholds")


class RunStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class AdjustmentKind(models.TextChoices):
    BONUS = "bonus", _("Bonus points")
    PENALTY = "penalty", _("Penalty points")
    FIXED_GRADE = "fixed_grade", _("Fixed grade")
    GRADE_UP = "grade_up", _("One grade up")
    GRADE_DOWN = "grade_down", _("One grade down")
    VETO = "veto", _("Veto (grade D)")


GRADES = ("A", "B", "C", "D")
GRADE_CHOICES = [(g, g) for g in GRADES]
