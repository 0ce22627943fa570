"""Word times as the speech routes and job timestamps return them."""

from __future__ import annotations

from pydantic import BaseModel, Field


class WordTiming(BaseModel):
    word: str = Field(description="A word as written in the text.")
    start: float = Field(description="Seconds from the start of the audio.")
    end: float = Field(description="Seconds from the start of the audio.")
    char_start: int = Field(description="Offset of the word's first character in the text.")
    char_end: int = Field(description="Offset just past the word's last character.")
