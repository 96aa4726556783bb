"""Pinyin keys for name search: staff type "tbj" or "tebaijia" to find 特百佳, and either
reading of a polyphonic character ("luan" or "liuan" for 六安, "shanxian" or "danxian" for 单县)."""

from functools import cache
from itertools import combinations, product

from pypinyin import Style, pinyin
from pypinyin.contrib.tone_convert import to_normal

# Readings kept per name: the reading in context first, then every name that differs from it
# in one character, then in two, and so on until this many. One character's other reading is
# what a user most often types; a long name with many polyphonic characters stays bounded.
MAX_READINGS = 16
SEPARATOR = " "  # never in a query (spaces are removed), so no match spans two readings


@cache
def _load_phrases():
    # CC-CEDICT phrase data reads polyphonic characters in context (朝阳 chao-yang, 单县 shan-xian).
    from pypinyin_dict.phrase_pinyin_data import cc_cedict

    cc_cedict.load()


@cache
def _readings_of_characters() -> dict[int, str]:
    # 《现代汉语词典》 (1983): the readings in modern use, without the classical ones pypinyin's
    # own table adds (有 wěi, 司 cì), and with the place-name readings (六 lù, 蚌 bèng, 句 gōu).
    from pypinyin_dict.pinyin_data import kxhc1983

    return kxhc1983.pinyin_dict


def _alternatives(name: str) -> list[list[str]]:
    """Per character, its reading in context first, then its other readings (lower-case ASCII;
    a character with no pinyin is itself)."""
    _load_phrases()
    name = "".join(name.split())  # a space would read as the separator
    in_context = pinyin(name, style=Style.NORMAL, errors=list)
    table = _readings_of_characters()
    readings = []
    for char, (first,) in zip(name, in_context, strict=True):  # one reading per character
        others = (to_normal(r) for r in table.get(ord(char), "").split(",") if r)
        readings.append(list(dict.fromkeys([first.lower(), *others])))
    return readings


def _variants(alternatives: list[list[str]]):
    """Whole-name readings, those closest to the reading in context first."""
    polyphonic = [i for i, options in enumerate(alternatives) if len(options) > 1]
    for changed in range(len(polyphonic) + 1):
        for positions in combinations(polyphonic, changed):
            choices = [alternatives[i][1:] for i in positions]
            for picked in product(*choices):
                reading = [options[0] for options in alternatives]
                for i, syllable in zip(positions, picked, strict=True):
                    reading[i] = syllable
                yield reading


def search_keys(name: str) -> tuple[str, str]:
    """(initials, full pinyin) of a name, each the plausible readings separated by a space, the
    reading in context first; lower-case ASCII, other characters kept as they are."""
    initials, full = {}, {}
    for reading in _variants(_alternatives(name)):
        full.setdefault("".join(reading), None)
        initials.setdefault("".join(syllable[:1] for syllable in reading), None)
        if len(full) >= MAX_READINGS:
            break
    return SEPARATOR.join(initials), SEPARATOR.join(full)
