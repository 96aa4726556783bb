"""The form renderer: Django's, with the widgets every form and list filter shows written in
Python. An input or a select rendered through the template engine (a template, its included
attribute loop, a loop over the options) was a third of a list's filter form, ~1.5 ms a page;
the markup is the templates' own, character for character (core/tests/test_renderers.py)."""

from django.forms.renderers import TemplatesSetting
from django.template import Context
from django.template.base import render_value_in_context
from django.utils.safestring import SafeData, mark_safe

INPUT = "django/forms/widgets/input.html"
SELECT = "django/forms/widgets/select.html"  # parkos/templates' version: options inlined
# Widgets whose template is `{% include "django/forms/widgets/input.html" %}`.
INPUTS = {
    f"django/forms/widgets/{name}.html"
    for name in (
        "text",
        "number",
        "email",
        "url",
        "password",
        "hidden",
        "date",
        "datetime",
        "time",
        "search",
        "tel",
        "color",
        "checkbox",
    )
} | {INPUT}

_CONTEXT = Context(autoescape=True)


class Unusual(Exception):
    """A value the templates would treat in a way this module does not copy (a callable, which
    the engine calls): the template renders it."""


def out(value) -> str:
    """`{{ value }}`."""
    if callable(value):
        raise Unusual
    return render_value_in_context(value, _CONTEXT)


def out_s(value) -> str:
    """`{{ value|stringformat:'s' }}`."""
    if callable(value):
        raise Unusual
    text = "%s" % (str(value) if isinstance(value, tuple) else value)
    return out(mark_safe(text) if isinstance(value, SafeData) else text)


def attrs_html(attrs) -> str:
    """django/forms/widgets/attrs.html."""
    html = []
    for name, value in attrs.items():
        if value is not False:
            html.append(f" {out(name)}")
            if value is not True:
                html.append(f'="{out_s(value)}"')
    return "".join(html)


def input_html(widget) -> str:
    value = widget["value"]
    if value is not None and not isinstance(value, str):
        raise Unusual  # the template compares it with None by `!=`
    shown = "" if value is None else f' value="{out_s(value)}"'
    return (
        f'<input type="{out(widget["type"])}" name="{out(widget["name"])}"{shown}'
        f"{attrs_html(widget['attrs'])}>"
    )


def select_html(widget) -> str:
    html = [f'<select name="{out(widget["name"])}"{attrs_html(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            html.append(f'<optgroup label="{out(group_name)}">')
        for option in group_choices:
            value, label = out_s(option["value"]), out(option["label"])
            selected = " selected" if option["selected"] else ""
            html.append(f'<option value="{value}"{selected}>{label}</option>')
        if group_name:
            html.append("</optgroup>")
    html.append("</select>")
    return "".join(html)


class FormRenderer(TemplatesSetting):
    """Widget templates from the project's templates (as TemplatesSetting), inputs and selects
    written by the functions above."""

    writers = {**dict.fromkeys(INPUTS, input_html), SELECT: select_html}

    def render(self, template_name, context, request=None):
        write = self.writers.get(template_name)
        if write is not None and "widget" in context:
            try:
                return write(context["widget"])
            except Unusual:
                pass
        return super().render(template_name, context, request)
