"""The body of a ParkOS table, written in Python (see ParkOSTable.rows_html)."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def table_rows(context, table):
    return table.rows_html(context)
