"""Why an enterprise was not rated, in words. Results store a code ("young:2") so the reason
reads in the viewer's language."""

from django.utils.translation import gettext as _

from .indicators import CATALOGUE


def reason_text(code: str) -> str:
    if not code:
        return ""
    kind, _sep, arg = code.partition(":")
    texts = {
        "not_operating": _("Moved out or closed."),
        "below_scale": _("Below-scale: not covered by this scheme."),
        "above_scale": _("Above-scale: not covered by this scheme."),
        "young": _("Founded less than %(n)s years ago.") % {"n": arg},
        "industry": _("Industry %(code)s is not rated by this scheme.") % {"code": arg},
        "no_figures": _("No figures for %(year)s.") % {"year": arg},
        "merged": _("Evaluated with its landlord."),
        "no_land": _("No land recorded (zero or unknown)."),
        "small_land": _("Less than %(mu)s mu of land.") % {"mu": arg},
        "missing": _("%(indicator)s cannot be computed (missing figure).")
        % {"indicator": CATALOGUE[arg].label if arg in CATALOGUE else arg},
    }
    return texts.get(kind, code)
