"""PCM of every width Wyoming allows decodes to the same mono samples."""

from __future__ import annotations

import numpy as np
import pytest

from vocalis.errors import InvalidEventField, TooLarge
from vocalis.wyoming.pcm import PcmCollector, PcmFormat, to_mono

LEVELS = np.array([0.0, 0.5, -0.5, 0.25, -1.0], np.float32)


def _encode(width: int) -> bytes:
    scaled = (LEVELS * 2 ** (8 * width - 1)).astype(np.int64)
    return b"".join(int(v).to_bytes(width, "little", signed=True) for v in scaled)


@pytest.mark.parametrize("width", [1, 2, 3, 4])
def test_every_width_decodes_to_the_same_levels(width: int) -> None:
    audio = to_mono(_encode(width), PcmFormat(8000, width, 1))

    assert audio.sample_rate == 8000
    np.testing.assert_allclose(audio.samples, LEVELS, atol=1e-6)


def test_channels_are_averaged_and_a_frame_split_across_chunks_is_kept() -> None:
    left, right = _encode(2), (b"\0\0") * len(LEVELS)
    stereo = b"".join(left[i : i + 2] + right[i : i + 2] for i in range(0, len(left), 2))
    collector = PcmCollector(max_seconds=10)
    fmt = PcmFormat(8000, 2, 2)
    collector.add(stereo[:7], fmt)  # one frame and three bytes of the next
    collector.add(stereo[7:], fmt)

    np.testing.assert_allclose(collector.audio().samples, LEVELS / 2, atol=1e-4)


def test_formats_out_of_range_and_audio_past_the_limit_are_refused() -> None:
    with pytest.raises(InvalidEventField, match="channels"):
        PcmFormat.checked(16000, 2, 0)
    with pytest.raises(InvalidEventField, match="rate"):
        PcmFormat.checked("16000", 2, 1)
    collector = PcmCollector(max_seconds=0.5)
    with pytest.raises(TooLarge):
        collector.add(b"\0\0" * 9000, PcmFormat(16000, 2, 1))
    assert collector.seconds == 0  # nothing kept
