"""Industry chains (产业链): templates of ordered nodes (materials → components → panels →
terminals), the enterprises placed on them, and the supplier–customer links of an anchor
enterprise (链主) with local enterprises and outside firms."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from parkos.core.links import object_url
from parkos.core.scoping import Scope, ScopedManager
from parkos.enterprises.models import THROUGH_ENTERPRISE, money

from .choices import Direction, Stage


class ChainTemplate(models.Model):
    """A chain's nodes from upstream to downstream: the district's, or a park's own."""

    name = models.CharField(_("name"), max_length=60)
    park = models.ForeignKey(
        "parks.Park",
        verbose_name=_("park"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="chain_templates",
        help_text=_("Empty for a district-wide chain."),
    )
    cluster = models.ForeignKey(
        "enterprises.Cluster",
        verbose_name=_("industry cluster"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="chain_templates",
    )
    description = models.TextField(_("description"), blank=True)

    scope = Scope(park="park", everyone=True)
    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chain template")
        verbose_name_plural = _("chain templates")
        ordering = ["id"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return object_url("chains:chaintemplate", self.pk)


class ChainNode(models.Model):
    template = models.ForeignKey(
        ChainTemplate,
        verbose_name=_("chain template"),
        on_delete=models.CASCADE,
        related_name="nodes",
    )
    name = models.CharField(_("name"), max_length=60)
    stage = models.CharField(_("stage"), max_length=12, choices=Stage.choices)
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("From upstream (small) to downstream (large).")
    )
    weak_below = models.PositiveSmallIntegerField(
        _("weak below"),
        default=2,
        help_text=_("The node is a weak link while fewer local enterprises are placed on it."),
    )

    scope = Scope(park="template__park", everyone=True)
    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chain node")
        verbose_name_plural = _("chain nodes")
        ordering = ["template_id", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["template", "name"], name="chainnode_unique_name")
        ]

    def __str__(self):
        return f"{self.template.name} · {self.name}"

    def get_absolute_url(self):
        return object_url("chains:chainnode", self.pk)


class ChainPlacement(models.Model):
    """An enterprise of the district placed on a node: what it makes on the chain."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.CASCADE,
        related_name="chain_placements",
    )
    node = models.ForeignKey(
        ChainNode, verbose_name=_("chain node"), on_delete=models.CASCADE, related_name="placements"
    )
    product = models.CharField(_("product"), max_length=100, blank=True)

    scope = THROUGH_ENTERPRISE
    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chain placement")
        verbose_name_plural = _("chain placements")
        ordering = ["node__template_id", "node__order", "enterprise__name"]
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "node"], name="chainplacement_unique")
        ]

    def __str__(self):
        return f"{self.enterprise} · {self.node.name}"

    def get_absolute_url(self):
        return object_url("chains:chainplacement", self.pk)


class ChainLink(models.Model):
    """A supplier–customer link of an anchor enterprise (链主) with a local enterprise or an
    outside firm, and the investment of the chain project behind it."""

    anchor = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("anchor enterprise"),
        on_delete=models.CASCADE,
        related_name="chain_links",
    )
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    partner = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("local partner"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="chain_partner_links",
    )
    partner_name = models.CharField(
        _("outside partner"),
        max_length=100,
        blank=True,
        help_text=_("A firm outside the district: its name (leave the local partner empty)."),
    )
    node = models.ForeignKey(
        ChainNode,
        verbose_name=_("chain node"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="links",
    )
    product = models.CharField(_("product"), max_length=100, blank=True)
    investment = money(
        _("chain project investment"),
        null=True,
        blank=True,
        help_text=_("Planned investment of the partner's project for this chain (yuan)."),
    )

    scope = Scope(park="anchor__park", zone="anchor__zone", enterprise="anchor")
    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chain link")
        verbose_name_plural = _("chain links")
        ordering = ["anchor_id", "direction", "id"]

    def __str__(self):
        return f"{self.anchor} ↔ {self.partner_label}"

    def get_absolute_url(self):
        return object_url("chains:chainlink", self.pk)

    def clean(self):
        from .rules import check_link

        check_link(self)

    @property
    def partner_label(self):
        return self.partner.name if self.partner_id else self.partner_name
