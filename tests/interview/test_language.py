"""An answer's language (English or French) from its small words, and none when it cannot be told."""

from __future__ import annotations

import pytest

from vocalis.interview.language import answer_language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("At my last job I decided to freeze new features for three weeks, which my team hated.", "en"),
        (
            "Dans mon ancien poste, j'ai décidé de geler les nouveautés pendant trois semaines.",
            "fr",
        ),
        ("Euh, ben, du coup on a livré le projet en retard mais le client était content.", "fr"),
        ("Um, so, like, we shipped it late but the client was happy with the result.", "en"),
        ("Salesforce, Kubernetes, SQL.", None),
        ("Okay.", None),
    ],
)
def test_the_language_of_an_answer(text: str, language: str | None) -> None:
    assert answer_language(text) == language
