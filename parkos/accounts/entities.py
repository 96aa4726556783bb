"""Users, managed in the product by a park's admins (their park) and district admins (all);
Django's admin stays for superusers. Users are deactivated, never deleted: their history and
the rows they wrote keep pointing at them."""

from parkos.core.entities import Entity, Menu

from . import actions
from .filters import UserFilterSet
from .forms import UserForm
from .models import User
from .schemas import UserOut
from .tables import UserTable

users = Entity(
    model=User,
    path="users",
    filterset=UserFilterSet,
    table=UserTable,
    form=UserForm,
    out_schema=UserOut,
    save=actions.save_user,
    delete=None,
    detail_fields=(*UserForm._meta.fields, "last_login", "date_joined"),
    select_related=("park", "enterprise"),
    menu=Menu("admin", 5, manage=True),
)
