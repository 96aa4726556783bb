"""The honour catalogue of the seed article: the types and levels a park reports each year."""

from django.db import migrations

CATALOGUE = [
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


def load(apps, schema_editor):
    HonourType = apps.get_model("enterprises", "HonourType")
    for name, level, description in CATALOGUE:
        HonourType.objects.get_or_create(name=name, level=level, defaults={"description": description})


def unload(apps, schema_editor):
    HonourType = apps.get_model("enterprises", "HonourType")
    for name, level, _description in CATALOGUE:
        HonourType.objects.filter(name=name, level=level, awards__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("enterprises", "0003_load_gbt4754_2017")]
    operations = [migrations.RunPython(load, unload)]
