"""Photos: only real images under the size limit, stored without their metadata."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from parkos.space.services import store_photo

from .test_space import make_building


def jpeg_with_gps(size=(3000, 1500)):
    image = Image.new("RGB", size, (40, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    exif[0x8825] = {1: "N", 2: (30.0, 44.0, 31.0)}  # GPS: where the photographer stood
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_a_real_photo_is_stored_smaller_and_without_metadata(world):
    building = make_building(world.park_a, published=True)
    raw = jpeg_with_gps()
    assert Image.open(io.BytesIO(raw)).getexif()  # the upload carries EXIF
    photo = store_photo(
        actor=None, building=building, upload=SimpleUploadedFile("p.jpg", raw), caption="外立面"
    )
    stored = Image.open(photo.image.open("rb"))
    assert stored.format == "JPEG" and max(stored.size) == 2400
    assert not stored.getexif() and "exif" not in stored.info
    assert b"SecretCam" not in photo.image.open("rb").read()


@pytest.mark.parametrize(
    "content,message",
    [
        (b"<?php echo 'hi'; ?>", "不是可以读取的图片"),
        (b"GIF89a" + b"\x00" * 50, "不是可以读取的图片"),
    ],
)
def test_fakes_are_refused(world, content, message):
    building = make_building(world.park_a)
    with pytest.raises(ValidationError, match=message):
        store_photo(actor=None, building=building, upload=SimpleUploadedFile("x.jpg", content))
    assert not building.photos.exists()


def test_other_formats_and_big_files_are_refused(world, settings):
    building = make_building(world.park_a)
    gif = io.BytesIO()
    Image.new("RGB", (10, 10)).save(gif, format="GIF")
    with pytest.raises(ValidationError, match="JPEG、PNG 或 WebP"):
        store_photo(
            actor=None, building=building, upload=SimpleUploadedFile("x.gif", gif.getvalue())
        )
    settings.PARKOS_PHOTO_MAX_BYTES = 1024
    with pytest.raises(ValidationError, match="MB"):
        store_photo(
            actor=None, building=building, upload=SimpleUploadedFile("p.jpg", jpeg_with_gps())
        )


def test_who_sees_a_photo(world, client):
    shown = make_building(world.park_a, world.zone_a1, "SHOWN", published=True)
    hidden = make_building(world.park_a, world.zone_a2, "HIDDEN")
    public_photo = store_photo(
        actor=None, building=shown, upload=SimpleUploadedFile("a.jpg", jpeg_with_gps((40, 30)))
    )
    private_photo = store_photo(
        actor=None, building=hidden, upload=SimpleUploadedFile("b.jpg", jpeg_with_gps((40, 30)))
    )
    assert client.get(public_photo.get_absolute_url()).status_code == 200
    assert client.get(private_photo.get_absolute_url()).status_code == 404
    assert (
        public_photo.get_absolute_url()
        in client.get(f"/online/space/{shown.pk}/", follow=True).content.decode()
    )
    client.force_login(world.users["investment"])
    assert client.get(private_photo.get_absolute_url()).status_code == 200
    client.force_login(world.users["steward"])  # zone A1 only
    assert client.get(private_photo.get_absolute_url()).status_code == 404


def test_staff_upload_from_the_building_page(world, client):
    building = make_building(world.park_a)
    client.force_login(world.users["investment"])
    client.post(
        f"/space/buildings/{building.pk}/photos/",
        {"image": SimpleUploadedFile("p.jpg", jpeg_with_gps((100, 80))), "caption": "车间"},
    )
    assert building.photos.get().caption == "车间"
    client.force_login(world.users["steward"])
    response = client.post(
        f"/space/buildings/{building.pk}/photos/",
        {"image": SimpleUploadedFile("p.jpg", jpeg_with_gps((100, 80)))},
    )
    assert response.status_code == 403 and building.photos.count() == 1


def test_removing_a_photo_removes_its_file_once_committed(
    world, client, django_capture_on_commit_callbacks
):
    building = make_building(world.park_a, published=True)
    photo = store_photo(
        actor=None, building=building, upload=SimpleUploadedFile("p.jpg", jpeg_with_gps())
    )
    storage, name = photo.image.storage, photo.image.name
    client.force_login(world.users["investment"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/space/photos/{photo.pk}/delete/")
    assert response.status_code == 302
    assert not building.photos.exists() and not storage.exists(name)
    history = (
        building.photos.model.history.model if hasattr(building.photos.model, "history") else None
    )
    assert history is None or history.objects.filter(id=photo.pk, history_type="-").exists()


@pytest.mark.parametrize("side", [8_000, 20_000])  # 64 and 400 million pixels
def test_a_decompression_bomb_is_refused_before_it_is_decoded(world, side):
    """Security issue, part 2: a 48 KB PNG declaring a huge image answered 500."""
    out = io.BytesIO()
    Image.new("1", (side, side)).save(out, format="PNG")
    assert len(out.getvalue()) < 100_000
    building = make_building(world.park_a)
    with pytest.raises(ValidationError, match="像素过多"):
        store_photo(
            actor=None, building=building, upload=SimpleUploadedFile("b.png", out.getvalue())
        )
    assert not building.photos.exists()
