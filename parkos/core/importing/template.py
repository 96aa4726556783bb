"""The blank workbook a user downloads to fill in for an import."""

from django.utils.translation import gettext as _

from .engine import ImportSpec

KIND_HELP = {
    "text": "文本",
    "int": "整数",
    "headcount": "整数",
    "decimal": "数字",
    "money": "金额",
    "area": "面积",
    "floor": "面积",
    "energy": "能耗",
    "electricity": "电量",
    "tonnes": "重量",
    "date": "日期，如 2024-03-31",
    "bool": "是 / 否",
    "choice": "选项",
}


def template_sheets(spec: ImportSpec):
    header = [column.template_header() for column in spec.columns]
    example = [column.example for column in spec.columns]
    guide = []
    for column in spec.columns:
        accepted = ""
        if column.choices:
            accepted = column.shown_choices()
        elif column.units:
            accepted = _("units: %(units)s") % {"units": "、".join(column.units)}
        guide.append(
            [
                column.template_header(),
                _("required") if column.required else _("optional"),
                KIND_HELP.get(column.kind, ""),
                accepted,
                str(column.help),
                "、".join(column.aliases),
            ]
        )
    guide_header = [
        _("Column"),
        _("Required"),
        _("Format"),
        _("Accepted values"),
        _("Notes"),
        _("Also accepted as"),
    ]
    rows = [example] if any(v != "" for v in example) else []
    return [(str(spec.label), header, rows), (_("Instructions"), guide_header, guide)]
