"""The yearly work report (年度工作报告) of a park or the district: the 驾驶舱's figures of a
year, read through the same functions (`dashboard.dashboard` for every headline figure, the
row sets it sums and the domains' figure functions for the breakdowns), so each figure of the
report is the dashboard's for the same scope and year. Written as .docx from a Word template
staff can restyle (`templates_docx/yearly.docx`, docxtpl) and as .xlsx, one sheet per section.
Money is shown as Chinese reports do: 亿元 for investment, output and financing, 万元 for
policy funds."""

import io
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from parkos.core.exports import write_xlsx
from parkos.core.roles import Role
from parkos.core.templatetags.units import percent, signed_percent, yi
from parkos.core.units import quantize, to_wan, to_yi
from parkos.enterprises.choices import HonourLevel
from parkos.investment.queries import signed_by_event
from parkos.parks.models import Park
from parkos.programmes.choices import ProjectStatus
from parkos.programmes.figures import scoped_figures as event_figures
from parkos.programmes.financing.figures import round_figures
from parkos.programmes.financing.models import LoanRound
from parkos.programmes.policy_figures import project_figures, project_rows
from parkos.service.queries import request_figures

from .dashboard import (
    Dashboard,
    Place,
    dashboard,
    financing_demands,
    honour_awards,
    honour_counts,
    investment_rows,
    policy_projects,
    service_requests,
)

TEMPLATE = Path(__file__).parent / "templates_docx" / "yearly.docx"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def template_path() -> Path:
    """The Word template: `PARKOS_REPORT_TEMPLATE_DIR/yearly.docx` when staff keep their own
    restyled copy there, else the one shipped with ParkOS (docs/reports.md)."""
    folder = settings.PARKOS_REPORT_TEMPLATE_DIR
    if folder and (Path(folder) / "yearly.docx").exists():
        return Path(folder) / "yearly.docx"
    return TEMPLATE


def system_actor():
    """Who the command reads as without --user: an unsaved, active district administrator —
    every row of the district, with the district admin's read permissions; nothing is written
    as it."""
    return get_user_model()(username="system-report", role=Role.DISTRICT_ADMIN, is_active=True)


@dataclass
class YearlyReport:
    year: int
    place: Place
    board: Dashboard
    signings_by_event: list[dict] = field(default_factory=list)
    events_by_kind: list[dict] = field(default_factory=list)
    rounds: list[dict] = field(default_factory=list)
    policy_kinds: list[dict] = field(default_factory=list)
    honour_types: list[dict] = field(default_factory=list)
    service_total: object = None  # service.queries.Figure: on-time rate, satisfaction

    @property
    def name(self) -> str:
        return str(self.place.park) if self.place.park is not None else _("All parks")

    def figure(self, section: str, key: str):
        """The dashboard's figure `key` of `section` (economy, service, programmes), or None."""
        return next((f for f in getattr(self.board, section) if f.key == key), None)


def yearly_report(user, year: int, park: Park | None = None) -> YearlyReport:
    """The report of `park` (None: every park `user` sees) for `year`, in `user`'s scope."""
    place = Place(park=park)
    board = dashboard(user, year, place)
    report = YearlyReport(year=year, place=place, board=board)
    if board.investment is not None:
        projects, _targets = investment_rows(user, place)
        report.signings_by_event = signed_by_event(projects, year)
    keys = {f.key for f in board.programmes}
    if "events" in keys:
        report.events_by_kind = event_figures(user, year, park.pk if park else None)["kinds"]
    if "financing_firms" in keys:
        demands = financing_demands(user, year, place)
        rounds = LoanRound.objects.visible_to(user).filter(opens_on__year=year)
        if park is not None:
            rounds = rounds.filter(programme__park=park) | rounds.filter(
                pk__in=demands.values("round_id")
            )
        rounds = rounds.select_related("programme").order_by("programme__name", "number")
        report.rounds = round_figures(demands, list(rounds.distinct()))
    if "policy_projects" in keys:
        report.policy_kinds = project_rows(
            project_figures(policy_projects(user, year, place), year)
        )["kinds"]
    if board.honours:
        report.honour_types = honour_counts(
            honour_awards(user, year, place), "honour_type__level", "honour_type__name"
        )
    if board.service:
        report.service_total = request_figures(service_requests(user, year, place)).total
    return report


# What the report writes: the same rows for the .xlsx sheets and the .docx tables ------------


def _plain(value, unit=""):
    """A figure as the report prints it (亿元 for money, a percentage for a share)."""
    if value is None:
        return "—"
    if unit == "money":
        return yi(value)
    if unit == "share":
        return percent(value)
    if unit == "decimal":
        return f"{Decimal(value):.2f}"
    return str(value)


def _level(value) -> str:
    return str(HonourLevel(value).label) if value in HonourLevel.values else str(value)


def layout() -> dict:
    """Each section's key → (title, column header), in the order the report prints them: the
    .xlsx sheets and the Word template's tables (scripts/make-report-template) read it."""
    statuses = [label for _value, label in ProjectStatus.choices]
    return {
        "economy": (_("Economy"), [_("Figure"), _("This year"), _("Last year"), _("Growth (%)")]),
        "investment": (
            _("Investment attraction"),
            [_("Figure"), _("Signed"), _("Annual target"), _("Completion (%)")],
        ),
        "signings": (
            _("Signings by event"),
            [_("Source event"), _("Projects"), _("Planned investment (100m yuan)")],
        ),
        "events": (_("Events"), [_("Kind"), _("Events"), _("Enterprise attendances")]),
        "financing": (
            _("Financing"),
            [
                _("Loan programme"),
                _("Round"),
                _("Opens on"),
                _("Firms"),
                _("Demanded (100m yuan)"),
                _("Firms granted"),
                _("Granted (100m yuan)"),
            ],
        ),
        "policy": (
            _("Policy projects"),
            [
                _("Kind"),
                _("Projects"),
                *statuses,
                _("Approved (10k yuan)"),
                _("Disbursed (10k yuan)"),
            ],
        ),
        "honours": (
            _("Honours"),
            [_("Honour"), _("Level"), pgettext("honour", "New"), _("Re-certified")],
        ),
        "evaluation": (_("Per-mu evaluation grades"), [_("Grade"), _("Enterprises")]),
        "service": (_("Enterprise service"), [_("Figure"), _("Value")]),
    }


def sections(report: YearlyReport) -> list[dict]:
    """The report's sections the reader may see: each a key, a title, a header and its rows
    (plain values: numbers in the unit the header names)."""
    rows = _rows(report)
    return [
        {"key": key, "title": str(title), "header": [str(h) for h in header], "rows": rows[key]}
        for key, (title, header) in layout().items()
        if key in rows
    ]


def _rows(report: YearlyReport) -> dict:
    board = report.board
    found = {
        "economy": [
            [
                _unit_label(f),
                _number(f.value, f.unit),
                _number(f.previous, f.unit),
                _number(f.growth, "share"),
            ]
            for f in board.economy
        ]
    }
    c = board.investment
    if c is not None:
        found["investment"] = [
            [_("Projects signed"), c.count, c.target_count, _number(c.count_ratio, "share")],
            [
                _("Planned investment (100m yuan)"),
                _number(c.investment, "money"),
                _number(c.target_investment, "money"),
                _number(c.investment_ratio, "share"),
            ],
        ]
        found["signings"] = [
            [r["event"] or _("No named event"), r["count"], _number(r["investment"], "money")]
            for r in report.signings_by_event
        ]
    if report.events_by_kind:
        total = [report.figure("programmes", k).value for k in ("events", "attendances")]
        found["events"] = [
            [str(r["label"]), r["events"], r["attendances"]]
            for r in report.events_by_kind
            if r["events"]
        ] + [[_("Total"), *total]]
    if report.figure("programmes", "financing_firms") is not None:
        found["financing"] = [
            [
                r["round"].programme.name,
                r["round"].number,
                r["round"].opens_on,
                r["firms"],
                _number(r["demanded"], "money"),
                r["granted_firms"],
                _number(r["granted"], "money"),
            ]
            for r in report.rounds
        ]
    if report.policy_kinds:
        found["policy"] = [
            [
                str(r["label"]),
                r["count"],
                *r["by_status"],
                _number(r["approved_amount"], "wan"),
                _number(r["disbursed_amount"], "wan"),
            ]
            for r in report.policy_kinds
            if r["count"]
        ]
    if board.honours:
        order = HonourLevel.values
        types = sorted(
            report.honour_types,
            key=lambda r: (order.index(r["honour_type__level"]), r["honour_type__name"]),
        )
        found["honours"] = [
            [r["honour_type__name"], _level(r["honour_type__level"]), r["new"], r["recertified"]]
            for r in types
        ] + [
            [_("Total"), _level(r["honour_type__level"]), r["new"], r["recertified"]]
            for r in board.honours
        ]
    if board.grades:
        found["evaluation"] = [[g["grade"], g["n"]] for g in board.grades]
    if board.service:
        rate = report.service_total.on_time_rate if report.service_total else None
        found["service"] = [[_unit_label(f), _number(f.value, f.unit)] for f in board.service] + [
            [_("On-time rate (%)"), rate]
        ]
    return found


def _number(value, unit=""):
    """A figure as a number in the report's unit (亿元, 万元, a percentage), None if unknown."""
    if value is None:
        return None
    if unit == "money":
        return to_yi(value)
    if unit == "wan":
        return to_wan(value)
    if unit == "share":
        return quantize(Decimal(value) * 100, 1)
    if unit == "decimal":
        return quantize(Decimal(value))
    return value


def _unit_label(figure) -> str:
    units = {"money": _("100m yuan"), "share": "%"}
    unit = units.get(figure.unit)
    return f"{figure.label}（{unit}）" if unit else str(figure.label)


def as_xlsx(report: YearlyReport) -> bytes:
    """The workbook: one sheet per section."""
    return write_xlsx([(s["title"], s["header"], s["rows"]) for s in sections(report)])


def docx_context(report: YearlyReport) -> dict:
    """What the Word template reads: the title, the sections (each with its rows as text) by
    key, and the headline figures as text ready to print (亿元, 万元, %)."""
    board = report.board
    text = [
        {**s, "rows": [["—" if v is None else str(v) for v in row] for row in s["rows"]]}
        for s in sections(report)
    ]
    figures = {}
    for section in ("economy", "service", "programmes"):
        for f in getattr(board, section):
            figures[f.key] = _plain(f.value, f.unit)
            if f.growth is not None:
                figures[f"{f.key}_growth"] = signed_percent(f.growth)
    c = board.investment
    if c is not None:
        figures.update(
            projects=c.count,
            investment=yi(c.investment),
            target=yi(c.target_investment),
            ratio=percent(c.investment_ratio) if c.investment_ratio is not None else "—",
        )
    if report.service_total is not None and report.service_total.on_time_rate is not None:
        figures["on_time_rate"] = f"{report.service_total.on_time_rate}%"
    return {
        "title": _("%(place)s: work report of %(year)s")
        % {"place": report.name, "year": report.year},
        "place": report.name,
        "year": report.year,
        "f": figures,
        "sections": text,
        "s": {s["key"]: s for s in text},
    }


def as_docx(report: YearlyReport, template: Path | None = None) -> bytes:
    from docxtpl import DocxTemplate

    document = DocxTemplate(str(template or template_path()))
    document.render(docx_context(report), autoescape=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def filename(report: YearlyReport, extension: str) -> str:
    return f"yearly-report-{report.year}-{report.name}.{extension}"
