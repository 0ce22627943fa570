"""Delivery analysis: what was said (transcript) and how (pace, pauses, fillers, volume, pitch, clarity).

``analyze`` takes a whole recording; ``IncrementalAnalyzer`` takes a live stream of 100 ms chunks.
Both report a :class:`SpeechAnalysis` with 0-100 scores and feedback in the talk's language.
"""

from vocalis.analysis.analyzer import SpeechAnalyzer, analyze
from vocalis.analysis.incremental import IncrementalAnalyzer, LiveMetrics
from vocalis.analysis.model import SpeechAnalysis
from vocalis.analysis.report import MAX_SECONDS, SUPPORTED_LANGUAGES
from vocalis.analysis.scoring import Targets

__all__ = [
    "MAX_SECONDS",
    "SUPPORTED_LANGUAGES",
    "IncrementalAnalyzer",
    "LiveMetrics",
    "SpeechAnalysis",
    "SpeechAnalyzer",
    "Targets",
    "analyze",
]
