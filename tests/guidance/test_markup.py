"""Daywell text (guidance/markup.py): what each piece of syntax becomes, and that nothing an editor
types can put HTML of their own on a page."""

import time
from html.parser import HTMLParser

import pytest

from guidance import icons
from guidance.markup import link_allowed, problems, render

VOID = {"img", "br", "hr", "input"}
ALLOWED_TAGS = {"p", "h2", "h3", "ul", "ol", "li", "strong", "a", "div", "span", "img"}


class _Checker(HTMLParser):
    """Tags balance, only our own tags and attributes appear, and every href is one we allow."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[str] = []
        self.hrefs: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag not in ALLOWED_TAGS:
            self.errors.append(f"unexpected tag <{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name not in {
                "class",
                "href",
                "src",
                "alt",
                "aria-hidden",
                "width",
                "height",
            }:
                self.errors.append(f"unexpected attribute {name}={value!r}")
            if name == "href":
                self.hrefs.append(value)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1] if self.stack else 'nothing'}")
        else:
            self.stack.pop()


def well_formed(html: str) -> _Checker:
    # The Easy Read pictures are our own SVG files, inlined whole: take them out first, so the
    # check of tags and attributes covers everything made from what an editor typed.
    for name in icons.ICONS:
        html = html.replace(icons.icon_svg(name, large=True), "")
    checker = _Checker()
    checker.feed(html)
    checker.close()
    assert checker.errors == [], checker.errors
    assert checker.stack == [], f"left open: {checker.stack}"
    for href in checker.hrefs:
        assert link_allowed(href), href
    return checker


# --- What each piece of syntax becomes -----------------------------------------------------------
def test_paragraphs_are_separated_by_a_blank_line_and_single_new_lines_join():
    html = render("First line\nsame paragraph.\n\nSecond paragraph.")
    assert html == (
        '<p class="govuk-body">First line same paragraph.</p>\n<p class="govuk-body">Second paragraph.</p>'
    )


def test_headings_are_h2_and_h3_never_h1():
    html = render("## Paying for it\n\n### Smaller\n\n# Not a heading")
    assert '<h2 class="govuk-heading-l">Paying for it</h2>' in html
    assert '<h3 class="govuk-heading-m">Smaller</h3>' in html
    assert "<h1" not in html
    assert '<p class="govuk-body"># Not a heading</p>' in html


def test_a_heading_straight_above_a_paragraph_or_list_needs_no_blank_line():
    html = render("## Getting there\nYou can:\n- take the bus\n- walk")
    well_formed(html)
    assert html.index("<h2") < html.index("<p") < html.index("<ul")
    assert "<li>take the bus</li><li>walk</li>" in html


def test_bullet_and_numbered_lists():
    html = render("- one\n- two\n  carried on\n\n1. first\n2. second\n10. tenth")
    assert '<ul class="govuk-list govuk-list--bullet"><li>one</li><li>two carried on</li></ul>' in html
    assert (
        '<ol class="govuk-list govuk-list--number"><li>first</li><li>second</li><li>tenth</li></ol>'
    ) in html


def test_inset_and_warning_text():
    html = render("> You can ask for help.\n> Any time.\n\n! Never give your **bank** details.")
    assert '<div class="govuk-inset-text">You can ask for help. Any time.</div>' in html
    assert (
        '<div class="govuk-warning-text"><span class="govuk-warning-text__icon" aria-hidden="true">!</span>'
        in html
    )
    assert (
        '<span class="govuk-visually-hidden">Warning</span>Never give your <strong>bank</strong> details.'
        in html
    )
    well_formed(html)


def test_bold_and_links():
    html = render(
        "It is **free**. Read [about direct payments](/guidance/direct-payments/) or [GOV.UK](https://www.gov.uk/)."
    )
    assert "<strong>free</strong>" in html
    assert '<a class="govuk-link" href="/guidance/direct-payments/">about direct payments</a>' in html
    assert '<a class="govuk-link" href="https://www.gov.uk/">GOV.UK</a>' in html


def test_bold_inside_link_text_and_a_link_inside_bold():
    html = render("**Read [the **guide**](/guidance/) now**")
    assert html == (
        '<p class="govuk-body"><strong>Read <a class="govuk-link" href="/guidance/">the <strong>guide</strong>'
        "</a> now</strong></p>"
    )
    well_formed(html)


def test_mailto_and_tel_links_are_allowed():
    html = render("[Email us](mailto:help@birmingham.gov.uk) or [phone](tel:0121 303 1234)")
    assert '<a class="govuk-link" href="mailto:help@birmingham.gov.uk">Email us</a>' in html
    # A space is not allowed in the address, so this one stays text; problems() says so.
    assert "tel:" not in "".join(well_formed(html).hrefs)
    html = render("[phone](tel:01213031234)")
    assert '<a class="govuk-link" href="tel:01213031234">phone</a>' in html


def test_an_easy_read_row_has_a_large_decorative_icon_beside_the_text():
    html = render("[icon:bus] You can get the **bus**.\nIt stops outside.", easy_read=True)
    well_formed(html)
    assert html.startswith('<div class="dw-easy-read"><div class="dw-easy-read-row">')
    assert '<span class="dw-easy-read-row__icon"><svg class="dw-icon dw-icon--large"' in html
    assert html.count('aria-hidden="true"') == 1  # the picture is decorative: the words say it
    assert '<p class="govuk-body-l">You can get the <strong>bus</strong>. It stops outside.</p>' in html


def test_an_unknown_icon_shows_the_text_without_a_picture():
    html = render("[icon:unicorn] We have a unicorn.")
    well_formed(html)
    assert "<img" not in html
    assert "dw-easy-read-row--no-icon" in html
    assert "We have a unicorn." in html
    assert "[icon:" not in html


def test_an_icon_name_never_becomes_a_path():
    html = render("[icon:../../settings] Hello\n\n[icon:BUS] Hello")
    assert "<img" not in html
    assert "settings" in html  # shown as the editor typed it, escaped
    well_formed(html)


def test_empty_text_renders_nothing():
    assert render("") == ""
    assert render("   \n\n \n") == ""
    assert render("", easy_read=True) == ""


# --- Escaping: nothing an editor types becomes HTML ----------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "## <b>bold</b> heading",
        "- <a href='javascript:alert(1)'>x</a>",
        "> <iframe src=//evil.example></iframe>",
        "! </div></strong><script>x</script>",
        '[icon:bus] "><script>alert(1)</script>',
        "**<em>x</em>**",
        "[<b>text</b>](/guidance/)",
    ],
)
def test_html_typed_by_an_editor_is_escaped(text):
    html = render(text) + render(text, easy_read=True)
    checker = well_formed(html)
    assert "<script" not in html and "<iframe" not in html and "<b>" not in html and "<em>" not in html
    assert "onerror=" not in "".join(checker.tags)
    assert "&lt;" in html


def test_quotes_in_a_link_address_cannot_break_out_of_the_attribute():
    html = render('[x](/search/?a=1&b="2")')
    checker = well_formed(html)
    assert checker.hrefs == ['/search/?a=1&b="2"']  # the quote is escaped inside the attribute
    assert 'href="/search/?a=1&amp;b=&quot;2&quot;"' in html


@pytest.mark.parametrize(
    "address",
    [
        "javascript:alert(1)",
        "JavaScript:alert`1`",
        "data:text/html,<script>alert(1)</script>",
        "http://example.com/",
        "//evil.example/",
        "/\\evil.example/",
        "\\\\evil.example",
        "https:evil.example",
        "https:///evil",
        "https://user@evil.example/",
        "vbscript:msgbox",
        "ftp://example.com/",
        "mailto:",
        "tel:javascript",
        "guidance/direct-payments/",
        "#top",
    ],
)
def test_only_site_paths_https_mailto_and_tel_become_links(address):
    text = f"[Click here]({address})"
    html = render(text)
    checker = well_formed(html)
    assert checker.hrefs == []
    assert "<a" not in html
    assert "Click here" in html
    assert not link_allowed(address)


def test_a_javascript_link_is_named_in_problems():
    assert problems("[Click](javascript:alert(1))") == [
        "The link to 'javascript:alert(1' is not allowed: links must start with / or https://"
    ]
    assert problems("[Click](//evil.example/)") == [
        "The link to '//evil.example/' is not allowed: links must start with / or https://"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "**open",
        "**one** **two",
        "****",
        "** **",
        "**[x](/a/)",
        "[x](/a/)**",
        "[**x](/a/)**",
        "**a\n\nb**",
        "a ** b ** c ** d",
    ],
)
def test_bold_left_open_or_crossing_a_link_stays_well_formed(text):
    html = render(text)
    checker = well_formed(html)
    assert checker.tags.count("strong") <= text.count("**") // 2


def test_an_unclosed_bold_shows_its_stars_and_is_a_problem():
    assert render("It is **free") == '<p class="govuk-body">It is **free</p>'
    assert render("**one** and **two") == '<p class="govuk-body"><strong>one</strong> and **two</p>'
    assert any("Bold text is not closed" in problem for problem in problems("It is **free"))


@pytest.mark.parametrize(
    "text",
    [
        "[",
        "]",
        "[]()",
        "[text]",
        "[text](",
        "[text]()",
        "[[guide:direct-payments]]",
        "[a [b](/c/)](/d/)",
        "[a](/b/)(/c/)",
        "[icon:",
        "[icon:]",
        "[icon:bus",
        "((([[[]]])))",
    ],
)
def test_brackets_that_are_not_links_stay_as_text(text):
    html = render(text)
    well_formed(html)
    assert any(bracket in html for bracket in "[]()")  # shown, not swallowed


def test_nul_bytes_and_control_characters_are_dropped():
    html = render("Hello\x00 there\x07\r\n\r\n**bo\x00ld**\x1b")
    assert html == '<p class="govuk-body">Hello there</p>\n<p class="govuk-body"><strong>bold</strong></p>'


def test_very_long_input_renders_quickly_and_well_formed():
    # Each piece has the shape that makes careless patterns backtrack: open brackets and markers.
    pieces = ["[" * 5000, "**" * 5001, "[x](" * 5000, "- item\n" * 5000, "a" * 100000, "[icon:" * 5000]
    started = time.perf_counter()
    for text in pieces:
        well_formed(render(text))
        problems(text)
    elapsed = time.perf_counter() - started
    print(f"rendered {sum(map(len, pieces)):,} characters of awkward text in {elapsed:.3f}s")
    assert elapsed < 10  # generous: a quadratic pattern takes minutes on these


def test_easy_read_wraps_the_text_in_the_large_text_style():
    html = render("Hello", easy_read=True)
    assert html == '<div class="dw-easy-read"><p class="govuk-body-l">Hello</p></div>'


# --- problems() for the editor's preview ---------------------------------------------------------
def test_problems_lists_unknown_icons_and_bad_links_once_each():
    text = (
        "[icon:unicorn] One\n\n[icon:unicorn] Two\n\n[icon:bus] Fine\n\n"
        "[a](http://example.com/) and [b](/guidance/) and [c](/a b)"
    )
    found = problems(text)
    assert found == [
        "There is no icon called 'unicorn', so the text shows without a picture.",
        "The link to 'http://example.com/' is not allowed: links must start with / or https://",
        "The link '[c](/a' will show as plain text: the address must end with ) and have no spaces or "
        "brackets in it.",
    ]


def test_problems_finds_nothing_in_good_text():
    text = "## Heading\n\n[icon:bus] You can get the **bus**. [Read more](/guidance/getting-there/).\n\n- one"
    assert problems(text) == []


def test_problems_notices_an_h1_and_an_icon_in_the_middle_of_a_block():
    found = problems("# Title\n\n[icon:bus] One\n[icon:car] Two")
    assert "'# Title': use ## for a heading, or ### for a smaller one." in found
    assert any("an icon must start a block" in problem for problem in found)


def test_a_long_address_is_shortened_in_the_problem():
    (problem,) = problems(f"[x](javascript:{'a' * 500})")
    assert "…" in problem and len(problem) < 200
