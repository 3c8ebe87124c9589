import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import ExifTags, Image, ImageCms

from opportunities import photos
from opportunities.models import Opportunity, Photo
from opportunities.photos import PhotoForm, photo_response
from tests.factories import OpportunityFactory, UserFactory

pytestmark = pytest.mark.django_db

ALT = "Four people planting vegetables in raised beds at an allotment"


def image_bytes(fmt="JPEG", size=(400, 300), mode="RGB", colour=(200, 60, 40), **save) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, colour).save(buffer, fmt, **save)
    return buffer.getvalue()


def noisy_jpeg(size=(600, 400)) -> bytes:
    # Noise, so that the compressed data is long and cutting it short loses real pixels.
    buffer = io.BytesIO()
    Image.merge("RGB", [Image.effect_noise(size, 60)] * 3).save(buffer, "JPEG", quality=95)
    return buffer.getvalue()


def upload(data: bytes, name="photo.jpg", content_type="image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def photo_form(data: bytes | None = None, *, alt=ALT, current=None, remove=False, name="photo.jpg"):
    fields = {"alt_text": alt}
    if remove:
        fields["remove"] = "on"
    files = {"photo": upload(data, name=name)} if data is not None else {}
    return PhotoForm(fields, files, current=current)


def stored(form, opportunity=None) -> Photo:
    assert form.is_valid(), form.errors
    opportunity = opportunity or OpportunityFactory()
    section = form.section(opportunity=opportunity, by=UserFactory())
    return Photo.objects.get(pk=section["photo"]["id"])


def reopen(photo: Photo) -> Image.Image:
    image = Image.open(io.BytesIO(bytes(photo.image)))
    image.load()
    return image


def photo_url(opportunity, photo_id):
    return reverse("opportunities:photo", kwargs={"slug": opportunity.slug, "photo_id": photo_id})


def listing_with_photo(**kwargs) -> Opportunity:
    opportunity = OpportunityFactory(**kwargs)
    opportunity.photo = stored(photo_form(image_bytes()), opportunity)
    opportunity.save(update_fields=["photo"])
    return opportunity


# --- What is kept of an upload -------------------------------------------------------------


def test_location_and_other_metadata_are_stripped_from_a_phone_photo():
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Phone maker"
    exif[ExifTags.Base.Model] = "Phone 12"
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (52.0, 26.0, 40.0),
        ExifTags.GPS.GPSLongitudeRef: "W",
        ExifTags.GPS.GPSLongitude: (1.0, 53.0, 15.0),
    }
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    original = image_bytes(exif=exif, icc_profile=icc, comment="Taken at 14 Acacia Avenue")
    before = Image.open(io.BytesIO(original))
    assert before.getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the upload really does carry a location
    assert "icc_profile" in before.info and "comment" in before.info

    image = reopen(stored(photo_form(original)))

    assert dict(image.getexif()) == {}
    assert not {"exif", "icc_profile", "comment", "xmp"} & set(image.info)
    assert image.size == (400, 300)
    assert image.getpixel((10, 10)) == pytest.approx((200, 60, 40), abs=4)


def test_a_sideways_phone_photo_is_stored_the_right_way_up():
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # "rotate 90° clockwise to view"
    photo = stored(photo_form(image_bytes(size=(400, 200), exif=exif)))
    assert (photo.width, photo.height) == (200, 400)
    assert reopen(photo).size == (200, 400)


def test_a_png_with_transparency_is_accepted_on_a_white_background():
    image = Image.new("RGBA", (300, 200), (0, 0, 0, 0))
    image.paste((0, 90, 160, 255), (100, 50, 200, 150))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")

    photo = stored(photo_form(buffer.getvalue(), name="logo.png"))

    assert photo.content_type == "image/jpeg"
    result = reopen(photo)
    assert result.format == "JPEG"
    assert result.getpixel((5, 5)) == pytest.approx((255, 255, 255), abs=4)
    assert result.getpixel((150, 100)) == pytest.approx((0, 90, 160), abs=6)


def test_a_webp_is_accepted():
    photo = stored(photo_form(image_bytes("WEBP"), name="photo.webp"))
    assert (photo.width, photo.height) == (400, 300)
    assert reopen(photo).format == "JPEG"


def test_a_large_photo_is_shrunk_to_1600_pixels_on_its_longer_side():
    photo = stored(photo_form(image_bytes(size=(4000, 3000))))
    assert (photo.width, photo.height) == (1600, 1200)
    assert reopen(photo).size == (1600, 1200)


# --- What is refused -------------------------------------------------------------------------


def assert_refused(form, message, field="photo"):
    assert not form.is_valid()
    assert form.errors[field] == [message]
    assert not Photo.objects.exists()


def test_a_text_file_named_like_a_photo_is_refused():
    assert_refused(photo_form(b"Not a photo at all, just some words.\n" * 20), photos.NOT_AN_IMAGE)


@pytest.mark.parametrize("fmt", ["GIF", "BMP", "TIFF"])
def test_other_image_formats_are_refused(fmt):
    assert_refused(photo_form(image_bytes(fmt)), "The selected file must be a JPG, PNG or WebP image")


def test_a_truncated_jpeg_is_refused():
    whole = noisy_jpeg()
    assert stored(photo_form(whole))  # the whole file is fine
    Photo.objects.all().delete()
    assert_refused(photo_form(whole[: len(whole) // 2]), "The selected file must be a JPG, PNG or WebP image")


def test_an_empty_file_is_refused():
    assert_refused(photo_form(b""), "The selected file is empty")


def test_a_file_over_5mb_is_refused():
    too_big = image_bytes("PNG") + b"\0" * (5 * 1024 * 1024)
    assert_refused(photo_form(too_big, name="photo.png"), "The selected file must be smaller than 5MB")


@pytest.mark.parametrize(
    "size",
    [
        (7000, 7000),  # over our own limit, under Pillow's
        (20000, 20000),  # a decompression bomb: a tiny file that would need gigabytes
    ],
)
def test_an_image_with_too_many_pixels_is_refused(size):
    buffer = io.BytesIO()
    Image.new("1", size).save(buffer, "PNG")
    assert len(buffer.getvalue()) < 1024 * 1024
    assert_refused(
        photo_form(buffer.getvalue(), name="photo.png"),
        "The image is too large. Use an image smaller than 6,000 pixels wide",
    )


def test_a_new_photo_needs_a_description():
    assert_refused(photo_form(image_bytes(), alt="  "), "Enter a description of the photo", field="alt_text")


def test_a_description_over_250_characters_is_refused():
    assert_refused(
        photo_form(image_bytes(), alt="x" * 251),
        "The description must be 250 characters or fewer",
        field="alt_text",
    )


def test_a_description_without_a_photo_asks_for_the_photo():
    # After an error the browser forgets the chosen file; say so rather than saving no photo.
    assert_refused(photo_form(None), "Select a photo to upload")


# --- The current photo -------------------------------------------------------------------------


def test_no_photo_and_no_description_means_no_photo():
    form = photo_form(None, alt="")
    assert form.is_valid()
    assert "remove" not in form.fields  # nothing to remove
    assert form.section(opportunity=OpportunityFactory(), by=UserFactory()) == {"photo": None}


def test_the_current_photo_can_be_kept_with_a_new_description():
    form = photo_form(None, alt="A new description", current={"id": 7, "alt": "Old"})
    assert form.is_valid()
    assert form.section(opportunity=OpportunityFactory(), by=UserFactory()) == {
        "photo": {"id": 7, "alt": "A new description"}
    }
    assert not Photo.objects.exists()


def test_the_current_photos_description_cannot_be_blanked():
    form = photo_form(None, alt="", current={"id": 7, "alt": "Old"})
    assert not form.is_valid()
    assert form.errors["alt_text"] == ["Enter a description of the photo"]


def test_the_current_photo_can_be_removed():
    form = photo_form(None, alt="Old", current={"id": 7, "alt": "Old"}, remove=True)
    assert form.is_valid()
    assert form.section(opportunity=OpportunityFactory(), by=UserFactory()) == {"photo": None}


def test_a_new_upload_replaces_the_current_photo_and_records_who_uploaded_it():
    opportunity, user = OpportunityFactory(), UserFactory()
    form = photo_form(image_bytes(), current={"id": 7, "alt": "Old"})
    assert form.is_valid()
    section = form.section(opportunity=opportunity, by=user)
    photo = Photo.objects.get()
    assert section == {"photo": {"id": photo.pk, "alt": ALT}}
    assert (photo.opportunity, photo.uploaded_by, photo.alt_text) == (opportunity, user, ALT)


def test_the_form_renders_a_govuk_file_upload():
    from crispy_forms.utils import render_crispy_form

    assert "Remove the photo" not in render_crispy_form(PhotoForm(current=None))
    html = render_crispy_form(PhotoForm(current={"id": 7, "alt": "Allotment beds in June"}))
    assert 'type="file"' in html and "govuk-file-upload" in html
    assert 'accept="image/jpeg,image/png,image/webp"' in html
    assert "Describe the photo for people who cannot see it" in html
    assert "Remove the photo" in html
    assert "Allotment beds in June</textarea>" in html  # the current description, ready to edit
    assert "<form" not in html  # the page's own form carries enctype="multipart/form-data"


# --- Serving -------------------------------------------------------------------------------------


def test_the_public_page_shows_the_listings_photo_with_its_description(client):
    opportunity = listing_with_photo()
    html = client.get(opportunity.get_absolute_url()).content.decode()
    assert f'src="{photo_url(opportunity, opportunity.photo_id)}"' in html
    assert f'alt="{ALT}"' in html
    assert 'width="400" height="300"' in html


def test_the_photo_costs_the_public_page_no_extra_query(client):
    without = OpportunityFactory()
    with_photo = listing_with_photo()
    with CaptureQueriesContext(connection) as plain:
        client.get(without.get_absolute_url())
    with CaptureQueriesContext(connection) as pictured:
        assert 'class="dw-photo"' in client.get(with_photo.get_absolute_url()).content.decode()
    assert len(pictured) == len(plain)


def test_a_published_listings_photo_is_served_as_a_cacheable_jpeg(client):
    opportunity = listing_with_photo()
    response = client.get(photo_url(opportunity, opportunity.photo_id))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "public, max-age=86400"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == "inline"
    assert Image.open(io.BytesIO(response.content)).size == (400, 300)
    assert client.head(photo_url(opportunity, opportunity.photo_id)).status_code == 200
    assert client.post(photo_url(opportunity, opportunity.photo_id)).status_code == 405


def test_a_photo_waiting_for_approval_is_not_served(client):
    opportunity = listing_with_photo()
    waiting = stored(photo_form(image_bytes()), opportunity)  # uploaded, not yet approved
    assert client.get(photo_url(opportunity, waiting.pk)).status_code == 404


def test_a_draft_listings_photo_is_not_served(client):
    opportunity = listing_with_photo(status=Opportunity.Status.DRAFT)
    assert client.get(photo_url(opportunity, opportunity.photo_id)).status_code == 404


def test_a_photo_is_not_served_under_another_listings_address(client):
    opportunity, other = listing_with_photo(), listing_with_photo()
    assert client.get(photo_url(other, opportunity.photo_id)).status_code == 404
    assert client.get(photo_url(other, other.photo_id)).status_code == 200


def test_a_private_photo_response_is_never_cached():
    opportunity = listing_with_photo()
    response = photo_response(opportunity.photo, public=False)
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
