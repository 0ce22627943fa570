from __future__ import annotations

import pytest

from vocalis.errors import InvalidBlend
from vocalis.voices.blend import BlendTerm, is_blend, parse_blend


def test_weights_are_normalised() -> None:
    assert parse_blend("af_bella(2)+af_sky(1)") == (
        BlendTerm("af_bella", pytest.approx(2 / 3)),  # type: ignore[arg-type]
        BlendTerm("af_sky", pytest.approx(1 / 3)),  # type: ignore[arg-type]
    )


def test_missing_weights_default_to_one_and_repeats_add_up() -> None:
    terms = parse_blend(" af_bella + af_sky + af_bella ")
    assert {t.voice_id: round(t.weight, 3) for t in terms} == {"af_bella": 0.667, "af_sky": 0.333}


def test_decimal_weights() -> None:
    assert [round(t.weight, 2) for t in parse_blend("a_x(0.25)+b_y(.75)")] == [0.25, 0.75]


@pytest.mark.parametrize(
    "expression",
    ["af_bella(2", "af_bella()+af_sky", "+af_sky", "af_bella(0)+af_sky(1)", "af_bella(-1)", "a(1)(2)", "a b"],
)
def test_malformed_blends_are_rejected(expression: str) -> None:
    with pytest.raises(InvalidBlend):
        parse_blend(expression)


def test_too_many_parts() -> None:
    with pytest.raises(InvalidBlend, match="at most"):
        parse_blend("+".join(f"v_{i}" for i in range(9)))


def test_is_blend() -> None:
    assert is_blend("a+b") and is_blend("a(1)") and not is_blend("af_bella")
