"""The built-in interview scenarios load, match across languages, and a bad file is refused by name."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from vocalis.errors import InvalidInput, ScenarioError
from vocalis.interview.scenarios import (
    CATEGORIES,
    LANGUAGES,
    Scenario,
    default_root,
    load_library,
    load_scenario,
)

Document = dict[str, Any]


@pytest.fixture(scope="module")
def library() -> dict[tuple[str, str], Scenario]:
    return load_library()


def test_the_library_has_every_scenario_in_english_and_french(
    library: dict[tuple[str, str], Scenario],
) -> None:
    ids = {scenario_id for scenario_id, _ in library}
    assert len(ids) >= 12
    assert set(library) == {(scenario_id, language) for scenario_id in ids for language in LANGUAGES}
    assert {s.category for s in library.values()} == set(CATEGORIES)


def test_each_scenario_has_three_to_six_questions(library: dict[tuple[str, str], Scenario]) -> None:
    assert all(3 <= len(s.questions) <= 6 for s in library.values())


def test_every_star_question_asks_for_the_result(library: dict[tuple[str, str], Scenario]) -> None:
    star = [q for s in library.values() for q in s.questions if q.structure == "star"]
    assert len(star) >= 10
    assert all(any(f.when == "no_result" for f in q.follow_ups) for q in star)
    behavioural = [s for s in library.values() if s.category == "behavioural"]
    assert behavioural and all(any(q.structure == "star" for q in s.questions) for s in behavioural)


def test_english_and_french_versions_have_the_same_shape(library: dict[tuple[str, str], Scenario]) -> None:
    for (scenario_id, language), french in library.items():
        if language != "fr":
            continue
        english = library[(scenario_id, "en")]
        assert (english.category, english.difficulty, english.target_minutes) == (
            french.category,
            french.difficulty,
            french.target_minutes,
        ), scenario_id
        shape = [(q.id, q.structure, q.target_seconds) for q in english.questions]
        assert shape == [(q.id, q.structure, q.target_seconds) for q in french.questions], scenario_id
        # the French text is written for French speakers, not left in English
        assert english.opening != french.opening
        assert all(e.text != f.text for e, f in zip(english.questions, french.questions, strict=True))


def test_the_default_library_is_the_package_data() -> None:
    root = default_root()
    assert root.name == "scenarios"
    assert {folder.name for folder in root.iterdir() if folder.is_dir()} == set(LANGUAGES)


# -- bad files --------------------------------------------------------------------------------------


def builtin(scenario_id: str = "backend-developer", language: str = "en") -> Document:
    text = (default_root() / language / f"{scenario_id}.json").read_text(encoding="utf-8")
    document: Document = json.loads(text)
    return document


def write(root: Path, document: Document, *, folder: str = "en", name: str | None = None) -> Path:
    path = root / folder / f"{name or document['id']}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def changed(change: Callable[[Document], None]) -> Document:
    document = copy.deepcopy(builtin())
    change(document)
    return document


def _duplicate_question_id(d: Document) -> None:
    d["questions"][3]["id"] = d["questions"][1]["id"]


def _second_vague_follow_up(d: Document) -> None:
    d["questions"][0]["follow_ups"] = [{"when": "vague", "text": "Be precise."}] * 2


BROKEN: dict[str, tuple[Callable[[Document], None], str]] = {
    "a missing field": (lambda d: d.pop("closing"), "closing"),
    "an unknown category": (lambda d: d.update(category="cooking"), "category"),
    "an extra field": (lambda d: d.update(mood="cheerful"), "mood"),
    "one key point": (lambda d: d["questions"][2].update(key_points=["one"]), "questions.2.key_points"),
    "a repeated key point": (
        lambda d: d["questions"][0]["key_points"].append(d["questions"][0]["key_points"][1]),
        "questions.0.key_points.4",
    ),
    "a blank key point": (
        lambda d: d["questions"][1]["key_points"].append("   "),
        "questions.1.key_points.5",
    ),
    "duplicate question ids": (_duplicate_question_id, "questions.3.id"),
    "two follow-ups for one shortfall": (_second_vague_follow_up, "questions.0.follow_ups.1.when"),
    "a STAR question without no_result": (
        lambda d: d["questions"][4].update(follow_ups=[{"when": "vague", "text": "Which one?"}]),
        "questions.4.follow_ups",
    ),
    "min not below max": (
        lambda d: d["questions"][0].update(target_seconds={"min": 120, "max": 120}),
        "questions.0.target_seconds.min",
    ),
    "a target out of bounds": (
        lambda d: d["questions"][0].update(target_seconds={"min": 5, "max": 120}),
        "questions.0.target_seconds.min",
    ),
    "a number written as text": (lambda d: d.update(target_minutes="15"), "target_minutes"),
    "an over-long opening": (lambda d: d.update(opening="Hello. " * 200), "opening"),
    "a follow-up for an unknown shortfall": (
        lambda d: d["questions"][0]["follow_ups"].append({"when": "rude", "text": "Hm."}),
        "questions.0.follow_ups.2.when",
    ),
}


@pytest.mark.parametrize(("change", "field"), BROKEN.values(), ids=BROKEN.keys())
def test_a_bad_file_is_refused_naming_the_file_and_the_field(
    tmp_path: Path, change: Callable[[Document], None], field: str
) -> None:
    path = write(tmp_path, changed(change))
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    error = caught.value
    assert error.details["field"] == field
    assert error.details["file"].endswith("en/backend-developer.json")
    assert error.message.startswith(f"{error.details['file']}: {field}: ")
    assert isinstance(error, InvalidInput) and error.code == "invalid_scenario" and error.status == 400


@pytest.mark.parametrize(
    ("place", "field", "shown"),
    [
        ({"name": "frontend-developer"}, "id", "en/frontend-developer.json"),
        ({"folder": "fr"}, "language", "fr/backend-developer.json"),
    ],
    ids=["id is the file name", "language is the folder"],
)
def test_the_id_and_language_must_match_where_the_file_is(
    tmp_path: Path, place: dict[str, str], field: str, shown: str
) -> None:
    path = write(tmp_path, builtin(), **place)
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert caught.value.details["field"] == field
    assert f"{shown}: {field}: " in caught.value.message


def test_invalid_json_is_refused_with_its_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "en" / "broken.json"
    path.parent.mkdir()
    path.write_text('{\n  "id": "broken",\n  "language": "en",,\n}\n', encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    error, shown = caught.value, f"{tmp_path.name}/en/broken.json"
    assert error.details == {"file": shown, "field": None, "line": 3, "column": 20}
    assert error.message.startswith(f"{shown}: invalid JSON at line 3, column 20")


def test_a_key_given_twice_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "en" / "twice.json"
    path.parent.mkdir()
    path.write_text('{"id": "twice", "id": "again"}', encoding="utf-8")
    with pytest.raises(ScenarioError, match=r"en/twice\.json: the key 'id' appears twice"):
        load_scenario(path)


def test_a_file_that_is_not_an_object_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "en" / "list.json"
    path.parent.mkdir()
    path.write_text("[]", encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert caught.value.details["field"] is None
    assert caught.value.message.startswith(f"{tmp_path.name}/en/list.json: ")


# -- a library of one's own ---------------------------------------------------------------------------


def test_a_folder_with_one_good_file_is_a_library(tmp_path: Path) -> None:
    write(tmp_path, builtin("startup-pitch", "fr"), folder="fr")
    (tmp_path / "fr" / "README.txt").write_text("notes, not a scenario", encoding="utf-8")
    library = load_library(tmp_path)
    assert list(library) == [("startup-pitch", "fr")]
    scenario = library[("startup-pitch", "fr")]
    assert scenario.language == "fr" and scenario.questions[0].structure == "pitch"


def test_a_bad_file_in_a_library_names_the_library_folder(tmp_path: Path) -> None:
    write(tmp_path, changed(lambda d: d["questions"][2].update(key_points=["one"])))
    with pytest.raises(ScenarioError) as caught:
        load_library(tmp_path)
    assert caught.value.details == {
        "file": f"{tmp_path.name}/en/backend-developer.json",
        "field": "questions.2.key_points",
    }


def test_text_is_stripped(tmp_path: Path) -> None:
    path = write(tmp_path, changed(lambda d: d.update(title="  Backend developer interview \n")))
    assert load_scenario(path).title == "Backend developer interview"
