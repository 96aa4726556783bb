from functools import partial

from django.conf import settings

from .navigation import menu_for


def parkos(request):
    context = {"district_name": settings.PARKOS_DISTRICT_NAME}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        # Built only when a template reads it (htmx partials do not).
        context["menu"] = partial(menu_for, user, request.path)
    return context
