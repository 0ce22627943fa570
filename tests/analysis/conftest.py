"""Talks with known truth, synthesised once per session and analysed once per session."""

from __future__ import annotations

import pytest

from tests.analysis.talks import PRESENTATION, Talk, build_talk, french_speech, load_noise, with_noise
from vocalis.analysis import SpeechAnalysis, SpeechAnalyzer
from vocalis.audio.chunk import AudioChunk
from vocalis.graph import Vocalis

NOISY_SNR_DB = 15.0


@pytest.fixture(scope="session")
def analyzer(services: Vocalis) -> SpeechAnalyzer:
    return SpeechAnalyzer.from_engines(services.engines)


@pytest.fixture(scope="session")
def talk(services: Vocalis) -> Talk:
    return build_talk(services, PRESENTATION)


@pytest.fixture(scope="session")
def clean_analysis(analyzer: SpeechAnalyzer, talk: Talk) -> SpeechAnalysis:
    return analyzer.analyze(talk.audio, language="en")


@pytest.fixture(scope="session")
def noisy_audio(talk: Talk) -> AudioChunk:
    return with_noise(talk, NOISY_SNR_DB, load_noise("noise1"))


@pytest.fixture(scope="session")
def noisy_analysis(analyzer: SpeechAnalyzer, noisy_audio: AudioChunk) -> SpeechAnalysis:
    return analyzer.analyze(noisy_audio, language="en")


@pytest.fixture(scope="session")
def french(services: Vocalis) -> tuple[str, AudioChunk]:
    return french_speech(services)
