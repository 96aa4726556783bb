"""Pinyin keys for name search: staff type "tbj" or "tebaijia" to find 特百佳."""

from functools import cache

from pypinyin import Style, lazy_pinyin


@cache
def _load_phrases():
    # CC-CEDICT phrase data reads polyphonic characters in context (朝阳 chao-yang, 单县 shan-xian).
    from pypinyin_dict.phrase_pinyin_data import cc_cedict

    cc_cedict.load()


def search_keys(name: str) -> tuple[str, str]:
    """(initials, full pinyin) of a name, lower-case ASCII; other characters kept as they are."""
    _load_phrases()
    initials = "".join(lazy_pinyin(name, style=Style.FIRST_LETTER, errors="default"))
    full = "".join(lazy_pinyin(name, style=Style.NORMAL, errors="default"))
    return initials.lower(), full.lower()
