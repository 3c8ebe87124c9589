from django import template

from insight import charts

register = template.Library()


@register.simple_tag
def chart(figure):
    """The figure's chart as SVG (nothing for chart="none")."""
    return charts.render(figure)


@register.simple_tag
def figure_table(figure):
    """The figure's table as headings and formatted cells: {% figure_table figure as table %}."""
    return charts.table(figure)
