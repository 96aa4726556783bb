"""The sidebar, built from declarations: each declared entity with a `menu`, and each custom
page registered here by its app, grouped by domain and shown to the roles that may open it."""

from dataclasses import dataclass
from functools import cache

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import gettext_lazy as _

# Domains in the order the sidebar shows them.
GROUPS = {
    "overview": _("Overview"),
    "register": _("Enterprises"),
    "service": _("Enterprise service"),
    "programmes": _("Events"),
    "financing": _("Financing"),
    "policy": _("Policy and honours"),
    "evaluation": _("Per-mu evaluation"),
    "investment": _("Investment attraction"),
    "space": _("Space"),
    "data": _("Data and API"),
    "admin": _("Administration"),
}


@dataclass(frozen=True)
class MenuItem:
    group: str  # a key of GROUPS
    label: str
    url_name: str
    permissions: tuple[str, ...] = ()  # all needed; empty: every signed-in user
    order: int = 50

    def visible_to(self, user) -> bool:
        return user.has_perms(self.permissions)


_items: list[MenuItem] = []


def register(*items: MenuItem) -> None:
    for item in items:
        if item.group not in GROUPS:
            raise ValueError(f"Unknown menu group {item.group!r}; add it to GROUPS.")
        _items.append(item)


def items() -> list[MenuItem]:
    """Every registered entry, declared entities included."""
    from .entities import registry

    declared = [
        MenuItem(
            e.menu.group,
            e.get_title(),
            e.route("list"),
            (e.perm("view"), e.perm("change")) if e.menu.manage else (e.perm("view"),),
            e.menu.order,
        )
        for e in registry.values()
        if e.menu is not None
    ]
    return _items + declared


@cache
def _address(url_name: str, script_prefix: str, urlconf) -> str:
    """An entry's address, the same on every request (reversing every entry on every page was
    half the sidebar's time)."""
    return reverse(url_name)


def menu_for(user, current_path: str = "") -> list[dict]:
    """The sidebar of `user`: groups with the entries they may open; the entry whose address is
    the longest prefix of the current path is marked current."""
    groups = {key: [] for key in GROUPS}
    prefix, urlconf = get_script_prefix(), get_urlconf()
    for item in sorted(items(), key=lambda i: i.order):
        if item.visible_to(user):
            url = _address(item.url_name, prefix, urlconf)
            groups[item.group].append({"label": item.label, "url": url})
    entries = [entry for group in groups.values() for entry in group]
    matching = [e for e in entries if _within(current_path, e["url"])]
    current = max(matching, key=lambda e: len(e["url"]), default=None)
    for entry in entries:
        entry["active"] = entry is current
    return [
        {"label": GROUPS[key], "entries": group, "active": any(e["active"] for e in group)}
        for key, group in groups.items()
        if group
    ]


def _within(path, url):
    return path == url if url == "/" else path.startswith(url)
