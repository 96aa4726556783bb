"""The writers of docs/benchmarks.md keep each other's sections and the hand-written notes."""

from bench import report

PAGE = """# Benchmarks

Figures of `make bench`.

## Notes

### a day: what changed
"""


def test_a_new_section_goes_before_the_notes():
    text = report.replace_section(PAGE, "load", "| a | table |")
    assert text.index("| a | table |") < text.index("## Notes")
    assert text.startswith("# Benchmarks\n\nFigures of `make bench`.\n")
    assert text.endswith("## Notes\n\n### a day: what changed\n")
    assert report.marked_sections(text) == [report.section("load", "| a | table |")]


def test_a_section_is_replaced_in_place_and_the_rest_kept():
    once = report.replace_section(PAGE, "load", "first run")
    twice = report.replace_section(once, "load", "second run\n")
    assert "first run" not in twice and twice.count("second run") == 1
    assert twice == once.replace("first run", "second run")


def test_sections_are_told_apart_by_name():
    text = report.replace_section(report.replace_section(PAGE, "load", "L"), "other", "O")
    text = report.replace_section(text, "load", "L2")
    assert [s.splitlines()[1] for s in report.marked_sections(text)] == ["L2", "O"]


def test_without_notes_a_section_is_appended():
    text = report.replace_section("# Benchmarks\n", "load", "body")
    assert text == "# Benchmarks\n\n" + report.section("load", "body")


def test_make_bench_keeps_the_sections_and_the_notes_of_the_previous_page():
    previous = report.replace_section(PAGE, "load", "the load figures")
    generated = "# Benchmarks\n\nNew figures.\n"
    text = report.regenerate(generated, previous)
    assert text == (
        "# Benchmarks\n\nNew figures.\n\n"
        + report.section("load", "the load figures")
        + "\n## Notes\n\n### a day: what changed\n"
    )
    assert report.regenerate(generated, text) == text  # stable run after run


def test_make_bench_on_a_first_run():
    assert report.regenerate("# Benchmarks\n", "") == "# Benchmarks\n"
