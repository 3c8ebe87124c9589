"""Money the GOV.UK way, the same everywhere on the site: £5, £12.50, £1,200.

Whole pounds have no pence; thousands take a comma. The style does not change with the active
language: the amounts are always pounds sterling, written as people in the UK read them.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation


def pounds(amount) -> str:
    """£5, £12.50, £1,200, -£3; "" when `amount` is not a number (None, "", NaN, infinity).
    Half pennies round up, as people expect (£0.125 is £0.13)."""
    try:
        value = Decimal(str(amount))
        if not value.is_finite():
            return ""
        value = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        return ""
    sign = "-" if value < 0 else ""
    value = abs(value)
    text = f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"
    return f"{sign}£{text}"
