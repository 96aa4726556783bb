"""Inputs and selects are written in Python (core/renderers.py): every widget of every list's
filters and every declared entity's form reads exactly as its template renders it."""

from decimal import Decimal

from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from parkos.core.entities import registry
from parkos.core.renderers import FormRenderer
from parkos.core.tests.test_tables import list_paths, open_list
from parkos.testing.samples import build_samples

AWKWARD = "<b>\"Tom\" & 'Jerry'</b>"


def assert_same_widgets(form, where):
    ours, theirs = FormRenderer(), TemplatesSetting()
    for field in form:
        form.renderer = ours
        written = field.as_widget()
        form.renderer = theirs
        assert written == field.as_widget(), (where, field.name)


def test_every_filter_and_entity_form_widget_reads_as_its_template_renders_it(world, client):
    samples = build_samples(world)
    admin = world.users["district_admin"]
    park = str(world.park_a.pk)
    for path in list_paths(samples["evaluation.run"][0].pk):
        for params in ({}, {"q": AWKWARD, "park": park, "year": "2024", "status": "x"}):
            form = open_list(client, world, path, params).context["filterset"].form
            assert_same_widgets(form, path)
    for key, entity in registry.items():
        if entity.form is None:  # read-only in the API, edited on pages of its own
            continue
        inside = samples[key][0]
        for form in (entity.form(user=admin), entity.form(instance=inside, user=admin)):
            assert_same_widgets(form, key)
        bound = entity.form({"name": AWKWARD}, instance=inside, user=admin)
        bound.is_valid()
        assert_same_widgets(bound, f"{key} bound")


def test_awkward_attributes_values_and_choices_read_as_the_templates_write_them():
    class Awkward(forms.Form):
        text = forms.CharField(
            widget=forms.TextInput(
                attrs={"placeholder": AWKWARD, "data-n": 0, "disabled": True, "hidden": False}
            )
        )
        number = forms.DecimalField(widget=forms.NumberInput(attrs={"step": Decimal("0.01")}))
        flag = forms.BooleanField()
        hidden = forms.CharField(widget=forms.HiddenInput)
        day = forms.DateField(widget=forms.DateInput(format="%Y-%m-%d"))
        choice = forms.ChoiceField(
            choices=[
                ("", "---------"),
                (AWKWARD, mark_safe("<i>safe</i>")),
                (gettext_lazy("Yes"), [(1, Decimal("1234.5")), (2, gettext_lazy("No"))]),
            ]
        )
        many = forms.MultipleChoiceField(choices=[(1, AWKWARD), (2, 2024)])

    values = {"text": AWKWARD, "number": "12.5", "flag": "on", "hidden": AWKWARD}
    for data in (None, {**values, "day": "2024-03-01", "choice": AWKWARD, "many": ["1", "2"]}):
        form = Awkward(data)
        if data:
            form.is_valid()
        assert_same_widgets(form, data)
