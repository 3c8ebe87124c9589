"""Listing photos: checked by decoding them, re-encoded without their metadata, served with
headers that stop a browser from treating them as anything but an image."""

import io
from dataclasses import dataclass

from django import forms
from django.http import HttpResponse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps

from .models import Photo

MAX_PHOTO_BYTES = 5 * 1024 * 1024
MAX_PHOTO_PIXELS = 24_000_000  # about 6,000 by 4,000: a modern phone's photo
MAX_EDGE = 1600  # longer side of the stored copy, in pixels
JPEG_QUALITY = 85
MAX_ALT_TEXT = 250
# Only these decoders ever see an upload: Pillow's rarer parsers are where its bugs have been.
FORMATS = ("JPEG", "PNG", "WEBP")

EMPTY = _("The selected file is empty")
TOO_BIG = _("The selected file must be smaller than 5MB")
NOT_AN_IMAGE = _("The selected file must be a JPG, PNG or WebP image")
TOO_MANY_PIXELS = _("The image is too large. Use an image smaller than 6,000 pixels wide")
NO_ALT_TEXT = _("Enter a description of the photo")


@dataclass(frozen=True)
class PreparedPhoto:
    image: bytes
    content_type: str
    width: int
    height: int


def photo_prepare(upload) -> PreparedPhoto:
    """Check an uploaded file by decoding it, then make a clean JPEG copy: upright, at most
    MAX_EDGE pixels on its longer side, with no EXIF (location), ICC profile or comments."""
    upload.seek(0)
    data = upload.read(MAX_PHOTO_BYTES + 1)  # never trust upload.size alone
    if not data:
        raise forms.ValidationError(EMPTY, code="empty")
    if len(data) > MAX_PHOTO_BYTES:
        raise forms.ValidationError(TOO_BIG, code="too_big")
    try:
        with Image.open(io.BytesIO(data), formats=FORMATS) as probe:
            if probe.width * probe.height > MAX_PHOTO_PIXELS:
                raise forms.ValidationError(TOO_MANY_PIXELS, code="too_many_pixels")
            probe.verify()
        # verify() leaves the image unusable, so decode it again from the start.
        with Image.open(io.BytesIO(data), formats=FORMATS) as image:
            if image.format == "JPEG":
                image.draft(None, (MAX_EDGE, MAX_EDGE))  # decode at a reduced scale where it can
            image.load()
            clean = _reencode(image)
    except forms.ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        # Pillow refuses (or, if warnings are errors, warns about) images over ~89 million
        # pixels before our own, lower, limit is reached.
        raise forms.ValidationError(TOO_MANY_PIXELS, code="too_many_pixels") from None
    except Exception:
        # Parsing untrusted bytes: Pillow raises OSError, SyntaxError, ValueError, struct.error
        # and others for a damaged or disguised file. Every one of them means "not an image".
        raise forms.ValidationError(NOT_AN_IMAGE, code="not_an_image") from None
    out = io.BytesIO()
    clean.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return PreparedPhoto(
        image=out.getvalue(), content_type="image/jpeg", width=clean.width, height=clean.height
    )


def _reencode(image: Image.Image) -> Image.Image:
    """Pixels only: a fresh RGB image, so nothing from the original's metadata survives."""
    image = ImageOps.exif_transpose(image)  # phones store photos sideways plus a rotation tag
    image = _to_srgb(image)
    image.thumbnail((MAX_EDGE, MAX_EDGE), Image.Resampling.LANCZOS)
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    canvas = Image.new("RGB", image.size, "white")  # transparent areas become white, not black
    if has_alpha:
        rgba = image.convert("RGBA")
        canvas.paste(rgba, mask=rgba.getchannel("A"))
    else:
        canvas.paste(image.convert("RGB"))
    return canvas


def _to_srgb(image: Image.Image) -> Image.Image:
    """The copy carries no colour profile, so convert its colours to sRGB (what a browser
    assumes) first; otherwise a wide-gamut phone photo or a CMYK file looks washed out."""
    profile = image.info.get("icc_profile")
    if not profile or image.mode not in ("RGB", "RGBA", "CMYK"):
        return image
    try:
        return ImageCms.profileToProfile(
            image,
            ImageCms.ImageCmsProfile(io.BytesIO(profile)),
            ImageCms.createProfile("sRGB"),
            outputMode="RGBA" if image.mode == "RGBA" else "RGB",
        )
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return image  # a broken profile: plain conversion is close enough


class PhotoForm(forms.Form):
    """The listing's photo section. `current` is the snapshot's photo ({"id", "alt"} or None)."""

    photo = forms.FileField(
        required=False,
        label=_("Upload a photo"),
        help_text=_(
            "A JPG, PNG or WebP image, smaller than 5MB. "
            "Do not use a photo showing people who have not agreed to it being online."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        error_messages={"empty": EMPTY, "invalid": NOT_AN_IMAGE},
    )
    alt_text = forms.CharField(
        required=False,
        max_length=MAX_ALT_TEXT,
        widget=forms.Textarea,
        label=_("Describe the photo for people who cannot see it"),
        help_text=_("For example, ‘Four people planting vegetables in raised beds at an allotment’."),
        error_messages={
            "max_length": format_lazy(
                _("The description must be {count} characters or fewer"), count=MAX_ALT_TEXT
            )
        },
    )
    remove = forms.BooleanField(required=False, label=_("Remove the photo"))

    def __init__(self, data=None, files=None, *, current: dict | None, **kwargs):
        from crispy_forms_gds.helper import FormHelper
        from crispy_forms_gds.layout import Field, Layout

        if current:
            kwargs.setdefault("initial", {"alt_text": current["alt"]})
        super().__init__(data, files, **kwargs)
        self.current = current
        if not current:
            del self.fields["remove"]
        self.helper = FormHelper()
        # The page's own <form> carries enctype="multipart/form-data" and the CSRF token.
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field("photo"),
            Field.textarea("alt_text", rows=3, max_characters=MAX_ALT_TEXT),
            *([Field.checkbox("remove")] if current else []),
        )

    def clean_photo(self):
        upload = self.cleaned_data["photo"]
        return photo_prepare(upload) if upload else None

    def clean(self):
        cleaned = super().clean()
        prepared, alt = cleaned.get("photo"), cleaned.get("alt_text")
        if cleaned.get("remove"):
            if prepared or "photo" in self.errors:
                self.add_error("remove", _("Either remove the photo or upload a new one, not both"))
            return cleaned
        if "photo" in self.errors or "alt_text" in self.errors:
            return cleaned
        if prepared or self.current:
            if not alt:
                self.add_error("alt_text", NO_ALT_TEXT)
        elif alt:
            # Most likely the file was not chosen again after an error on the page.
            self.add_error("photo", _("Select a photo to upload"))
        return cleaned

    def section(self, *, opportunity, by) -> dict:
        """The snapshot's photo section. A new upload is stored now but stays private until
        the council approves the snapshot and it becomes the published listing's photo."""
        cleaned = self.cleaned_data
        if cleaned.get("remove"):
            return {"photo": None}
        prepared: PreparedPhoto | None = cleaned.get("photo")
        if prepared:
            photo = Photo.objects.create(
                opportunity=opportunity,
                image=prepared.image,
                content_type=prepared.content_type,
                width=prepared.width,
                height=prepared.height,
                alt_text=cleaned["alt_text"],
                uploaded_by=by,
            )
            return {"photo": {"id": photo.pk, "alt": photo.alt_text}}
        if self.current:
            return {"photo": {"id": self.current["id"], "alt": cleaned["alt_text"]}}
        return {"photo": None}


def photo_response(photo: Photo, *, public: bool) -> HttpResponse:
    response = HttpResponse(bytes(photo.image), content_type=photo.content_type)
    # A photo's id never points at other bytes, so a public copy can be cached for a day.
    response["Cache-Control"] = "public, max-age=86400" if public else "private, no-store"
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    return response
