import pytest

from press.core import numbers


def test_share_of_massachusetts_is_computed_from_counts() -> None:
    assert numbers.percent(numbers.share(642, 920)) == "70%"
    assert numbers.percent(numbers.share(642, 920), 1) == "69.8%"


def test_percent_rounds_half_away_from_zero() -> None:
    assert numbers.percent(24.5) == "25%"
    assert numbers.percent(61.44) == "61%"
    assert numbers.percent(-64.3) == "-64%"


def test_count_groups_thousands() -> None:
    assert numbers.count(53320) == "53,320"
    assert numbers.count(920) == "920"


def test_another_locale_writes_numbers_by_its_cldr_patterns() -> None:
    import datetime as dt

    from press.core.numbers import ENGLISH, Formats

    spain = Formats("es-ES", (("United States", "Estados Unidos"),))
    assert spain.percent(87.84, 1) == "87,8\u00a0%" and spain.count(53320) == "53.320"
    assert spain.percent(69.5) == "70\u00a0%"  # rounded half away from zero, as in English
    assert spain.place("United States") == "Estados Unidos" and spain.place("Ohio") == "Ohio"
    us = Formats("es-US")
    assert (us.percent(87.84, 1), us.count(53320)) == ("87.8%", "53,320")
    assert us.date(dt.date(2027, 3, 4)) == "4 de marzo de 2027"
    assert ENGLISH.date(dt.date(2027, 3, 4)) == "2027-03-04"
    assert repr(ENGLISH) == "Formats('en-US')"  # a chart's cache key, as before


@pytest.mark.parametrize(("name", "said"), [
    ("Judges", "judges"), ("Police officers", "police officers"),
    ("Sex trafficking task force members", "sex trafficking task force members"),
    ("Clínica Nuñez-Ibáñez nurses", "Clínica Nuñez-Ibáñez nurses"),  # a proper name
    ("MDT members", "MDT members"), ("McKinney-Vento liaisons", "McKinney-Vento liaisons"),
    ("Líderes sobrevivientes", "líderes sobrevivientes"), ("", "")])
def test_an_audience_is_named_in_a_sentence_as_written_unless_it_is_a_plain_noun(
        name: str, said: str) -> None:
    assert numbers.audience(name) == said
