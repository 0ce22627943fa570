"""Words that stop mid-thought keep the floor with the speaker, in English and French."""

from __future__ import annotations

import pytest

from vocalis.conversation.completeness import sounds_unfinished


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("We had underestimated the payment integration, and", "en"),
        ("One of my developers started missing deadlines in March and", "en"),
        ("I moved the team to a two week freeze before each audit,", "en"),
        ("because the regulator had flagged our, um", "en"),
        ("So I talked to the", "en"),
        ("It was hard...", "en"),
        ("On avait sous-estimé l'intégration du paiement, et", "fr"),
        ("J'ai décalé la livraison parce que", "fr"),
        ("Du coup on a revu le planning, euh", "fr"),
        ("Je l’ai dit à l’équipe, donc", "fr"),
    ],
)
def test_a_thought_left_open_is_unfinished(text: str, language: str) -> None:
    assert sounds_unfinished(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("In the end we passed the audit with zero findings.", "en"),
        ("Six weeks later his work was back to normal", "en"),
        ("That is what cut our incident rate in half!", "en"),
        ("", "en"),
        ("Au final, on a livré à temps.", "fr"),
        ("Les bugs ont baissé de quarante pour cent", "fr"),
    ],
)
def test_a_finished_thought_is_not(text: str, language: str) -> None:
    assert not sounds_unfinished(text, language)
