"""Pronunciation overrides: a user's word -> phonemes or respelling table.

File format: JSON object ``{"word": "/phonemes/" | "respelling"}`` or a TSV/text file with one
``word<TAB>value`` (or ``word = value``) per line; ``#`` starts a comment. A value between slashes
is taken as Kokoro/misaki phonemes, anything else as a respelling read by the normal rules.
Matching is whole-word and case-insensitive.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from vocalis.errors import InvalidInput


@dataclass(frozen=True)
class Override:
    phonemes: str | None
    respelling: str | None


@dataclass(frozen=True)
class PronunciationOverrides:
    entries: Mapping[str, Override]

    @classmethod
    def empty(cls) -> PronunciationOverrides:
        return cls({})

    @classmethod
    def from_mapping(cls, table: Mapping[str, str]) -> PronunciationOverrides:
        entries: dict[str, Override] = {}
        for word, value in table.items():
            word, value = word.strip(), value.strip()
            if not word or not value or re.search(r"\s", word):
                raise InvalidInput(
                    f"pronunciation override {word!r} -> {value!r} is not a single word and a value"
                )
            if len(value) > 2 and value.startswith("/") and value.endswith("/"):
                entries[word.lower()] = Override(phonemes=value[1:-1], respelling=None)
            else:
                entries[word.lower()] = Override(phonemes=None, respelling=value)
        return cls(entries)

    @classmethod
    def load(cls, path: Path) -> PronunciationOverrides:
        try:
            raw = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InvalidInput(f"cannot read pronunciation file {path}: {exc}", path=str(path)) from exc
        if path.suffix.lower() == ".json":
            try:
                data = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise InvalidInput(f"pronunciation file {path} is not valid JSON: {exc}") from exc
            if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
                raise InvalidInput(f"pronunciation file {path} must be a JSON object of word -> string")
            return cls.from_mapping(data)
        table: dict[str, str] = {}
        for number, line in enumerate(raw.splitlines(), start=1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            word, sep, value = line.partition("\t") if "\t" in line else line.partition("=")
            if not sep:
                raise InvalidInput(f"{path}:{number}: expected 'word<TAB>value' or 'word = value'")
            table[word] = value
        return cls.from_mapping(table)

    def apply(self, text: str) -> str:
        """Text with respellings substituted and phoneme overrides as ``[word](/phonemes/)`` markup."""
        if not self.entries:
            return text

        def replace(match: re.Match[str]) -> str:
            word = match.group(0)
            override = self.entries.get(word.lower())
            if override is None:
                return word
            if override.phonemes is not None:
                return f"[{word}](/{override.phonemes}/)"
            return override.respelling or word

        return re.sub(r"[\w'’-]+", replace, text)
