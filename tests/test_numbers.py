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
