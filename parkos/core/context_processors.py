from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .navigation import menu_for


def parkos(request):
    context = {"district_name": settings.PARKOS_DISTRICT_NAME}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        # Built only when a template reads it (htmx partials do not), and only once: a callable
        # would be called again by every tag that reads it ({% if menu %}, {% for … in menu %}).
        context["menu"] = SimpleLazyObject(lambda: menu_for(user, request.path))
    return context
