from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .overview import overview


@login_required
def home(request):
    """The overview of everything in the user's scope, computed from rows."""
    return render(request, "reports/overview.html", overview(request.user))
