from django.utils.functional import SimpleLazyObject

from .notify import unread_count


def notifications(request):
    """The signed-in person's unread notifications, counted only when the page's navbar reads
    it (htmx partials do not)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"notifications_unread": SimpleLazyObject(lambda: unread_count(user))}
