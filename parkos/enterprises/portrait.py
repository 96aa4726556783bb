"""Sections of the portrait that the domains above the register contribute (the evaluation's
results, the pipeline's projects…). The register knows nothing of those domains: each registers
a section in its AppConfig.ready, and the portrait shows the sections that have something for
the viewer."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    template: str  # rendered with the section's context, inside the portrait's side column
    context: Callable  # (user, enterprise) -> dict, or None when there is nothing to show
    order: int = 50


_sections: list[Section] = []


def register(section: Section) -> None:
    if section not in _sections:
        _sections.append(section)
        _sections.sort(key=lambda s: s.order)


def sections_for(user, enterprise) -> list[tuple[str, dict]]:
    shown = []
    for section in _sections:
        context = section.context(user, enterprise)
        if context is not None:
            shown.append((section.template, context))
    return shown
