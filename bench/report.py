"""docs/benchmarks.md has several writers: `make bench` writes the page, `make load` owns a
marked section of it. Each keeps what the others wrote, and the hand-written notes (from
"## Notes" on) survive every run."""

import re

NOTES = "## Notes"


def _markers(name):
    return (
        f"<!-- {name}: begin (written by `make {name}`, edits here are overwritten) -->",
        f"<!-- {name}: end -->",
    )


def section(name, body):
    """`body` between the markers of section `name`."""
    begin, end = _markers(name)
    return f"{begin}\n{body.strip()}\n{end}\n"


_SECTION = re.compile(
    r"<!-- (?P<name>[\w-]+): begin \(.*?\) -->\n.*?<!-- (?P=name): end -->\n", re.DOTALL
)


def marked_sections(text):
    """Every marked section of `text`, markers included, in order."""
    return [m.group(0) for m in _SECTION.finditer(text)]


def replace_section(text, name, body):
    """`text` with section `name` holding `body`: in place when the section is there, else put
    before the notes (or at the end when there are none)."""
    new = section(name, body)
    for match in _SECTION.finditer(text):
        if match.group("name") == name:
            return text[: match.start()] + new + text[match.end() :]
    if NOTES in text:
        at = text.index(NOTES)
        return text[:at] + new + "\n" + text[at:]
    return text.rstrip("\n") + "\n\n" + new


def regenerate(generated, previous):
    """The page `make bench` wrote (`generated`), followed by the marked sections and the notes
    of the `previous` page."""
    notes = previous.index(NOTES) if NOTES in previous else len(previous)
    text = generated.rstrip("\n") + "\n"
    for kept in marked_sections(previous[:notes]):
        text += "\n" + kept
    if notes < len(previous):
        text += "\n" + previous[notes:]
    return text
