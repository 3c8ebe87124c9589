import pytest

from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.browser


def test_the_accessibility_check_catches_real_problems(page):
    """If axe-core stopped running, every 'no violations' assertion would pass for nothing."""
    page.goto("/")
    broken = '<img src="x.png"><a href="/x"></a>'  # an image with no text, a link with no name
    page.evaluate("html => document.querySelector('main').insertAdjacentHTML('beforeend', html)", broken)
    assert {"image-alt", "link-name"} <= {v["id"] for v in axe_violations(page)}
