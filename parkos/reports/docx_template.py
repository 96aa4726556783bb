"""Writes the yearly report's Word template (`templates_docx/yearly.docx`) with python-docx: a
title, a summary in sentences, then a heading and a table per section, each with its docxtpl
tags (`{{ f.projects }}`, `{%tr for row in s.investment.rows %}`). The shipped file is made once
by `scripts/make-report-template`; staff restyle it in Word (fonts, headings, table style, their
own wording around the tags) and put their copy in its place (docs/reports.md)."""

from django.utils import translation
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from .yearly import layout

# The summary: one paragraph per domain, printed only when the reader's report has its figures.
SUMMARY = [
    (
        "f.output is defined",
        "全年实现工业总产值{{ f.output }}亿元{% if f.output_growth is defined %}，同比"
        "{{ f.output_growth }}{% endif %}；营业收入{{ f.revenue }}亿元；税收{{ f.tax }}亿元。"
        "规上工业企业{{ f.above_scale }}家，占工业总产值的{{ f.above_share }}。",
    ),
    (
        "f.projects is defined",
        "全年签约项目{{ f.projects }}个，计划总投资{{ f.investment }}亿元，"
        "完成年度目标{{ f.target }}亿元的{{ f.ratio }}。",
    ),
    (
        "f.events is defined",
        "全年举办各类活动{{ f.events }}场，服务企业家{{ f.attendances }}人次。",
    ),
    (
        "f.financing_firms is defined",
        "{{ f.financing_firms }}家企业提出融资需求{{ f.financing_demanded }}亿元，"
        "获得授信{{ f.financing_granted }}亿元。",
    ),
    (
        "f.policy_projects is defined",
        "申报政策项目{{ f.policy_projects }}项，立项{{ f.policy_approved }}项，"
        "拨款{{ f.policy_funded }}项。",
    ),
    (
        "f.requests is defined",
        "受理企业诉求{{ f.requests }}件，办结{{ f.requests_closed }}件"
        "{% if f.on_time_rate is defined %}，按时答复率{{ f.on_time_rate }}{% endif %}"
        "{% if f.satisfaction != '—' %}，满意度{{ f.satisfaction }}分（满分5分）{% endif %}。",
    ),
]


def build(path) -> None:
    """Write the template to `path` (section titles and column headers in Chinese)."""
    with translation.override("zh-hans"):
        sections = {k: (str(t), [str(h) for h in header]) for k, (t, header) in layout().items()}
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "宋体"
    normal.font.size = Pt(12)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    title = document.add_paragraph("{{ title }}", style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(
        "本报告由 ParkOS 生成：每个数字都由{{ place }}{{ year }}年的数据行汇总而来，"
        "与驾驶舱同一范围、同一年度的数字一致。"
    )
    document.add_heading("一、总体情况", level=1)
    for condition, sentence in SUMMARY:
        document.add_paragraph(f"{{%p if {condition} %}}")
        document.add_paragraph(sentence)
        document.add_paragraph("{%p endif %}")
    document.add_heading("二、分项数据", level=1)
    for key, (heading, header) in sections.items():
        document.add_paragraph(f"{{%p if s.{key} is defined %}}")
        document.add_heading(heading, level=2)
        table = document.add_table(rows=4, cols=len(header))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            cell.text = text
            for run in cell.paragraphs[0].runs:
                run.bold = True
        table.rows[1].cells[0].text = f"{{%tr for row in s.{key}.rows %}}"
        for i, cell in enumerate(table.rows[2].cells):
            cell.text = f"{{{{ row[{i}] }}}}"
        table.rows[3].cells[0].text = "{%tr endfor %}"
        document.add_paragraph("{%p endif %}")
    document.save(str(path))
