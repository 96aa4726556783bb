"""Who may use a route, declared beside it. `route()` is `path()` with the declaration: it
enforces sign-in and the role's permissions before the view runs (the view still reads its rows
through the scope), and the role × route matrix (core/tests/test_role_matrix.py) reads the
same declaration to know what each persona must get. A named route without one fails the
suite. API operations carry theirs in the OpenAPI schema (`api_access`)."""

from dataclasses import dataclass, field
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import path


@dataclass(frozen=True)
class Access:
    perms: tuple[str, ...] = ()  # every one needed; empty: any signed-in user
    public: bool = False  # anonymous visitors too (the online park, the login page)
    rows: str | None = None  # "app.model" whose visible rows the route's id names
    method: str = "GET"  # what the route is for: "POST" routes change something
    example: dict = field(default_factory=dict)  # values of the route's other parameters


def guard(view, access: Access):
    """The view behind its declaration: sign-in, then every declared permission."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not access.public:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not request.user.has_perms(access.perms):
                raise PermissionDenied
        return view(request, *args, **kwargs)

    return guarded


def route(pattern, view, name, **declared):
    """`path(pattern, view, name=name)` with who may use it (see Access)."""
    access = Access(**declared)
    url = path(pattern, guard(view, access), name=name)
    url.access = access
    return url


def api_access(*perms, rows=None, example=None, public=False) -> dict:
    """The `openapi_extra` of an API operation: the same declaration, read from the schema."""
    return {
        "x-access": {
            "perms": list(perms),
            "rows": rows,
            "example": example or {},
            "public": public,
        }
    }
