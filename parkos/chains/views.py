from django.shortcuts import render
from django.utils.translation import gettext as _

from parkos.core.scoping import get_visible_or_404
from parkos.enterprises.models import Enterprise

from .queries import chain_map, node_counts


def anchor_map(request, pk):
    """An anchor enterprise's chain map: its suppliers and customers, local and outside, with the
    chain projects' investment."""
    anchor = get_visible_or_404(Enterprise.objects, request.user, pk=pk)
    found = chain_map(request.user, anchor)
    return render(
        request,
        "chains/anchor.html",
        {"title": _("Chain map of %(name)s") % {"name": anchor.name}, "map": found},
    )


def template_detail_context(request, template):
    """A chain template's nodes, upstream to downstream, with their local enterprises; weak
    links marked, each with a way into the pipeline."""
    counts = node_counts(request.user, template)
    return {"counts": counts, "weak": [c for c in counts if c.weak]}


def portrait_chain(user, enterprise):
    """The portrait's section: the enterprise's chain map, when it anchors one the user sees."""
    if not user.has_perm("chains.view_chainlink"):
        return None
    found = chain_map(user, enterprise)
    return {"map": found} if found.links else None
