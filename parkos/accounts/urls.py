from django.contrib.auth import views as auth_views

from parkos.core.routes import route

from . import views
from .entities import users
from .second_factor import second_factor

app_name = "accounts"
urlpatterns = [
    route(
        "login/",
        views.LoginView.as_view(),
        "login",
        public=True,
    ),
    route("logout/", auth_views.LogoutView.as_view(), "logout", public=True, method="POST"),
    route("", views.account, "account"),
    route("password/", views.PasswordChangeView.as_view(), "password-change"),
    route("second-factor/", second_factor, "second-factor"),
    route(
        "tokens/",
        views.token_create,
        "token-create",
        perms=("accounts.add_apitoken",),
        method="POST",
    ),
    # A token is fetched among the user's own, so no scope: an unknown one answers 404.
    route(
        "tokens/<int:pk>/revoke/",
        views.token_revoke,
        "token-revoke",
        method="POST",
        example={"pk": 999999},
    ),
    route("lockouts/", views.lockouts, "lockouts", perms=("accounts.unlock_user",)),
    route(
        "lockouts/unlock/",
        views.unlock,
        "unlock",
        perms=("accounts.unlock_user",),
        method="POST",
    ),
    *users.urls(),
]
