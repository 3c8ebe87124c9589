"""Icons: one for every interest, every access and support feature and the general Easy Read list;
each a small, safe SVG in one style; shown beside the words on listings and in search."""

import re
import xml.etree.ElementTree as ET  # noqa: S405 (our own files, read in a test)
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.templatetags.static import static

from guidance.icons import ICONS, icon_svg, icon_url
from opportunities import reference
from opportunities.models import Feature, Interest
from opportunities.search_index import opportunity_index_refresh
from tests.factories import OpportunityFactory, VenueFactory

ICON_DIR = Path(settings.BASE_DIR) / "static/icons"
SVG = "{http://www.w3.org/2000/svg}"

# The general icons that Easy Read pages may name (the brief's contract).
GENERAL = [
    "phone",
    "email",
    "money",
    "bus",
    "walk",
    "car",
    "person",
    "people",
    "carer",
    "home",
    "calendar",
    "clock",
    "question",
    "warning",
    "tick",
    "cross",
    "computer",
    "heart",
    "map",
    "document",
    "council",
    "star",
    "talk",
    "help",
    "shield",
    "search",
    "list",
    "badge",
    "form",
    "key",
]


def icon_files():
    return sorted(ICON_DIR.glob("*.svg"))


def test_icons_names_exactly_the_files_present():
    assert {path.stem for path in icon_files()} == ICONS
    assert len(ICONS) >= 16 + 19 + len(GENERAL)


@pytest.mark.django_db
def test_every_interest_and_feature_has_an_icon():
    interests = set(Interest.objects.values_list("slug", flat=True))
    features = set(Feature.objects.values_list("slug", flat=True))
    assert len(interests) == len(reference.INTERESTS) and len(features) == len(reference.FEATURES)
    assert interests - ICONS == set()
    assert features - ICONS == set()
    assert {row[0] for row in reference.INTERESTS} | {row[0] for row in reference.FEATURES} <= ICONS


def test_every_general_icon_exists():
    assert set(GENERAL) - ICONS == set()


@pytest.mark.parametrize("path", icon_files(), ids=lambda path: path.stem)
def test_each_icon_is_a_small_safe_svg_in_the_house_style(path):
    text = path.read_text(encoding="utf-8")
    assert len(text.encode()) < 2048
    root = ET.fromstring(text)  # noqa: S314 (our own file); raises if it is not well-formed
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox") == "0 0 48 48"
    assert root.get("aria-hidden") == "true"
    assert root.get("focusable") == "false"
    assert root.get("stroke") == "currentColor"
    assert root.get("fill") == "none"
    assert root.get("stroke-linecap") == "round"
    assert 2.5 <= float(root.get("stroke-width")) <= 3
    allowed = {"svg", "g", "path", "circle", "ellipse", "rect", "line", "polyline", "polygon"}
    for element in root.iter():
        tag = element.tag.removeprefix(SVG)
        assert tag in allowed, f"{path.stem}: <{tag}> (no script, text, images or links in an icon)"
        for name, value in element.attrib.items():
            assert "href" not in name, f"{path.stem}: {name}"
            assert not name.startswith("on"), f"{path.stem}: {name}"
            if name in ("fill", "stroke"):
                assert value in ("none", "currentColor"), f"{path.stem}: {name}={value} (use currentColor)"
            assert "url(" not in value and "http" not in value, f"{path.stem}: {name}={value}"
    # The only address in the file is the SVG namespace itself.
    assert re.findall(r"https?://[^\"' ]+", text) == ["http://www.w3.org/2000/svg"]
    assert "<script" not in text.lower() and "<text" not in text.lower()


def test_icon_url_points_at_the_static_file_and_refuses_other_names():
    assert icon_url("sport") == static("icons/sport.svg")
    assert icon_url("sport").endswith("/icons/sport.svg")
    for bad in ("nope", "../settings", "sport.svg"):
        with pytest.raises(KeyError):
            icon_url(bad)


def render(source: str, **context) -> str:
    return Template("{% load icons %}" + source).render(Context(context))


def test_the_icon_tag_puts_the_svg_inline_hidden_from_screen_readers():
    html = render("{% icon name %}", name="bsl")
    assert html.startswith('<svg class="dw-icon" xmlns="http://www.w3.org/2000/svg"')
    assert 'aria-hidden="true"' in html and 'focusable="false"' in html
    assert html.strip() == icon_svg("bsl")
    # The drawing is the file's own.
    assert html.split(">", 1)[1] == (ICON_DIR / "bsl.svg").read_text().strip().split(">", 1)[1]
    assert 'class="dw-icon dw-icon--large"' in render('{% icon "bsl" large=True %}')


@pytest.mark.parametrize("name", ["nope", "../x", "../../daywell/settings", "/etc/passwd", "sport.svg",
                                  "icons/sport", "Sport", "", None, 3])  # fmt: skip
def test_the_icon_tag_shows_nothing_for_a_name_that_is_not_an_icon(name):
    assert render("[{% icon name %}]", name=name) == "[]"
    assert icon_svg(name) == ""


@pytest.mark.django_db
def test_the_listing_shows_an_icon_beside_each_interest_and_feature(client):
    venue = VenueFactory(name="Cannon Hill hall")
    venue.features.set(Feature.objects.filter(slug__in=["step-free", "accessible-toilet"]))
    opportunity = OpportunityFactory(title="Garden and cook club", venues=[venue])
    opportunity.interests.set(Interest.objects.filter(slug__in=["nature-gardening", "cooking-food"]))
    opportunity.features.set(Feature.objects.filter(slug__in=["bsl", "quiet-space"]))

    html = client.get(opportunity.get_absolute_url()).content.decode()

    for interest in opportunity.interests.all():
        assert f"<li>{icon_svg(interest.slug)}<span>{interest.name}</span></li>" in html, interest.slug
    for feature in opportunity.features.all():
        assert f"<li>{icon_svg(feature.slug)}<span><strong>{feature.name}</strong>: " in html, feature.slug
    for feature in venue.features.all():
        assert f"<li>{icon_svg(feature.slug)}<span>{feature.name}</span></li>" in html, feature.slug


@pytest.mark.django_db
def test_the_home_page_shows_each_interest_with_its_icon(client):
    html = client.get("/").content.decode()
    interests = Interest.objects.all()
    assert interests.count() == 16
    for interest in interests:
        assert f"{icon_svg(interest.slug)}{interest.name}</a>" in html, interest.slug


@pytest.mark.django_db
def test_search_filters_and_result_cards_show_icons_beside_the_words(client):
    opportunity = OpportunityFactory(title="Quiet art club", venues=[VenueFactory()])
    opportunity.interests.set(Interest.objects.filter(slug="arts-crafts"))
    opportunity.features.set(Feature.objects.filter(slug__in=["quiet-space", "bsl"]))
    opportunity_index_refresh()

    html = client.get("/opportunities/", {"interest": "arts-crafts"}).content.decode()

    # Every interest and feature checkbox label starts with its icon, then the name as text.
    for model, field in ((Interest, "interest"), (Feature, "access")):
        for term in model.objects.all():
            label = re.search(
                rf'<input class="govuk-checkboxes__input" id="([\w-]+)" name="{field}" type="checkbox" '
                rf'value="{term.slug}"[^>]*><label class="govuk-label govuk-checkboxes__label" for="\1">(.*?)</label>',
                html,
            )
            assert label, term.slug
            assert label.group(2).startswith(f"{icon_svg(term.slug)}{term.name} "), term.slug
    # Other filters (days, wards) have no icons.
    assert 'name="ward"' in html
    ward_label = re.search(r'name="ward" type="checkbox"[^>]*><label[^>]*>(.*?)</label>', html).group(1)
    assert "<svg" not in ward_label
    # The result card names its key features, each with its icon.
    card = html[html.index("Quiet art club") :]
    for slug in ("quiet-space", "bsl"):
        name = Feature.objects.get(slug=slug).name
        assert f'<span class="dw-icon-item">{icon_svg(slug)}{name}</span>' in card, slug
