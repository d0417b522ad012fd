"""Countries and cities (kg/extract/geo.py)."""
import pytest

from kg.extract import geo


@pytest.mark.parametrize("name,code", [
    ("US", "US"), ("U.S.", "US"), ("the United States", "US"), ("Republic of Korea", "KR"),
    ("the Philippines", "PH"), ("Turkey", "TR"), ("Vietnam", "VN"), ("Moldova", "MD"), ("Britain", "GB"),
])
def test_country_codes(name, code):
    assert geo.country_code(name) == code


@pytest.mark.parametrize("name", ["EU", "AU", "Interior", "Justice", "Holder"])
def test_not_countries(name):
    assert geo.country_code(name) is None


def test_demonyms():
    assert geo.demonym_code("Mexican") == "MX"
    assert geo.demonym_code("Japanese") == "JP"


def test_cities_with_their_country():
    assert geo.find_city("Copenhagen").country == "DK"
    assert geo.find_city("Brussels").country == "BE"
    assert geo.find_city("Holder") is None
