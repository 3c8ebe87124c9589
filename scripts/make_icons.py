"""Write Daywell's icons to static/icons/NAME.svg: one family, drawn by hand in a 48×48 box with
round 2.5px strokes in currentColor (so an icon takes the colour of the text beside it, and works in
high-contrast modes). Run `python scripts/make_icons.py` after changing a drawing; the SVG files are
what the site uses. Icons are decorative: the words beside them carry the meaning."""

import math
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "static/icons"

HEAD = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48" width="48" height="48" fill="none"'
    ' stroke="currentColor" stroke-width="2.5" stroke-linecap="round" stroke-linejoin="round"'
    ' aria-hidden="true" focusable="false">'
)


def p(d: str) -> str:
    return f'<path d="{d}"/>'


def c(x, y, radius, fill=False) -> str:
    paint = ' fill="currentColor" stroke="none"' if fill else ""
    return f'<circle cx="{x:g}" cy="{y:g}" r="{radius:g}"{paint}/>'


def r(x, y, w, h, rx=0) -> str:
    corner = f' rx="{rx:g}"' if rx else ""
    return f'<rect x="{x:g}" y="{y:g}" width="{w:g}" height="{h:g}"{corner}/>'


def dot(x, y, radius=1.8) -> str:
    return c(x, y, radius, fill=True)


def heart(cx, top, w) -> str:
    """A heart `w` wide whose notch is at (cx, top)."""
    s = w / 20
    return p(
        f"M{cx:g} {top + 18 * s:g}C{cx - 6 * s:g} {top + 13 * s:g} {cx - 10 * s:g} {top + 9 * s:g} "
        f"{cx - 10 * s:g} {top + 5 * s:g}A{5 * s:g} {5 * s:g} 0 0 1 {cx:g} {top + 2 * s:g}"
        f"A{5 * s:g} {5 * s:g} 0 0 1 {cx + 10 * s:g} {top + 5 * s:g}C{cx + 10 * s:g} {top + 9 * s:g} "
        f"{cx + 6 * s:g} {top + 13 * s:g} {cx:g} {top + 18 * s:g}Z"
    )


def person(cx, top, s=1.0) -> str:
    """Head and shoulders, about 32 high at scale 1."""
    return c(cx, top + 7 * s, 6.5 * s) + p(
        f"M{cx - 12 * s:g} {top + 32 * s:g}v{-3 * s:g}a{9 * s:g} {9 * s:g} 0 0 1 {9 * s:g} {-9 * s:g}"
        f"h{6 * s:g}a{9 * s:g} {9 * s:g} 0 0 1 {9 * s:g} {9 * s:g}v{3 * s:g}"
    )


def star_points(cx, cy, outer, inner, n=5) -> str:
    pts = []
    for i in range(n * 2):
        radius = outer if i % 2 == 0 else inner
        a = -math.pi / 2 + i * math.pi / n
        pts.append(f"{cx + radius * math.cos(a):.1f} {cy + radius * math.sin(a):.1f}")
    return "M" + "L".join(pts) + "Z"


def sparkle(cx, cy, s) -> str:
    return p(f"M{cx} {cy - s}Q{cx} {cy} {cx + s} {cy}Q{cx} {cy} {cx} {cy + s}Q{cx} {cy} {cx - s} {cy}"
             f"Q{cx} {cy} {cx} {cy - s}Z")  # fmt: skip


def wheelchair(dx=0, dy=0, s=1.0) -> str:
    """The wheelchair user, sitting, facing right: head, back, seat, leg and a wheel."""
    body = (
        c(17, 7, 3.5)
        + p("M17 14v13h11l5 11h4")  # back, seat, leg to the foot
        + p("M17 20h9")  # arm
        + p("M12.5 22.5A10 10 0 1 0 29 38")  # the wheel, open where the leg comes out
    )
    if dx or dy or s != 1:
        return f'<g transform="translate({dx} {dy}) scale({s})">{body}</g>'
    return body


HAND = p("M4 31h7c3 0 5 1 7 2.5h7a3 3 0 0 1 0 6h-8") + p("M25 39.5l10-5.5a3 3 0 0 1 3.5 4.8L28 45H13l-9-2")


def signing_hand(mirror=False) -> str:
    """An open hand, fingers up, palm towards us."""
    body = (
        p("M7 27V13.5a2.5 2.5 0 0 1 5 0V24")  # first finger and palm edge
        + p("M12 23V10a2.5 2.5 0 0 1 5 0V23")
        + p("M17 23V12a2.5 2.5 0 0 1 5 0V25")
        + p("M22 25v-6a2.5 2.5 0 0 1 5 0v12c0 6-4 11-10 11h-1c-5 0-9-4-9-9V27")
    )
    if mirror:
        return f'<g transform="matrix(-1 0 0 1 48 0)">{body}</g>'
    return body


ICONS = {
    # --- Interests -------------------------------------------------------------------------
    "work": r(6, 15, 36, 25, 3)
    + p("M17 15v-4a2 2 0 0 1 2-2h10a2 2 0 0 1 2 2v4")
    + p("M6 26h36")
    + p("M21 26v3h6v-3"),
    "volunteering": heart(24, 4, 20) + HAND,
    "learning": p("M24 13C19 9 12 8 5 9v27c7-1 14 0 19 4c5-4 12-5 19-4V9c-7-1-14 0-19 4z") + p("M24 13v27"),
    "independent-living": p("M5 22L24 6l19 16")
    + p("M10 18v24h28V18")
    + c(24, 25, 4)
    + p("M16 42v-2a5 5 0 0 1 5-5h6a5 5 0 0 1 5 5v2"),
    "sport": c(24, 24, 18)
    + p("M6 24h36")
    + p("M24 6v36")
    + p("M11.5 11.5c6 7 6 18 0 25")
    + p("M36.5 11.5c-6 7-6 18 0 25"),
    "arts-crafts": p("M42 6L25 26")
    + p("M21.5 21.5l6 6")
    + p("M21.5 21.5c-4-1-8 1-9 5c-1 4-2 9-7 11c8 3 15 1 18-2c3-3 4-6 4-8.5"),
    "music-drama": p("M19 35V12l20-5v23") + p("M19 18l20-5") + c(14, 35, 5) + c(34, 30, 5),
    "nature-gardening": p("M13 30h22l-3 13H16z")
    + p("M24 30V15")
    + p("M24 21c0-6-4-10-11-10c0 6 4 10 11 10z")
    + p("M24 17c0-6 4-10 11-10c0 6-4 10-11 10z"),
    "cooking-food": p("M5 24h30v4a8 8 0 0 1-8 8H13a8 8 0 0 1-8-8z")
    + p("M35 26h9")
    + p("M14 18c-2-2.5 2-4.5 0-8")
    + p("M20 18c-2-2.5 2-4.5 0-8")
    + p("M26 18c-2-2.5 2-4.5 0-8"),
    "socialising": p("M8 6h20a3 3 0 0 1 3 3v11a3 3 0 0 1-3 3H15l-6 5v-5H8a3 3 0 0 1-3-3V9a3 3 0 0 1 3-3z")
    + p("M36 19h4a3 3 0 0 1 3 3v11a3 3 0 0 1-3 3h-1v5l-6-5H23a3 3 0 0 1-3-3v-5"),
    "health-wellbeing": heart(24, 6, 38) + p("M9 25h8l3-5l4 9l3-5h12"),
    "faith-culture": p("M10 21a14 12 0 0 1 28 0")
    + p("M24 9V5")
    + p("M6 21h36")
    + p("M12 24v13")
    + p("M20 24v13")
    + p("M28 24v13")
    + p("M36 24v13")
    + p("M6 41h36"),
    "technology": r(6, 7, 18, 34, 3)
    + p("M13 35h4")
    + p("M31 19a10 10 0 0 1 10 10")
    + p("M31 25a4 4 0 0 1 4 4")
    + dot(31, 30),
    "days-out": p("M6 17a3 3 0 0 1 3-3h6l3-5h12l3 5h6a3 3 0 0 1 3 3v20a3 3 0 0 1-3 3H9a3 3 0 0 1-3-3z")
    + c(24, 26, 8)
    + dot(36, 20),
    "animals": p("M24 25c-6 0-12 7-12 12c0 4 3 5 6 5c3 0 4-1 6-1s3 1 6 1c3 0 6-1 6-5c0-5-6-12-12-12z")
    + '<ellipse cx="10" cy="22" rx="3.5" ry="4.5"/><ellipse cx="18" cy="12" rx="3.5" ry="5"/>'
    '<ellipse cx="30" cy="12" rx="3.5" ry="5"/><ellipse cx="38" cy="22" rx="3.5" ry="4.5"/>',
    "games": r(7, 7, 34, 34, 6)
    + dot(16, 16, 2.5)
    + dot(32, 16, 2.5)
    + dot(24, 24, 2.5)
    + dot(16, 32, 2.5)
    + dot(32, 32, 2.5),
    # --- Access and support features ------------------------------------------------------------
    "step-free": p("M4 44h40V31z") + wheelchair(10, -1, 0.8),
    "accessible-toilet": wheelchair(-6, 2, 0.85)
    + r(36, 12, 7, 13, 1)
    + p("M25 25h18")
    + p("M26 25c0 6 3 11 10 11c5 0 7-5 7-11")
    + p("M31 35l-1 7h10l-1-7"),
    "changing-places": p("M6 43V7h36")
    + p("M32 7v8")
    + p("M26 15h12")
    + p("M27 15l2 8h6l2-8")
    + p("M10 32h32")
    + p("M14 32v11")
    + p("M38 32v11"),
    "hoist": p("M8 40h30")
    + c(10, 43, 2)
    + c(36, 43, 2)
    + p("M14 40V7h22")
    + p("M14 16l8-9")
    + p("M34 7v7")
    + p("M28 14h12")
    + p("M29 14c0 9 10 9 10 0"),
    "quiet-space": p("M30 8a16 16 0 1 0 10 27a13 13 0 0 1-10-27z") + sparkle(37, 12, 4),
    "sensory-room": r(8, 5, 12, 38, 6)
    + c(14, 33, 2.5)
    + c(14, 23, 2)
    + c(14, 14, 1.5)
    + sparkle(34, 15, 7)
    + sparkle(32, 34, 5),
    "hearing-loop": p("M9 19a11 11 0 0 1 22 0c0 6-4 8-6 11c-2 3-1 10-8 10c-3 0-5-2-5-5")
    + p("M15 19a5 5 0 0 1 10 0c0 3-3 4-4 6")
    + p("M34 32h10")
    + p("M39 32v11"),
    "bsl": f'<g transform="translate(-3 4)">{signing_hand()}</g>'
    + f'<g transform="translate(3 -2)">{signing_hand(mirror=True)}</g>',
    "makaton": f'<g transform="translate(-3 2)">{signing_hand()}</g>'
    + r(28, 5, 16, 16, 2)
    + p("M31 13l5-4l5 4")
    + p("M32.5 12v6h7v-6"),
    "easy-read": r(7, 4, 34, 40, 3)
    + r(12, 10, 10, 10, 1)
    + p("M27 13h9")
    + p("M27 18h7")
    + r(12, 27, 10, 10, 1)
    + p("M27 30h9")
    + p("M27 35h7"),
    "autism-friendly": p(
        "M24 24c-4-5-8-8-12-8a8 8 0 0 0 0 16c4 0 8-3 12-8s8-8 12-8a8 8 0 0 1 0 16c-4 0-8-3-12-8z"
    ),
    "dementia-friendly": c(24, 24, 4)
    + "".join(
        c(
            round(24 + 11 * math.cos(-math.pi / 2 + i * 2 * math.pi / 5), 1),
            round(24 + 11 * math.sin(-math.pi / 2 + i * 2 * math.pi / 5), 1),
            7,
        )
        for i in range(5)
    ),  # fmt: skip
    "personal-care": p("M24 4c-4 6-7 10-7 14a7 7 0 0 0 14 0c0-4-3-8-7-14z") + HAND,
    "one-to-one": person(14, 8, 0.8) + person(34, 8, 0.8) + p("M6 40h36"),
    "medication-support": '<g transform="rotate(-45 24 24)">' + r(6, 17, 36, 14, 7) + p("M24 17v14") + "</g>",
    "pbs-trained": c(24, 24, 18) + dot(18, 19, 2.2) + dot(30, 19, 2.2) + p("M16 28c4 6 12 6 16 0"),
    "transport-provided": p("M4 34V14a3 3 0 0 1 3-3h25l8 9l4 3v11h-4")
    + p("M16 34h16")
    + c(12, 35, 4)
    + c(36, 35, 4)
    + p("M9 17h8v6H9z")
    + p("M22 17h8v6h-8z")
    + p("M34 17l4 5"),
    "parking": r(6, 6, 36, 36, 6) + p("M19 36V14h7a6 6 0 0 1 0 12h-7"),
    "public-transport": r(12, 4, 24, 32, 6)
    + p("M12 18h24")
    + p("M18 10h12")
    + dot(18, 28, 2)
    + dot(30, 28, 2)
    + p("M17 36l-6 8")
    + p("M31 36l6 8"),
    # --- General -------------------------------------------------------------------------------
    "phone": p("M10 6h7l3 9l-4 3.5c2 5 6 9 11 11l3.5-4l9 3v7a3 3 0 0 1-3 3C21 39 9 27 7 9a3 3 0 0 1 3-3z"),
    "email": r(5, 11, 38, 26, 3) + p("M6 13l18 13l18-13"),
    "money": c(24, 24, 19) + p("M30 16.5a5.5 5.5 0 0 0-10 3V31c0 3-1 4.5-3 5.5h14") + p("M16 26h10"),
    "bus": r(10, 5, 28, 33, 4)
    + r(14, 11, 20, 12, 1)
    + dot(16, 30, 2)
    + dot(32, 30, 2)
    + p("M14 38v5")
    + p("M34 38v5")
    + p("M20 8h8"),
    "walk": c(27, 7, 3.5)
    + p("M25 14l-3 12l-6 16")
    + p("M22 26l6 6l1 10")
    + p("M24 16l-7 4l-2 7")
    + p("M25 16l4 7l6 2"),
    "car": p("M9 34H5v-8l5-2l6-8h15l8 8l5 2v8h-4")
    + p("M18 34h12")
    + c(13, 34, 4)
    + c(35, 34, 4)
    + p("M18 24l3-5h9l4 5z"),
    "person": person(24, 7, 1.05),
    "people": person(18, 9, 0.9) + p("M29.5 10.5a6 6 0 1 1 2.5 11") + p("M33 26h2a8 8 0 0 1 8 8v2.8"),
    "carer": person(18, 8, 0.9) + heart(38, 16, 12),
    "home": p("M5 22L24 6l19 16") + p("M10 18v24h28V18") + p("M20 42V31h8v11"),
    "calendar": r(6, 10, 36, 32, 3)
    + p("M6 19h36")
    + p("M16 6v8")
    + p("M32 6v8")
    + dot(15, 27)
    + dot(24, 27)
    + dot(33, 27)
    + dot(15, 35)
    + dot(24, 35),
    "clock": c(24, 24, 18) + p("M24 13v11l7 5"),
    "question": c(24, 24, 19) + p("M18 19a6 6 0 1 1 8.5 5.5c-1.5.8-2.5 2-2.5 3.5v2") + dot(24, 35, 2),
    "warning": p("M24 6L43 40H5z") + p("M24 18v10") + dot(24, 34, 2),
    "tick": p("M9 25l10 10l20-21"),
    "cross": p("M12 12l24 24") + p("M36 12L12 36"),
    "computer": r(5, 8, 38, 25, 2) + p("M24 33v6") + p("M15 41h18"),
    "heart": heart(24, 7, 38),
    "map": p("M5 12l12-5l14 5l12-5v29l-12 5l-14-5l-12 5z") + p("M17 7v29") + p("M31 12v29"),
    "document": p("M11 4h17l10 10v30H11z")
    + p("M28 4v10h10")
    + p("M17 22h15")
    + p("M17 28h15")
    + p("M17 34h10"),
    "council": p("M5 16L24 6l19 10z")
    + p("M10 20v16")
    + p("M19 20v16")
    + p("M29 20v16")
    + p("M38 20v16")
    + p("M6 40h36")
    + p("M4 44h40"),
    "star": p(star_points(24, 25, 19, 8)),
    "talk": p("M9 8h30a4 4 0 0 1 4 4v16a4 4 0 0 1-4 4H21l-9 8v-8H9a4 4 0 0 1-4-4V12a4 4 0 0 1 4-4z")
    + dot(15, 20, 2)
    + dot(24, 20, 2)
    + dot(33, 20, 2),
    "help": c(24, 24, 18)
    + c(24, 24, 8)
    + p("M11.3 11.3l7 7")
    + p("M36.7 11.3l-7 7")
    + p("M11.3 36.7l7-7")
    + p("M36.7 36.7l-7-7"),
    "shield": p("M24 4l16 6v12c0 10-7 17-16 22c-9-5-16-12-16-22V10z") + p("M17 24l5 5l9-10"),
    "search": c(20, 20, 13) + p("M29.5 29.5L42 42"),
    "list": dot(10, 12, 2.5)
    + dot(10, 24, 2.5)
    + dot(10, 36, 2.5)
    + p("M18 12h22")
    + p("M18 24h22")
    + p("M18 36h22"),
    "badge": c(24, 18, 13)
    + p("M18 29l-5 14l6-3l4 5l1-15")
    + p("M30 29l5 14l-6-3l-4 5")
    + p("M18 18l4 4l8-8"),
    "form": r(9, 8, 30, 36, 3)
    + r(17, 4, 14, 7, 2)
    + r(15, 18, 6, 6, 1)
    + p("M25 21h9")
    + r(15, 30, 6, 6, 1)
    + p("M25 33h9"),
    "key": c(15, 24, 9) + p("M24 24h19") + p("M36 24v6") + p("M42 24v5") + dot(12, 24, 2),
}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.svg"):
        if old.stem not in ICONS:
            old.unlink()
    for name, body in sorted(ICONS.items()):
        (OUT / f"{name}.svg").write_text(f"{HEAD}{body}</svg>\n", encoding="utf-8")
    print(f"Wrote {len(ICONS)} icons to {OUT}")


if __name__ == "__main__":
    main()
