"""The online park of the demo district: parcels with boundaries, park-owned and enterprise-owned
buildings with their floors, and a few hundred units. Coordinates are around a fictional park."""

import math
import random
from decimal import Decimal

from django.db import transaction

from parkos.enterprises.models import Enterprise
from parkos.parks.models import Park

from .choices import (
    BuildingForm,
    FireClass,
    LandUse,
    Ownership,
    ParcelStatus,
    Structure,
    Suitability,
    UnitStatus,
)
from .models import Building, FloorSpec, Parcel, Unit

NAME_WORDS = ["智造", "创新", "科创", "湾区", "新材料"]
CENTRES = [(30.742, 121.338), (30.792, 121.212)]
FORMS = [  # form, floors, ground height, ground load, upper height, upper load (kN/m²), crane
    (BuildingForm.SINGLE_STOREY, 1, 10, 30, None, None, 10),
    (BuildingForm.STANDARD, 4, 8, 20, 4.5, 8, 0),
    (BuildingForm.MULTI_STOREY, 3, 6, 15, 4.5, 8, 0),
    (BuildingForm.RD_OFFICE, 6, 4.5, 5, 3.9, 3.5, 0),
    (BuildingForm.WAREHOUSE, 1, 12, 30, None, None, 5),
]


def _square(rng, centre, index, side):
    lat0, lng0 = centre
    row, col = divmod(index, 6)
    lat, lng = lat0 + row * 0.004 - 0.01, lng0 + col * 0.005 - 0.012
    d = side / 2
    return [
        [round(lat - d, 6), round(lng - d * 1.2, 6)],
        [round(lat - d, 6), round(lng + d * 1.2, 6)],
        [round(lat + d, 6), round(lng + d * 1.2, 6)],
        [round(lat + d, 6), round(lng - d * 1.2, 6)],
    ]


def _roads(centre):
    """A grid of the park's roads around its centre: the base of its maps off the internet."""
    lat, lng = centre
    span, step = 0.012, 0.006
    roads = []
    for i, name in enumerate(("兴业路", "创新路", "科技大道")):
        y = round(lat - step + i * step, 6)
        roads.append({"name": name, "line": [[y, round(lng - span, 6)], [y, round(lng + span, 6)]]})
    for i, name in enumerate(("智造路", "海湾路")):
        x = round(lng - step / 2 + i * step, 6)
        roads.append({"name": name, "line": [[round(lat - span, 6), x], [round(lat + span, 6), x]]})
    return roads


@transaction.atomic
def seed(seed=7):
    if Building.objects.exists():
        return
    rng = random.Random(seed)
    for park, centre, n_parcels, n_buildings in zip(
        Park.objects.order_by("id"), CENTRES, (18, 6), (40, 10), strict=False
    ):
        park.roads = _roads(centre)
        park.save(update_fields=["roads"])
        zones = list(park.zones.all())
        parcels = []
        for i in range(n_parcels):
            area = Decimal(rng.choice([20, 30, 45, 60, 80, 120]))
            status = rng.choices(list(ParcelStatus.values), weights=(5, 2, 3))[0]
            parcels.append(
                Parcel.objects.create(
                    park=park,
                    zone=rng.choice(zones),
                    code=f"{park.short_name[:2]}-{i + 1:02d}",
                    area_mu=area,
                    land_use=rng.choices(list(LandUse.values), weights=(7, 2, 1, 0))[0],
                    status=status,
                    guide_price=Decimal(rng.choice([45, 60, 75])) * 10_000,
                    polygon=_square(rng, centre, i, 0.0012 + math.sqrt(float(area)) * 0.00012),
                    overview="七通一平，近高速道口。" if status == ParcelStatus.AVAILABLE else "",
                    published=status != ParcelStatus.TRANSFERRED,
                    internal_note="意向方洽谈中" if rng.random() < 0.2 else "",
                )
            )
        owners = list(Enterprise.objects.filter(park=park, own_land_mu__gte=60)[:10])
        for i in range(n_buildings):
            form, floors, gh, gl, uh, ul, crane = rng.choice(FORMS)
            per_floor = Decimal(rng.choice([2000, 3000, 4500, 6000]))
            total = per_floor * floors
            enterprise_owned = owners and rng.random() < 0.25
            parcel = rng.choice(parcels)
            lat, lng = parcel.polygon[0]
            building = Building.objects.create(
                park=park,
                zone=parcel.zone,
                parcel=parcel,
                code=f"B{i + 1:03d}",
                name=f"{park.short_name}{rng.choice(NAME_WORDS)}{i + 1}号楼",
                ownership=Ownership.ENTERPRISE if enterprise_owned else Ownership.PARK,
                owner=rng.choice(owners) if enterprise_owned else None,
                year_built=rng.randint(2008, 2024),
                latitude=lat + 0.0004,
                longitude=lng + 0.0005,
                form=form,
                floors=floors,
                total_floor_m2=total,
                available_floor_m2=Decimal(0),
                structure=Structure.STEEL if floors == 1 else Structure.CONCRETE,
                column_grid=rng.choice(["9 m × 12 m", "12 m × 12 m", "8.4 m × 8.4 m", "24 m 跨"]),
                fire_class=rng.choice([FireClass.BING, FireClass.DING, FireClass.WU]),
                crane_tonnes=Decimal(crane),
                power_kva=rng.choice([400, 800, 1250, 1600, 2000, 2500]),
                gas=rng.random() < 0.6,
                loading_docks=rng.randint(0, 6),
                suitability=rng.sample(list(Suitability.values), rng.choice([0, 1, 1, 2])),
                overview=f"{floors} 层{BuildingForm(form).label}，交通便利，配套齐全。",
                published=rng.random() < 0.85,
                internal_note="业主报价可谈，底价见合同台账。" if enterprise_owned else "",
            )
            FloorSpec.objects.bulk_create(
                [
                    FloorSpec(
                        building=building,
                        floor=f,
                        clear_height_m=Decimal(str(gh if f == 1 else uh)),
                        floor_load_kn_m2=Decimal(str(gl if f == 1 else ul)),
                        area_m2=per_floor,
                    )
                    for f in range(1, floors + 1)
                ]
            )
            units, available = [], Decimal(0)
            for f in range(1, floors + 1):
                for k in range(rng.choice([1, 2, 2, 3])):
                    area = (per_floor / rng.choice([1, 2, 3])).quantize(Decimal("1"))
                    status = rng.choices(list(UnitStatus.values), weights=(5, 1, 4, 1))[0]
                    if status == UnitStatus.AVAILABLE:
                        available += area
                    units.append(
                        Unit(
                            building=building,
                            code=f"{f}{k + 1:02d}",
                            floor=f,
                            area_m2=area,
                            status=status,
                            rent_per_m2_day=Decimal(
                                rng.choice(["0.9", "1.1", "1.3", "1.6", "2.2"])
                            ),
                            sale_price_per_m2=Decimal(rng.choice([4500, 5200, 6800]))
                            if enterprise_owned
                            else None,
                            published=status == UnitStatus.AVAILABLE and rng.random() < 0.9,
                            internal_note="原租户 2025 年到期" if rng.random() < 0.1 else "",
                        )
                    )
            Unit.objects.bulk_create(units)
            if i < 12:
                _photo(building, rng)
            building.available_floor_m2 = min(available, total)
            building.save(update_fields=["available_floor_m2"])


def _photo(building, rng):
    """A generated picture of the building: a facade with its windows (the demo has no photos)."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image, ImageDraw

    from .services import store_photo

    image = Image.new("RGB", (640, 400), (205, 222, 240))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 300, 640, 400], fill=(170, 180, 160))
    colour = rng.choice([(120, 130, 145), (150, 150, 160), (95, 120, 150)])
    floors = min(building.floors, 6)
    top = 300 - 40 * floors - 40
    draw.rectangle([80, top, 560, 300], fill=colour, outline=(60, 60, 70), width=3)
    for row in range(floors):
        for col in range(8):
            x, y = 100 + col * 57, top + 20 + row * 40
            draw.rectangle([x, y, x + 35, y + 22], fill=(210, 230, 250))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85)
    store_photo(
        actor=None,
        building=building,
        upload=SimpleUploadedFile("demo.jpg", out.getvalue()),
        caption=building.name,
    )
