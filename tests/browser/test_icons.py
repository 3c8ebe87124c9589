"""Icons in a real browser: beside the words on a listing and in search, hidden from screen
readers, drawn in the text's colour; and a sheet of every icon for people to look at."""

import re

import pytest
from playwright.sync_api import expect

from guidance.icons import ICONS, icon_svg
from opportunities.models import Feature, Interest
from opportunities.search_index import opportunity_index_refresh
from tests.browser.conftest import ARTIFACTS, assert_accessible
from tests.factories import OpportunityFactory, VenueFactory

pytestmark = pytest.mark.browser

# For each icon in an element: its size, where it sits against the words after it, and whether
# its strokes are in the colour of the text around it.
ICON_FACTS = """(root) => [...root.querySelectorAll('svg.dw-icon')].map((svg) => {
  const box = svg.getBoundingClientRect();
  // The first line of the words after the icon.
  let text = svg.nextSibling;
  while (text && text.nodeType !== Node.TEXT_NODE) text = text.firstChild || text.nextSibling;
  const range = document.createRange();
  range.selectNodeContents(text);
  const words = range.getClientRects()[0];
  return {width: box.width, height: box.height, left: box.right <= words.left + 1,
          middle: Math.abs((box.top + box.bottom) / 2 - (words.top + words.bottom) / 2),
          stroke: getComputedStyle(svg.querySelector('path, circle, rect, ellipse')).stroke,
          colour: getComputedStyle(svg.parentElement).color,
          hidden: svg.getAttribute('aria-hidden')};
})"""


@pytest.fixture
def listing(reference_data):
    venue = VenueFactory(name="Cannon Hill hall")
    venue.features.set(Feature.objects.filter(slug__in=["step-free", "changing-places"]))
    opportunity = OpportunityFactory(title="Garden and art club", venues=[venue])
    opportunity.interests.set(Interest.objects.filter(slug__in=["nature-gardening", "arts-crafts"]))
    opportunity.features.set(Feature.objects.filter(slug__in=["bsl", "quiet-space", "hearing-loop"]))
    opportunity_index_refresh()
    return opportunity


def check_icons(page, selector, expected):
    facts = page.locator(selector).evaluate(ICON_FACTS)
    assert len(facts) == expected, facts
    for fact in facts:
        assert fact["hidden"] == "true"
        assert 14 <= fact["width"] <= 40 and fact["width"] == fact["height"], fact
        assert fact["left"], fact  # the picture comes first, the words beside it
        assert fact["middle"] <= 8, fact  # level with the first line of the words
        assert fact["stroke"] == fact["colour"], fact  # currentColor: the text's own colour


def test_listing_and_search_show_icons_beside_the_words(page, listing):
    page.goto(listing.get_absolute_url())
    activity = page.locator(".govuk-summary-list__row", has_text="Kind of activity")
    expect(activity.get_by_role("listitem")).to_have_text(["Arts and crafts", "Nature and gardening"])
    check_icons(page, ".govuk-summary-list__row:has-text('Kind of activity')", 2)
    access = page.locator("h2:has-text('Access and support') + ul")
    expect(access.get_by_role("listitem")).to_have_count(3)
    expect(access).to_contain_text("Hearing loop: Helps people who use hearing aids.")
    check_icons(page, "h2:has-text('Access and support') + ul", 3)
    check_icons(page, "h3:has-text('At this building') + ul", 2)
    assert_accessible(page, "icons-listing")

    page.goto("/opportunities/?interest=arts-crafts&access=bsl")
    expect(page.get_by_role("heading", name="1 thing to do")).to_be_visible()
    # A checkbox's name is still its words: the icon adds nothing for a screen reader.
    expect(page.get_by_role("checkbox", name=re.compile(r"^Arts and crafts \(1 result"))).to_be_checked()
    expect(
        page.get_by_role("checkbox", name=re.compile(r"^British Sign Language \(BSL\) \("))
    ).to_be_checked()
    check_icons(page, "fieldset:has(input[name=interest])", Interest.objects.count())
    check_icons(page, "fieldset:has(input[name=access])", Feature.objects.count())
    card = page.locator(".dw-result", has_text="Garden and art club")
    expect(card.locator(".dw-icon-item")).to_have_count(4)  # the key features, at most 4
    check_icons(page, ".dw-result", 4)
    assert_accessible(page, "icons-search")


def test_a_sheet_of_every_icon(page):
    """Every icon, large and at text size, for a person to look at (test-artifacts/icons-sheet.png).
    Each draws something, inside its 48 by 48 box."""
    cells = "".join(
        f'<figure><div class="big">{icon_svg(name)}</div><p>{icon_svg(name)}{name}</p></figure>'
        for name in sorted(ICONS)
    )
    page.goto("/")  # the site's own stylesheet
    css = page.locator("link[rel=stylesheet]").first.get_attribute("href")
    page.set_content(
        f'<!doctype html><html lang="en"><head><title>Daywell icons</title><link rel="stylesheet" href="{css}">'
        "<style>main{display:flex;flex-wrap:wrap;gap:8px;padding:8px}figure{width:130px;margin:0;padding:4px;"
        "border:1px solid #b1b4b6;text-align:center;font-family:system-ui,sans-serif}"
        ".big .dw-icon{width:72px;height:72px;margin:0}</style></head>"
        f'<body><main><h1 class="govuk-visually-hidden">Daywell icons</h1>{cells}</main></body></html>'
    )
    boxes = page.locator(".big svg").evaluate_all(
        "(svgs) => svgs.map((svg) => { const b = svg.getBBox(); return [b.x, b.y, b.width, b.height]; })"
    )
    assert len(boxes) == len(ICONS)
    for name, (x, y, width, height) in zip(sorted(ICONS), boxes, strict=True):
        assert width > 10 and height > 10, name
        assert x >= 0 and y >= 0 and x + width <= 48 and y + height <= 48, (name, x, y, width, height)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "icons-sheet.png"), full_page=True)
    assert_accessible(page, "icons-sheet-page")
