"""How evaluation results read on a page: each score as the sentence of its formula."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from parkos.evaluation.choices import AdjustmentKind, BenchmarkRule
from parkos.evaluation.indicators import CATALOGUE
from parkos.evaluation.tables import grade_badge as _grade_badge

register = template.Library()


@register.filter
def grade_badge(grade):
    return _grade_badge(grade)


@register.filter
def indicator_label(code):
    return CATALOGUE[code].label if code in CATALOGUE else code


@register.filter
def indicator_unit(code):
    return CATALOGUE[code].unit if code in CATALOGUE else ""


@register.filter
def benchmark_label(rule):
    return BenchmarkRule(rule).label if rule in BenchmarkRule.values else rule


@register.filter
def adjustment_label(kind):
    return AdjustmentKind(kind).label if kind in AdjustmentKind.values else kind


def _n(x):
    return f"{x:.2f}"


@register.simple_tag
def explain_line(line):
    """亩均税收 18.20 万元/亩 ÷ 基准 24.10 × 30 = 22.66 (and what capping or a gap did)."""
    if line.value is None:
        return format_html(
            "{}：{}", line.label, _("figure missing; scored %(s)s") % {"s": _n(line.score)}
        )
    if line.benchmark is None:
        return format_html(
            "{} {} {}：{}",
            line.label,
            _n(line.value),
            line.unit,
            _("no benchmark could be computed; 0 points"),
        )
    weight = float(line.weight)
    if line.scaling == "minmax":
        formula = _("%(label)s %(v)s %(unit)s, min–max scaled × %(w)s") % {
            "label": line.label,
            "v": _n(line.value),
            "unit": line.unit,
            "w": line.weight,
        }
        raw = None
    elif line.smaller_is_better:
        formula = _("%(label)s %(v)s %(unit)s: benchmark %(b)s ÷ %(v)s × %(w)s") % {
            "label": line.label,
            "v": _n(line.value),
            "unit": line.unit,
            "b": _n(line.benchmark),
            "w": line.weight,
        }
        raw = weight * line.benchmark / line.value if line.value else None
    else:
        formula = _("%(label)s %(v)s %(unit)s ÷ benchmark %(b)s × %(w)s") % {
            "label": line.label,
            "v": _n(line.value),
            "unit": line.unit,
            "b": _n(line.benchmark),
            "w": line.weight,
        }
        raw = weight * line.value / line.benchmark
    if line.clipped and raw is not None:
        limit = _("capped at") if line.clipped == "cap" else _("raised to the floor of")
        return format_html(
            "{} = {}，{} <strong>{}</strong>", formula, _n(raw), limit, _n(line.score)
        )
    return format_html("{} = <strong>{}</strong>", formula, _n(line.score))
