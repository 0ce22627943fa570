"""A French talk: the multilingual model, French fillers and feedback written in French.

The audio is Kokoro's French voice (ff_siwis) reading hand-written French IPA (see talks.py).
"""

from __future__ import annotations

import re

from vocalis.analysis import SpeechAnalyzer
from vocalis.audio.chunk import AudioChunk


def test_french_analysis(analyzer: SpeechAnalyzer, french: tuple[str, AudioChunk]) -> None:
    _, audio = french
    result = analyzer.analyze(audio, language="fr")
    assert result.speech_detected and result.transcript.language == "fr"
    assert analyzer.stt("fr").name == "whisper-base"
    assert result.fillers is not None
    found = {f.text for f in result.fillers.occurrences}
    assert {"du coup", "en fait"} <= found
    assert result.pace is not None and 90 < result.pace.words_per_minute < 220
    # Every message is French: French words, French number format, no English template left.
    messages = " ".join(f.message for f in result.feedback)
    assert "mots de remplissage" in messages
    assert not re.search(r"\b(the|your|words per minute)\b", messages)
    suggestions = [s for f in result.feedback for s in f.suggestions]
    assert suggestions and all(not re.search(r"\b(the|your)\b", s) for s in suggestions)
