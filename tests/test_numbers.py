import pytest

from bot.core.numbers import NumberFormatError, format_with_reading, numbers_in, parse_number, text_states


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3,524,051", 3_524_051),
        ("3.5 million", 3_500_000),
        ("3.5M", 3_500_000),
        ("570k", 570_000),
        ("99.5%", 99.5),
        ("two and a half", 2.5),
        ("half a million", 500_000),
        ("four dozen", 48),
        ("a million", 1_000_000),
    ],
)
def test_reads_numbers_as_people_write_them(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "lots", "3 or 4", "12abc"])
def test_rejects_what_is_not_one_number(text: str) -> None:
    with pytest.raises(NumberFormatError):
        parse_number(text)


def test_finds_numbers_in_words_and_digits() -> None:
    found = numbers_in("nearly four dozen countries; 2,572 migrants; two and a half years; 1.9 million")
    assert {48, 2572, 2.5, 1_900_000} <= set(found)


def test_a_quote_states_a_percentage_written_as_a_fraction() -> None:
    assert text_states("about a quarter of all judges", 25, percent=True)
    assert not text_states("about a quarter of all judges", 25)


def test_large_numbers_carry_a_reading() -> None:
    assert format_with_reading(3_524_051) == "3,524,051 (3.5 million)"
    assert format_with_reading(3_260_000) == "3,260,000 (3.26 million)"
    assert format_with_reading(542_411) == "542,411"
