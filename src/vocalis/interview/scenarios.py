"""Interview scenarios: a typed model and the loader of the built-in library.

A scenario is one JSON file, ``<root>/<language>/<id>.json``: who interviews, what they say first and
last, and the questions, each with what a good answer covers and what to say when an answer falls short.
The loader refuses a bad file with a ``ScenarioError`` naming the file and the field, so whoever edits
the library sees at once what to fix.
"""

from __future__ import annotations

import json
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)

from vocalis.errors import ScenarioError

Language = Literal["en", "fr"]
Category = Literal[
    "technical",
    "behavioural",
    "sales",
    "pitch",
    "problem_solving",
    "difficult_conversation",
    "customer_support",
]
Difficulty = Literal["easy", "medium", "hard"]
Structure = Literal["star", "free", "pitch", "estimate", "steps"]
FollowUpWhen = Literal["missing_key_point", "vague", "too_short", "no_result", "too_long"]

LANGUAGES: tuple[Language, ...] = get_args(Language)
CATEGORIES: tuple[Category, ...] = get_args(Category)

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=60)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=600)]


class _At(ValueError):
    """A validator's complaint about an item inside the field it checks (``path`` goes below the field)."""

    def __init__(self, message: str, *path: str | int) -> None:
        super().__init__(message)
        self.path = path


def _first_repeat(values: list[str]) -> int | None:
    """The index of the first value already seen earlier in the list."""
    seen: set[str] = set()
    for index, value in enumerate(values):
        if value in seen:
            return index
        seen.add(value)
    return None


class _Model(BaseModel):
    # strict: a number written as a string, or a boolean as a number, is a mistake in the file
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class TargetLength(_Model):
    """How long a good spoken answer lasts, in seconds."""

    min: int = Field(ge=15, le=300, description="Shortest good answer, in seconds.")
    max: int = Field(ge=15, le=300, description="Longest good answer, in seconds.")

    @model_validator(mode="after")
    def _min_below_max(self) -> TargetLength:
        if self.min >= self.max:
            raise _At(f"min ({self.min}) must be below max ({self.max})", "min")
        return self


class FollowUp(_Model):
    """What the interviewer says when an answer falls short in one way."""

    when: FollowUpWhen = Field(
        description="The shortfall it answers: a key point missing, a vague or too short answer, "
        "a STAR answer without its result, or a too long answer."
    )
    text: Text = Field(description="What the interviewer says, as spoken.")


class Question(_Model):
    """One question of a scenario and how to judge the answer."""

    id: Slug = Field(description="Unique within the scenario: lowercase letters, digits and hyphens.")
    text: Text = Field(description="What the interviewer asks, as spoken: one or two natural sentences.")
    intent: Text = Field(description="What the question is for: what the interviewer wants to learn.")
    key_points: list[ShortText] = Field(
        min_length=2,
        max_length=6,
        description="Short phrases a good answer covers, matched against the answer by meaning.",
    )
    structure: Structure = Field(
        description="The shape of a good answer: star (situation, task, action, result), free, pitch, "
        "estimate or steps."
    )
    target_seconds: TargetLength = Field(description="How long a good answer lasts.")
    follow_ups: list[FollowUp] = Field(
        min_length=1, max_length=4, description="What to say when the answer falls short, one per shortfall."
    )

    @field_validator("key_points")
    @classmethod
    def _distinct_key_points(cls, points: list[str]) -> list[str]:
        if (index := _first_repeat([p.casefold() for p in points])) is not None:
            raise _At(f"key point {points[index]!r} is listed twice", index)
        return points

    @field_validator("follow_ups")
    @classmethod
    def _one_follow_up_per_shortfall(cls, follow_ups: list[FollowUp]) -> list[FollowUp]:
        if (index := _first_repeat([f.when for f in follow_ups])) is not None:
            raise _At(f"a second follow-up for {follow_ups[index].when!r}", index, "when")
        return follow_ups

    @model_validator(mode="after")
    def _star_asks_for_the_result(self) -> Question:
        if self.structure == "star" and not any(f.when == "no_result" for f in self.follow_ups):
            raise _At("a STAR question needs a 'no_result' follow-up", "follow_ups")
        return self


class Scenario(_Model):
    """An interview to practise: the interviewer, the questions and how the answers are judged."""

    id: Slug = Field(description="The file name without .json: lowercase letters, digits and hyphens.")
    language: Language = Field(description="The language of every line, the name of the file's folder.")
    title: ShortText = Field(description="The name shown to the candidate.")
    description: Text = Field(description="What the candidate practises, shown before starting.")
    role: ShortText = Field(description="The role the candidate plays or applies for.")
    category: Category = Field(description="The kind of interview.")
    difficulty: Difficulty = Field(description="How demanding the questions are.")
    target_minutes: float = Field(ge=2, le=60, description="How long the whole interview lasts, in minutes.")
    interviewer: ShortText = Field(description="Who asks: a name, a position, a company.")
    opening: Text = Field(description="What the interviewer says first: a welcome and the format.")
    closing: Text = Field(description="The interviewer's polite wrap-up line.")
    questions: list[Question] = Field(min_length=1, max_length=12, description="The questions, in order.")

    @field_validator("questions")
    @classmethod
    def _distinct_question_ids(cls, questions: list[Question]) -> list[Question]:
        if (index := _first_repeat([q.id for q in questions])) is not None:
            raise _At(f"question id {questions[index].id!r} is used twice", index, "id")
        return questions


def default_root() -> Traversable:
    """The built-in library, inside the installed package."""
    return files("vocalis.interview") / "data" / "scenarios"


def load_scenario(path: Path) -> Scenario:
    """Read one scenario file, whose folder names its language and whose name (without .json) its id."""
    shown = f"{path.parent.parent.name}/{path.parent.name}/{path.name}"
    return _parse(path, shown=shown, folder=path.parent.name)


def load_library(root: Path | None = None) -> dict[tuple[str, str], Scenario]:
    """Every scenario under ``root/<language>/``, keyed by (id, language); the built-in one by default.

    Each file is checked on its own: a language folder need not have every scenario of another.
    """
    base: Traversable = root if root is not None else default_root()
    library: dict[tuple[str, str], Scenario] = {}
    for folder in sorted((f for f in base.iterdir() if f.is_dir()), key=lambda f: f.name):
        for file in sorted((f for f in folder.iterdir() if f.name.endswith(".json")), key=lambda f: f.name):
            scenario = _parse(file, shown=f"{base.name}/{folder.name}/{file.name}", folder=folder.name)
            library[(scenario.id, scenario.language)] = scenario
    return library


def _parse(file: Traversable, *, shown: str, folder: str) -> Scenario:
    try:
        text = file.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ScenarioError(f"{shown}: not UTF-8 text ({exc.reason})", file=shown, field=None) from exc
    try:
        data = json.loads(text, object_pairs_hook=_without_duplicate_keys)
    except json.JSONDecodeError as exc:
        raise ScenarioError(
            f"{shown}: invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}",
            file=shown,
            field=None,
            line=exc.lineno,
            column=exc.colno,
        ) from exc
    except _DuplicateKey as exc:
        raise ScenarioError(f"{shown}: {exc}", file=shown, field=None) from exc
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        field, message = _first_problem(exc)
        where = f"{field}: " if field else ""
        raise ScenarioError(f"{shown}: {where}{message}", file=shown, field=field or None) from exc
    stem = file.name.removesuffix(".json")
    if scenario.id != stem:
        message = f"id {scenario.id!r} must be the file name without .json ({stem!r})"
        raise ScenarioError(f"{shown}: id: {message}", file=shown, field="id")
    if scenario.language != folder:
        message = f"language {scenario.language!r} must be the name of the file's folder ({folder!r})"
        raise ScenarioError(f"{shown}: language: {message}", file=shown, field="language")
    return scenario


class _DuplicateKey(ValueError):
    pass


def _without_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # json.loads keeps the last of two equal keys: in a hand-edited file, the first is silently lost
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise _DuplicateKey(f"the key {key!r} appears twice in one object")
        found[key] = value
    return found


def _first_problem(exc: ValidationError) -> tuple[str, str]:
    """The dotted field (``questions.2.key_points``) and the message of the first error."""
    error = exc.errors()[0]
    loc: tuple[str | int, ...] = tuple(error["loc"])
    message = error["msg"]
    cause = (error.get("ctx") or {}).get("error")
    if isinstance(cause, _At):
        loc, message = loc + cause.path, str(cause)
    return ".".join(str(part) for part in loc), message
