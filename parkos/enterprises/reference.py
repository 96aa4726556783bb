"""Reference data every deployment ships: GB/T 4754-2017 and the honour catalogue.

The loaders take the model classes, so the data migrations (historical models) and the tests
(after a transactional test flushed the tables) load the same rows the same way."""

import csv
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "gbt4754_2017.csv"

HONOUR_CATALOGUE = [
    ("专精特新“小巨人”企业", "national", "工业和信息化部认定的专精特新“小巨人”企业"),
    ("高新技术企业", "national", "科技部门认定的国家高新技术企业"),
    ("专精特新中小企业", "municipal", "市经信部门认定的专精特新中小企业"),
    ("科技小巨人企业", "municipal", "市科技部门认定的科技小巨人（含培育）企业"),
    ("企业技术中心", "municipal", "市级企业技术中心"),
    ("智能工厂", "municipal", "市级智能工厂"),
    ("科技小巨人企业", "district", "区级科技小巨人企业"),
    ("企业工程技术研究中心", "district", "区级企业工程技术研究中心"),
    ("数字化转型标杆企业", "district", "区级数字化转型标杆企业"),
    ("质量金奖", "district", "区质量金奖"),
]


def _parent_code(code, level):
    """A division's parent is its section letter; a group's or class's, its code less a digit."""
    if level == "section":
        return None
    return code[0] if level == "division" else code[:-1]


def industry_rows():
    """The rows of the data file: dicts of code, name and level, in the file's order."""
    with DATA.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def load_industries(Industry):
    """Bring the Industry table to the data file, whatever it holds: an empty table is filled,
    a table loaded from an older file gains the codes it lacks and takes the file's names and
    levels. Running it again changes nothing.

    Rows are never deleted: enterprises, projects and child codes refer to them (the parent key
    is PROTECT), and a code the file no longer lists is left as it is. Codes are the primary
    key, so an enterprise that refers to a code keeps it through every reload."""
    rows = industry_rows()
    existing = {i.code: i for i in Industry.objects.all()}
    Industry.objects.bulk_create(
        [
            Industry(code=r["code"], name=r["name"], level=r["level"])
            for r in rows
            if r["code"] not in existing
        ],
        batch_size=500,
    )
    renamed = []
    for r in rows:
        row = existing.get(r["code"])
        if row is not None and (row.name, row.level) != (r["name"], r["level"]):
            row.name, row.level = r["name"], r["level"]
            renamed.append(row)
    Industry.objects.bulk_update(renamed, ["name", "level"], batch_size=500)
    # Parents last, once every code of the file exists (a child may come before its parent).
    parents = dict(Industry.objects.values_list("code", "parent_id"))
    reparented = []
    for r in rows:
        parent = _parent_code(r["code"], r["level"])
        if parents[r["code"]] != parent:
            reparented.append(Industry(code=r["code"], parent_id=parent))
    Industry.objects.bulk_update(reparented, ["parent"], batch_size=500)


def load_honour_catalogue(HonourType):
    for name, level, description in HONOUR_CATALOGUE:
        HonourType.objects.get_or_create(
            name=name, level=level, defaults={"description": description}
        )
