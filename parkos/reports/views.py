from django.shortcuts import render

from .overview import overview


def home(request):
    """The overview of everything in the user's scope, computed from rows."""
    return render(request, "reports/overview.html", overview(request.user))
