"""Mandarin text to Kokoro phonemes: words by jieba, pinyin by pypinyin, IPA with tone arrows by misaki.

This is the path Kokoro v1.0's own pipeline used for its Mandarin voices (misaki's ``ZHG2P`` without
its 1.1 front-end), so the symbols are those the model learnt. All four packages are MIT or Apache-2.0.
"""

from __future__ import annotations

import logging
import threading
import warnings
from typing import Any


class MandarinG2P:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._g2p: Any = None

    def _load(self) -> Any:
        with self._lock:
            if self._g2p is None:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")  # jieba and cn2an use deprecated standard-library calls
                    import jieba
                    from misaki.zh import ZHG2P

                jieba.setLogLevel(logging.WARNING)  # it logs building its dictionary at INFO
                self._g2p = ZHG2P()
            return self._g2p

    def __call__(self, text: str) -> str:
        g2p = self._load()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            phonemes, _ = g2p(text)
        return str(phonemes)
