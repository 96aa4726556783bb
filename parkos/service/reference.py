"""The request categories a new installation starts with, and their service levels in working
days: editable data (Django admin), loaded by a data migration; the browser tests, whose
database is flushed, load them again with the same function."""

# (code, name, working days)
CATEGORIES = [
    ("land", "土地", 10),
    ("power", "用电", 5),
    ("water", "用水", 5),
    ("recruitment", "招聘用工", 10),
    ("finance", "融资", 10),
    ("permits", "证照审批", 10),
    ("policy", "政策咨询", 5),
    ("logistics", "物流交通", 10),
    ("safety", "安全生产", 3),
    ("other", "其他", 10),
]


def load_categories(model) -> None:
    """Create the categories that are missing; an edited service level is left as it is."""
    for order, (code, name, days) in enumerate(CATEGORIES, 1):
        model.objects.get_or_create(
            code=code, defaults={"name": name, "service_days": days, "order": order * 10}
        )
