import pytest

from places.models import Constituency, Outcode, Postcode, Ward
from places.postcodes import normalise_outcode, normalise_postcode
from places.services import geography_load, place_for_postcode


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("b13 8jp", "B13 8JP"), ("B138JP", "B13 8JP"), (" b1  1aa ", "B1 1AA"), ("SW1A1AA", "SW1A 1AA")],
)
def test_postcodes_are_read_as_people_type_them(typed, expected):
    assert normalise_postcode(typed) == expected


@pytest.mark.parametrize("typed", ["", "B13", "not a postcode", "B13 8J", "12345", "<script>"])
def test_things_that_are_not_full_postcodes_give_none(typed):
    assert normalise_postcode(typed) is None


def test_outcodes_are_read_from_outcodes_and_full_postcodes():
    assert normalise_outcode("b13") == "B13"
    assert normalise_outcode("B13 8JP") == "B13"
    assert normalise_outcode("hello") is None


@pytest.mark.django_db
def test_birmingham_geography_is_complete():
    assert Ward.objects.count() == 69
    assert Constituency.objects.count() == 10
    assert Postcode.objects.count() == 34742
    # Every ward belongs to one of the ten constituencies, and every constituency has wards.
    assert not Constituency.objects.filter(wards__isnull=True).exists()
    assert Postcode.objects.filter(ward__isnull=True).count() == 1  # one postcode lies outside the wards


@pytest.mark.django_db
def test_loading_again_changes_nothing():
    before = (Ward.objects.count(), Postcode.objects.count(), Outcode.objects.count())
    counts = geography_load()
    assert (counts.wards, counts.postcodes, counts.outcodes) == before


@pytest.mark.django_db
def test_a_birmingham_postcode_is_placed_in_its_ward():
    place = place_for_postcode("b1 1aa")
    assert place is not None and place.exact
    assert place.ward.name == "Ladywood"
    assert place.ward.constituency.name == "Birmingham Ladywood"


@pytest.mark.django_db
def test_a_postcode_outside_birmingham_falls_back_to_its_outcode():
    place = place_for_postcode("SW1A 1AA")
    assert place is not None and not place.exact
    assert place.ward is None
    assert 51 < place.latitude < 52


@pytest.mark.django_db
def test_an_unknown_postcode_is_not_placed():
    assert place_for_postcode("ZZ99 9ZZ") is None
    assert place_for_postcode("rubbish") is None
