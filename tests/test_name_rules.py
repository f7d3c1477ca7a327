"""The keys names are known by across articles, and the name tables loaded once."""

from __future__ import annotations

import pytest

from timeline.name_rules import load_name_rules, name_key


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("U.S. Air Force", "united states air force"),
        ("US Air Force", "united states air force"),
        ("the Beatles", "beatles"),
        ("Apple Inc.", "apple"),
        ("Great Britain", "united kingdom"),
    ],
)
def test_name_keys_join_spellings(written: str, key: str) -> None:
    assert name_key(written) == key


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("Airbus A380s", "airbus a380"),  # a plural model is the model
        ("737s", "737"),
        ("Airlines", "airlines"),  # a plural word is no model
    ],
)
def test_a_plural_model_has_the_key_of_the_model(written: str, key: str) -> None:
    assert name_key(written) == key


def test_the_tables_load_once() -> None:
    assert load_name_rules() is load_name_rules()
