"""The unified social credit code (统一社会信用代码, GB 32100-2015): one judgement for every path
that takes one — the enterprise form and so the API (whose body the form validates), the
imports, the boxes that name an enterprise by its code (landlord, building owner, a project's
company, a user's enterprise) and the admin.

`clean_uscc` normalises a code as people and spreadsheets write it and judges it, returning the
18 characters to store or raising a ValidationError that names the character, its position and
the rule it breaks. It lives in core, the lowest layer, so that accounts can use it too.

The code's structure (GB 32100-2015, clause 4):

    position  1     registration department code (登记管理部门码), table below
              2     organisation type code (机构类别码), whose values depend on the department
              3–8   the registering authority's administrative-division code (GB/T 2260)
              9–17  subject identification code (主体标识码, the GB 11714 organisation code)
              18    check character: GB 32100's mod-31 check (after GB/T 17710, ISO/IEC 7064)
                    over the first 17, in the alphabet 0–9 A–H J–N P–R T U W–Y (no I O S V Z)

Sources. The standard's own text (openstd.samr.gov.cn) could not be read from here; these
public reproductions of its table 1 agree with one another on every department and type below:

- the standard's table as reprinted in "统一社会信用代码解析登记管理部门和机构类别",
  https://blog.csdn.net/lh1424573495/article/details/108776492 (1 机构编制 … Y 其他, with each
  department's organisation types; "Y 其他：不再具体划分机构类别，统一用1表示");
- wanghanwanghan/someUtils, src/moudles/nsrsbh/nsrsbhToType.php (the same table, citing the
  statistics bureau page www.scmiyi.gov.cn/zwgk/zzjg/xjbm/tjj/tjzs/1887316.shtml); that file
  also lists G, J, M, Q and S, which are not in the standard (S is not even in its alphabet):
  they are not accepted here;
- the check character: python-stdnum's `stdnum.cn.uscc` (weights 1, 3, 9, 27, …), kept for it;
- departments A (中央军委改革和编制办公室, an office set up in 2016) and N (农业: rural collective
  economic organisations, coded since 农经发〔2018〕4号) are later than the 2015 text, so a
  validator written from that text alone refuses real A and N codes;
- the national level's division code 100000 ("国家用100000，北京用110000"), in the coding rules
  as quoted at http://uianet.net/dictionary/b7217268.html.

Decided not to check:

- The GB 11714 check character of the organisation code (position 17). Codes issued since 2015
  to new registrants are not derived from an old organisation code, and many real ones, 个体工商户
  (92…) above all, do not satisfy GB 11714's check; refusing them would refuse real firms.
  The GB 32100 check character over all 17 still catches a mistyped character there.
- The full GB/T 2260 division code. The list changes every year (districts merge and are
  renamed) and a code keeps the division of the authority that issued it, so a code issued by a
  county since merged stays valid; ParkOS has no reliable dated list. Only the shape is checked:
  six digits whose first two are a province of GB/T 2260 (11–15, 21–23, 31–37, 41–46, 50–54,
  61–65, 71 台湾, 81 香港, 82 澳门) or 10, the national level (an organisation registered by a
  central department).
"""

import operator
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"

# GB 32100-2015 table 1: department code → (department, {organisation type code: type}). The
# names are the standard's own words; 工商's registrations are now made by 市场监管 (SAMR),
# under the same code.
DEPARTMENTS: dict[str, tuple[str, dict[str, str]]] = {
    "1": (
        "机构编制",
        {"1": "机关", "2": "事业单位", "3": "中央编办直接管理机构编制的群众团体", "9": "其他"},
    ),
    "2": ("外交", {"1": "外国常驻新闻机构", "9": "其他"}),
    "3": (
        "司法行政",
        {
            "1": "律师执业机构",
            "2": "公证处",
            "3": "基层法律服务所",
            "4": "司法鉴定机构",
            "5": "仲裁委员会",
            "9": "其他",
        },
    ),
    "4": ("文化", {"1": "外国在华文化中心", "9": "其他"}),
    "5": ("民政", {"1": "社会团体", "2": "民办非企业单位", "3": "基金会", "9": "其他"}),
    "6": (
        "旅游",
        {
            "1": "外国旅游部门常驻代表机构",
            "2": "港澳台地区旅游部门常驻内地（大陆）代表机构",
            "9": "其他",
        },
    ),
    "7": ("宗教", {"1": "宗教活动场所", "2": "宗教院校", "9": "其他"}),
    "8": ("工会", {"1": "基层工会", "9": "其他"}),
    "9": ("工商", {"1": "企业", "2": "个体工商户", "3": "农民专业合作社"}),
    "A": ("中央军委改革和编制办公室", {"1": "军队事业单位", "9": "其他"}),
    "N": (
        "农业",
        {
            "1": "组级集体经济组织",
            "2": "村级集体经济组织",
            "3": "乡镇级集体经济组织",
            "9": "其他",
        },
    ),
    "Y": ("其他", {"1": "不再具体划分机构类别"}),
}

# The first two digits of a GB/T 2260 code: the provinces, and 10 for the national level.
PROVINCES = frozenset(
    f"{n:02d}"
    for first, last in (
        (10, 15),
        (21, 23),
        (31, 37),
        (41, 46),
        (50, 54),
        (61, 65),
        (71, 71),
        (81, 82),
    )
    for n in range(first, last + 1)
)

LIST = "、"
# What a code may carry besides its characters, as typists, web pages and spreadsheets write it:
# spaces of every kind (a full-width 　, a no-break space from a web page), dashes and hyphens
# (category Pd: - ‐ ‑ – — －), the minus sign, and invisible format characters (a zero-width
# space or a byte-order mark pasted from a web page or a UTF-8 CSV).
_MINUS = "\u2212"
# A code all of digits that Excel turned into a number shows as 9.13101E+17 and lost its last
# digits: no normalisation brings them back.
_SCIENTIFIC = re.compile(r"\d(?:\.\d+)?E\+\d+")


def normalise_uscc(value) -> str:
    """`value` without what is not part of a code — spaces, hyphens and dashes, format
    characters —, full-width characters made ASCII (NFKC: ９１３１ is 9131) and in capitals.
    It does not judge: the search box uses it on a part of a code."""
    text = unicodedata.normalize("NFKC", str(value or ""))
    return "".join(
        char
        for char in text
        if not (char.isspace() or char == _MINUS or unicodedata.category(char) in ("Pd", "Cf"))
    ).upper()


# A code already as stored: `normalise_uscc` would return it unchanged (an import's column of
# 100,000 codes skips that work).
_PLAIN = re.compile(r"[0-9A-Z]{18}")
# Digits and letters of ALPHABET throughout, digits in characters 3–8.
_WELL_FORMED = re.compile(r"[0-9A-HJ-NP-RTUWXY]{2}[0-9]{6}[0-9A-HJ-NP-RTUWXY]{10}")
_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_VALUES = {char: value for value, char in enumerate(ALPHABET)}


def check_character(first17: str) -> str:
    """GB 32100-2015's check character of the first 17 characters (all in ALPHABET): what
    python-stdnum's `calc_check_digit` computes, four times faster."""
    return ALPHABET[-sum(map(operator.mul, map(_VALUES.__getitem__, first17), _WEIGHTS)) % 31]


def clean_uscc(value) -> str:
    """The code to store for `value`, normalised (`normalise_uscc`), or a ValidationError
    (code "uscc") naming the first character that breaks a rule of GB 32100-2015, its position
    and the rule. The same on the form, the API, the imports and every box that names an
    enterprise by its code."""
    code = value if type(value) is str and _PLAIN.fullmatch(value) else normalise_uscc(value)
    # What a code is written with is judged character by character only to name the culprit.
    well_formed = _WELL_FORMED.fullmatch(code)
    if not well_formed:
        _judge_characters(value, code)
    department = DEPARTMENTS.get(code[0])
    if department is None:
        raise _refusal(
            _(
                "Character 1 is “%(char)s”, which is not a registration department code of "
                "GB 32100-2015 (%(allowed)s)."
            ),
            char=code[0],
            allowed=LIST.join(DEPARTMENTS),
        )
    name, types = department
    if code[1] not in types:
        raise _refusal(
            _(
                "Character 2 is “%(char)s”, which is not an organisation type of registration "
                "department %(department)s (%(name)s): GB 32100-2015 allows %(allowed)s."
            ),
            char=code[1],
            department=code[0],
            name=name,
            allowed=LIST.join(types),
        )
    if not well_formed:
        _judge_division_digits(code)
    if code[2:4] not in PROVINCES:
        raise _refusal(
            _(
                "Characters 3–4 are “%(province)s”, which is not a province of GB/T 2260, so "
                "“%(division)s” is not an administrative-division code."
            ),
            province=code[2:4],
            division=code[2:8],
        )
    expected = check_character(code[:17])
    if code[17] != expected:
        raise _refusal(
            _(
                "Character 18 is “%(got)s”, expected “%(expected)s”: the check character "
                "computed from the first 17 (GB 32100-2015)."
            ),
            got=code[17],
            expected=expected,
        )
    return code


def _judge_characters(value, code) -> None:
    """The refusal of a code that is not 18 characters of ALPHABET."""
    if _SCIENTIFIC.fullmatch(code):
        raise _refusal(
            _(
                "“%(value)s” is a number as Excel shows a long one: its last digits are lost. "
                "Format the column as text and enter the code again."
            ),
            value=str(value).strip(),
        )
    if len(code) != 18:
        raise _refusal(
            _("A USCC has 18 characters (not counting spaces and hyphens); this one has %(n)d."),
            n=len(code),
        )
    for position, char in enumerate(code, 1):
        if char not in ALPHABET:
            raise _refusal(
                _(
                    "Character %(position)d is “%(char)s”: a USCC is written with digits and the "
                    "capital letters other than I, O, S, V and Z."
                ),
                position=position,
                char=char,
            )


def _judge_division_digits(code) -> None:
    """The refusal of a code whose characters 3–8 are not all digits."""
    for position in range(3, 9):
        if not code[position - 1].isdigit():
            raise _refusal(
                _(
                    "Character %(position)d is “%(char)s”: characters 3–8 are the "
                    "administrative-division code of the registering authority (GB/T 2260), "
                    "six digits."
                ),
                position=position,
                char=code[position - 1],
            )


def uscc_error(value) -> str | None:
    """Why `value` is not a valid USCC, or None when it is (the message of `clean_uscc`)."""
    try:
        clean_uscc(value)
    except ValidationError as exc:
        return exc.messages[0]
    return None


def _refusal(message: str, **params) -> ValidationError:
    return ValidationError(message % params, code="uscc")
