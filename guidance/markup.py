"""Daywell text: the small formatting syntax council officers write guidance pages in.

Everything an editor types is escaped; the only HTML on the page is the markup built here with
format_html, so no raw HTML from an editor ever reaches a page.

    Blocks are separated by a blank line. A plain block is a paragraph.
    ## Heading            ### Smaller heading
    - a bullet            1. a numbered step
    > inset text          ! warning text
    **bold**              [link text](/path/) or (https://…), mailto: and tel:
    [icon:bus] text       an Easy Read row: a large icon beside the text

The parser works line by line and never backtracks, so very long text renders in linear time.
"""

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

STRONG_OPEN, STRONG_CLOSE = mark_safe("<strong>"), mark_safe("</strong>")  # noqa: S308 (constants)

# Control characters (NUL and friends) are dropped; tabs and newlines stay.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_HEADING = re.compile(r"(#{2,3}) +(\S.*)")
_NUMBERED = re.compile(r"\d{1,4}\. +")
ICON = re.compile(r"\[icon:([a-z0-9-]{1,40})\][ \t]*")
# A link: no brackets inside the text, no brackets or spaces inside the address.
LINK = re.compile(r"\[([^\[\]\n]{1,500})\]\(([^()\s]{1,2000})\)")
# What an editor may have meant as a link, for problems(): the address up to a bracket or a space.
_LOOSE_LINK = re.compile(r"\[([^\[\]\n]{0,500})\]\(([^)\s]{0,2000})")
_LOOSE_ICON = re.compile(r"\[icon:([^\]\n]{0,60})\]")
_TEL = re.compile(r"tel:\+?[0-9 ()-]{3,30}")
_MAILTO = re.compile(r"mailto:[^@\s/\\]{1,64}@[^@\s/\\]{1,255}")


def _join(pieces, separator: str = "") -> SafeString:
    """Pieces of markup joined; any piece that is not already safe HTML is escaped."""
    return format_html_join(separator, "{}", ((piece,) for piece in pieces))


def _clean(text: str) -> str:
    return _CONTROL.sub("", (text or "").replace("\r\n", "\n").replace("\r", "\n"))


def link_allowed(url: str) -> bool:
    """Site paths, https:// addresses, mailto: and tel: only. A backslash is refused anywhere, since
    browsers read "/\\evil.example" as "//evil.example", another site."""
    if "\\" in url or any(c.isspace() for c in url):
        return False
    if url.startswith("/"):
        return not url.startswith("//")
    lowered = url.lower()
    if lowered.startswith("https://"):
        try:
            parts = urlsplit(url)
        except ValueError:
            return False
        return bool(parts.hostname) and "@" not in parts.netloc
    if lowered.startswith("mailto:"):
        return bool(_MAILTO.fullmatch(url))
    if lowered.startswith("tel:"):
        return bool(_TEL.fullmatch(url))
    return False


# --- Inline: bold and links ----------------------------------------------------------------------
def _tokens(text: str) -> Iterator[tuple[str, str, str]]:
    """("text", words, ""), ("bold", "**", "") and ("link", link text, address) in order."""
    position = 0
    for match in LINK.finditer(text):
        yield from _bold_tokens(text[position : match.start()])
        if link_allowed(match.group(2)):
            yield ("link", match.group(1), match.group(2))
        else:  # shown as the editor wrote it; problems() tells them why
            yield ("text", match.group(0), "")
        position = match.end()
    yield from _bold_tokens(text[position:])


def _bold_tokens(text: str) -> Iterator[tuple[str, str, str]]:
    parts = text.split("**")
    for index, part in enumerate(parts):
        if index:
            yield ("bold", "**", "")
        if part:
            yield ("text", part, "")


def _inline(text: str, *, links: bool = True) -> SafeString:
    tokens = list(_tokens(text)) if links else list(_bold_tokens(text))
    # Pair the ** markers in order; a marker left without a partner, or a pair with nothing
    # between, stays as written.
    markers = [i for i, token in enumerate(tokens) if token[0] == "bold"]
    opening = set()
    for first, second in zip(markers[::2], markers[1::2], strict=False):
        if second - first > 1:
            opening.add(first)
            opening.add(second)
    out = []
    inside = False
    for index, (kind, value, address) in enumerate(tokens):
        if kind == "bold":
            if index in opening:
                out.append(STRONG_CLOSE if inside else STRONG_OPEN)
                inside = not inside
            else:
                out.append(conditional_escape(value))
        elif kind == "link":
            out.append(
                format_html('<a class="govuk-link" href="{}">{}</a>', address, _inline(value, links=False))
            )
        else:
            out.append(conditional_escape(value))
    return _join(out)


# --- Blocks --------------------------------------------------------------------------------------
def _blocks(text: str) -> Iterator[list[str]]:
    block: list[str] = []
    for line in text.split("\n"):
        if line.strip():
            block.append(line.strip())
        elif block:
            yield block
            block = []
    if block:
        yield block


def _list_kind(line: str) -> tuple[str, str] | None:
    """("ul" or "ol", the item's text) when the line starts a list item."""
    if line.startswith("- "):
        return "ul", line[2:].strip()
    match = _NUMBERED.match(line)
    if match:
        return "ol", line[match.end() :].strip()
    return None


def _flow(lines: list[str], paragraph_class: str) -> list[SafeString]:
    """Headings, lists and paragraphs, in the order they come within one block."""
    out: list[SafeString] = []
    paragraph: list[str] = []
    items: list[str] = []
    list_tag = ""

    def close_paragraph():
        if paragraph:
            out.append(format_html('<p class="{}">{}</p>', paragraph_class, _inline(" ".join(paragraph))))
            paragraph.clear()

    def close_list():
        nonlocal list_tag
        if items:
            css = "govuk-list govuk-list--bullet" if list_tag == "ul" else "govuk-list govuk-list--number"
            body = format_html_join("", "<li>{}</li>", ((_inline(item),) for item in items))
            out.append(format_html('<{} class="{}">{}</{}>', list_tag, css, body, list_tag))
            items.clear()
        list_tag = ""

    for line in lines:
        heading = _HEADING.fullmatch(line)
        item = _list_kind(line)
        if heading:
            close_paragraph()
            close_list()
            level = len(heading.group(1))
            css = "govuk-heading-l" if level == 2 else "govuk-heading-m"
            out.append(format_html('<h{} class="{}">{}</h{}>', level, css, _inline(heading.group(2)), level))
        elif item:
            close_paragraph()
            if item[0] != list_tag:
                close_list()
                list_tag = item[0]
            items.append(item[1])
        elif items:  # a line under a list item carries on that item
            items[-1] = f"{items[-1]} {line}"
        else:
            paragraph.append(line)
    close_paragraph()
    close_list()
    return out


def _quoted(lines: list[str], mark: str) -> str:
    return " ".join(line[1:].strip() if line.startswith(mark) else line for line in lines)


def _block(lines: list[str], *, easy_read: bool) -> SafeString:
    from . import icons

    first = lines[0]
    paragraph_class = "govuk-body-l" if easy_read else "govuk-body"
    icon = ICON.match(first)
    if icon:
        name = icon.group(1)
        rest = [first[icon.end() :], *lines[1:]]
        text = _join(_flow([line for line in rest if line], paragraph_class))
        if name in icons.ICONS:
            # Inline, so the picture takes the text's colour (and high-contrast modes' colours);
            # it is decorative (aria-hidden): the words beside it say the same.
            picture = format_html(
                '<span class="dw-easy-read-row__icon">{}</span>', icons.icon_svg(name, large=True)
            )
            return format_html(
                '<div class="dw-easy-read-row">{}<div class="dw-easy-read-row__text">{}</div></div>',
                picture,
                text,
            )
        return format_html(
            '<div class="dw-easy-read-row dw-easy-read-row--no-icon">'
            '<div class="dw-easy-read-row__text">{}</div></div>',
            text,
        )
    if first.startswith(">"):
        return format_html('<div class="govuk-inset-text">{}</div>', _inline(_quoted(lines, ">")))
    if first.startswith("! "):
        return format_html(
            '<div class="govuk-warning-text">'
            '<span class="govuk-warning-text__icon" aria-hidden="true">!</span>'
            '<strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">{}</span>'
            "{}</strong></div>",
            _("Warning"),
            _inline(_quoted(lines, "!")),
        )
    return _join(_flow(lines, paragraph_class))


def render(text: str, *, easy_read: bool = False) -> SafeString:
    """GOV.UK HTML for Daywell text. Easy Read text is wrapped in `.dw-easy-read` (large text)."""
    html = _join((_block(lines, easy_read=easy_read) for lines in _blocks(_clean(text))), "\n")
    if easy_read and html:
        return format_html('<div class="dw-easy-read">{}</div>', html)
    return html


# --- Problems for the editor ---------------------------------------------------------------------
def _shown(value: str, limit: int = 60) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def problems(text: str) -> list[str]:
    """What will not show as the editor meant: unknown icons, links that will not be links,
    bold text left open. Shown as a warning beside the preview; the page itself never fails."""
    from . import icons

    text = _clean(text)
    found: list[str] = []

    def add(message: str):
        if message not in found:
            found.append(message)

    for match in _LOOSE_ICON.finditer(text):
        name = match.group(1)
        if name not in icons.ICONS:
            add(
                _("There is no icon called '%(name)s', so the text shows without a picture.")
                % {"name": _shown(name)}
            )
    for lines in _blocks(text):
        for line in lines[1:]:
            if ICON.match(line):
                add(
                    _(
                        "'%(line)s': an icon must start a block. Put a blank line before it "
                        "so it gets its own row."
                    )
                    % {"line": _shown(line)}
                )
    for match in _LOOSE_LINK.finditer(text):
        address = match.group(2)
        strict = LINK.match(text, match.start())
        if not link_allowed(address):
            add(
                _("The link to '%(address)s' is not allowed: links must start with / or https://")
                % {"address": _shown(address)}
            )
        elif not strict:
            add(
                _(
                    "The link '%(link)s' will show as plain text: the address must end "
                    "with ) and have no spaces or brackets in it."
                )
                % {"link": _shown(match.group(0))}
            )
    for lines in _blocks(text):
        for line in lines:
            if line.startswith("# ") or line.startswith("#### "):
                add(_("'%(line)s': use ## for a heading, or ### for a smaller one.") % {"line": _shown(line)})
    for lines in _blocks(text):
        joined = " ".join(lines)
        if LINK.sub("", joined).count("**") % 2:
            add(
                _("Bold text is not closed in '%(text)s': put ** at the end of the words too.")
                % {"text": _shown(joined)}
            )
    return found
