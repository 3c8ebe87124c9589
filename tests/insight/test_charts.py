"""Charts are well-formed SVG pictures of their tables: named for screen readers, drawn to scale."""

import xml.etree.ElementTree as ET

import pytest
from django.template.loader import render_to_string

from insight import charts
from insight.demand import HIDDEN
from insight.figures import Figure, Link
from places.maps import SHADES

SVG = "{http://www.w3.org/2000/svg}"


def parse(markup: str) -> ET.Element:
    return ET.fromstring(str(markup))  # noqa: S314 (markup we just made)


def bar_widths(svg: ET.Element) -> list[float]:
    return [float(rect.get("width")) for rect in svg.iter(f"{SVG}rect")]


def test_a_bar_chart_is_an_image_named_after_its_figure_with_bars_in_proportion():
    figure = Figure("sport", "Opportunities for each interest", ["Interest", "Opportunities"],
                    [["Sport", 10], ["Music", 5], ["Knitting", 0]])  # fmt: skip
    svg = parse(charts.render(figure))
    assert svg.get("role") == "img"
    assert (
        svg.get("aria-label") == "Chart: Opportunities for each interest. The numbers are in the table below."
    )
    assert svg.get("width") == "100%" and svg.get("viewBox").startswith("0 0 ")
    widths = bar_widths(svg)
    assert widths[0] == pytest.approx(2 * widths[1])
    assert widths[2] == 0
    texts = [text.text for text in svg.iter(f"{SVG}text")]
    assert texts == [
        "Sport",
        "10",
        "Music",
        "5",
        "Knitting",
        "0",
    ]  # every bar has its number, not only a colour


def test_a_share_is_drawn_against_100_percent_not_against_the_largest():
    figure = Figure(
        "pay", "Paid for", ["Route", "Share (%)"], [["Direct payment", 50.0], ["Self", 25.0]], unit="%"
    )
    svg = parse(charts.render(figure))
    widths = bar_widths(svg)
    assert widths[0] == pytest.approx((charts.BAR_WIDTH - charts.BAR_VALUE_SPACE) / 2, abs=0.1)
    assert widths[0] == pytest.approx(2 * widths[1], abs=0.1)
    assert "50.0%" in [text.text for text in svg.iter(f"{SVG}text")]


def test_text_from_the_data_is_escaped():
    figure = Figure("x", 'Title <script>alert("x")</script>', ["Name", "Count"], [["<b>bold</b> & co", 3]])
    markup = str(charts.render(figure))
    assert "<script>" not in markup and "<b>" not in markup
    svg = parse(markup)
    assert "<script>" in svg.get("aria-label")  # read back as the words they were
    assert "<b>bold</b> & co" in [text.text for text in svg.iter(f"{SVG}text")]


def test_a_line_chart_draws_one_line_per_series_with_a_key_and_round_gridlines():
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December"]  # fmt: skip
    rows = [[f"{month} 2026", n * 5, n * 5 // 3] for n, month in enumerate(months)]
    figure = Figure("s", "Searches", ["Month", "Searches", "Found nothing"], rows, chart="line")
    svg = parse(charts.render(figure))
    assert svg.get("role") == "img"
    lines = list(svg.iter(f"{SVG}polyline"))
    assert len(lines) == 2
    assert lines[0].get("stroke") != lines[1].get("stroke")
    assert lines[0].get("stroke-dasharray") != lines[1].get("stroke-dasharray")  # not colour alone
    texts = [text.text for text in svg.iter(f"{SVG}text")]
    assert "Searches" in texts and "Found nothing" in texts  # the key
    assert "Jan 2026" in texts and "Dec 2026" in texts
    assert {"0", "20", "40", "60", "80"} <= set(texts)  # highest 55: four round steps of 20
    # The first series rises: each point is higher on the page (smaller y) than the one before.
    ys = [float(point.split(",")[1]) for point in lines[0].get("points").split()]
    assert ys == sorted(ys, reverse=True) and ys[0] > ys[-1]


def test_a_line_chart_of_nothing_still_has_an_axis():
    rows = [["January 2026", 0], ["February 2026", 0]]
    svg = parse(charts.render(Figure("p", "New listings", ["Month", "New listings"], rows, chart="line")))
    assert {"0", "1", "2", "3", "4"} <= {text.text for text in svg.iter(f"{SVG}text")}


@pytest.mark.django_db
def test_a_map_shades_wards_by_their_value_and_has_a_key():
    from places.models import Ward

    moseley, aston = Ward.objects.get(slug="moseley"), Ward.objects.get(slug="aston")
    figure = Figure("wards", "Opportunities in each ward", ["Ward", "Opportunities"],
                    [["Moseley", 10], ["Aston", 2]], chart="map", ward_values={moseley.pk: 10, aston.pk: 2})  # fmt: skip
    html = parse(charts.render(figure))
    svg = next(html.iter(f"{SVG}svg"))
    assert svg.get("aria-label") == "Chart: Opportunities in each ward. The numbers are in the table below."
    fills = {path.find(f"{SVG}title").text: path.get("fill") for path in svg.iter(f"{SVG}path")}
    assert len(fills) == Ward.objects.count() == 69
    assert fills["Moseley: 10"] == SHADES[-1]
    assert fills["Aston: 2"] not in (SHADES[0], SHADES[-1])
    assert fills["Ladywood: 0"] == SHADES[0]
    key = [item.itertext() for item in html.iter("li")]
    assert list(key[0]) == ["None"]
    assert "10" in "".join(key[-1])


def test_a_hidden_month_is_a_gap_in_the_line_not_a_drop_to_0():
    rows = [["January 2026", 8], ["February 2026", 6], ["March 2026", HIDDEN], ["April 2026", 9],
            ["May 2026", 7]]  # fmt: skip
    svg = parse(charts.render(Figure("profiles", "Profiles", ["Month", "Profiles"], rows, chart="line")))
    lines = [line.get("points").split() for line in svg.iter(f"{SVG}polyline")]
    assert [len(points) for points in lines] == [2, 2]  # January to February, then April to May
    assert len(list(svg.iter(f"{SVG}circle"))) == 4  # a marker for each month with a number


@pytest.mark.django_db
def test_a_map_hatches_hidden_wards_and_names_them_in_the_key():
    from places.models import Ward

    moseley, aston = Ward.objects.get(slug="moseley"), Ward.objects.get(slug="aston")
    figure = Figure("people", "People by ward", ["Ward", "People"], [["Moseley", 10], ["Aston", HIDDEN]],
                    chart="map", ward_values={moseley.pk: 10, aston.pk: HIDDEN})  # fmt: skip
    html = parse(charts.render(figure))
    fills = {path.find(f"{SVG}title").text: path.get("fill") for path in html.iter(f"{SVG}path")}
    assert fills["Aston: hidden"] == "url(#dw-hidden-people)"
    assert fills["Moseley: 10"] == SHADES[-1]
    assert fills["Ladywood: 0"] == SHADES[0]  # no value given: 0, not hidden
    assert [pattern.get("id") for pattern in html.iter(f"{SVG}pattern")] == ["dw-hidden-people"]
    key = ["".join(item.itertext()) for item in html.iter("li")]
    assert key[-1] == "Hidden (to protect people)"


def test_a_figure_without_a_chart_draws_nothing():
    assert charts.render(Figure("t", "Table only", ["A", "B"], [["x", 1]], chart="none")) == ""
    assert charts.render(Figure("t", "Empty", ["A", "B"], [])) == ""


def test_the_table_marks_number_columns_formats_numbers_and_keeps_links():
    figure = Figure("g", "Gaps", ["Where", "People", "Score"],
                    [[Link("Sport in Aston", "/search/?ward=aston"), 1234, 12.25], ["Music in Moseley", "hidden", 3.0]])  # fmt: skip
    table = charts.table(figure)
    assert [cell["numeric"] for cell in table["head"]] == [False, True, True]  # "hidden" is a count too
    assert table["body"][0][0] == {"text": "Sport in Aston", "href": "/search/?ward=aston", "numeric": False}
    assert table["body"][0][1]["text"] == "1,234"
    assert table["body"][0][2]["text"] == "12.2"
    assert table["body"][1][1] == {"text": "hidden", "href": "", "numeric": True}


def test_hidden_counts_line_up_with_the_numbers_in_their_column():
    figure = Figure("people", "People", ["Ward", "People", "Constituency"],
                    [["Aston", 12, "Ladywood"], ["Moseley", "hidden", "Hall Green"]])  # fmt: skip
    html = render_to_string("insight/includes/figure.html", {"figure": figure, "page": "demand"})
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">hidden</td>' in html
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">12</td>' in html
    assert '<td class="govuk-table__cell">Hall Green</td>' in html  # words stay on the left


def test_the_figure_include_shows_the_chart_then_the_table_and_its_download():
    figure = Figure("interests", "Opportunities for each interest", ["Interest", "Opportunities"],
                    [["Sport", 1234]], note="Counted today.")  # fmt: skip
    html = render_to_string("insight/includes/figure.html", {"figure": figure, "page": "supply"})
    assert html.index('role="img"') < html.index("<table") < html.index("Download this table (CSV)")
    assert '<h2 class="govuk-heading-m" id="interests-heading">Opportunities for each interest</h2>' in html
    assert 'href="/council/insight/supply/interests.csv"' in html
    assert 'class="dw-table-scroll" role="region"' in html
    assert "1,234" in html and "Counted today." in html
    assert "<details" not in html  # a short table is shown as it is


def test_a_long_table_is_folded_away_under_its_chart():
    figure = Figure("wards", "Wards", ["Ward", "Count"], [[f"Ward {n}", n] for n in range(20)])
    html = render_to_string("insight/includes/figure.html", {"figure": figure, "page": "supply"})
    assert "Show the table (20 rows)" in html
    assert html.index('role="img"') < html.index("<details")


def test_the_csv_is_the_table_with_formulas_made_harmless():
    figure = Figure(
        "words", "Words", ["Searched for", "Searches"], [["=HYPERLINK(1)", 7], ["-12", 3], ["Sport", 1]]
    )
    response = figure.csv_response("daywell-demand")
    assert response["Content-Disposition"] == 'attachment; filename="daywell-demand-words.csv"'
    lines = response.content.decode().splitlines()
    assert lines == ["Searched for,Searches", "'=HYPERLINK(1),7", "-12,3", "Sport,1"]
