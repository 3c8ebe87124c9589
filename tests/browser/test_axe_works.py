import pytest

from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.browser


def test_the_accessibility_check_catches_real_problems(page):
    """If axe-core stopped running, every 'no violations' assertion would pass for nothing."""
    page.goto("/")
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"x.png\"><a href=\"/x\"></a>')"
    )
    assert {"image-alt", "link-name"} <= {v["id"] for v in axe_violations(page)}
