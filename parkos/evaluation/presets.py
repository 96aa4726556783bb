"""Preset schemes, with their published source. Weights and grade shares are as published;
the benchmark (population mean) and the cap (1.5 × weight) are ParkOS defaults, said so in
`source`, and editable on a copy. The loader takes model classes (see enterprises/reference.py)."""

from decimal import Decimal

SOURCE = (
    "指标与权重：浙江省台州市黄岩区工业企业亩均效益综合评价（{kind}）。"
    "分类比例：江苏省淮安市亩均效益评价，A 类 20%、B 类 40%、C 类 35%、D 类 5%。"
    "基准取参评企业平均值、单项得分封顶为权重的 1.5 倍，为 ParkOS 默认设置，可在复制后修改。"
)

PRESETS = [
    {
        "slug": "huangyan-above-scale",
        "name": "规上工业企业亩均效益评价",
        "population": "above",
        "kind": "规上企业",
        "indicators": [
            ("tax_per_mu", 30),
            ("value_added_per_mu", 20),
            ("value_added_per_energy", 20),
            ("value_added_per_emissions", 10),
            ("labour_productivity", 10),
            ("rd_intensity", 10),
        ],
    },
    {
        "slug": "huangyan-below-scale",
        "name": "规下工业企业亩均效益评价",
        "population": "below",
        "kind": "规下企业",
        "indicators": [("tax_per_mu", 50), ("tax_per_kwh", 50)],
    },
]


def load_presets(Scheme, SchemeIndicator):
    for preset in PRESETS:
        scheme, created = Scheme.objects.get_or_create(
            slug=preset["slug"],
            defaults={
                "name": preset["name"],
                "population": preset["population"],
                "is_preset": True,
                "exclude_founded_within_years": 2,
                "exclude_industries": "D",
                "source": SOURCE.format(kind=preset["kind"]),
                "description": "新设立未满两年的企业、电力热力燃气及水生产和供应业企业不参评。",
            },
        )
        if created:
            for order, (code, weight) in enumerate(preset["indicators"]):
                SchemeIndicator.objects.create(
                    scheme=scheme,
                    code=code,
                    weight=Decimal(weight),
                    benchmark_rule="mean",
                    benchmark_value=Decimal(1),
                    cap=Decimal(weight) * Decimal("1.5"),
                    order=order,
                )
