"""What a cloned voice's numbers and state mean, in words a user reads next to them."""

from __future__ import annotations

from vocalis.cloning.record import FEATURE_NAME, MIN_USEFUL_GAIN, CloneRecord


def similarity_meaning(record: CloneRecord) -> str:
    """The similarity of a finished clone, said honestly: against the closest built-in voice and the
    speaker themself, and recommending the built-in voice when the clone is not measurably closer."""
    sim = record.similarity
    text = (
        f"A {FEATURE_NAME}, not a copy of the speaker: to an independent speaker encoder it is "
        f"{sim.clone:.2f} similar to the sample, against {sim.stock:.2f} for the closest built-in voice "
        f"({sim.stock_voice})"
    )
    if sim.anchor is not None:
        text += f"; the speaker against themself scores {sim.anchor:.2f}"
    if record.recipe.tone is not None:
        text += ". It speaks in the sample's tone (an equaliser matched to the recording, so it also "
        text += "takes on some of the microphone and room)"
    if record.recommend_stock:
        text += f". The gain is under {MIN_USEFUL_GAIN}: {sim.stock_voice} is as close and the honest choice"
    return text + "."


def cloning_started(voice_id: str, job_id: str) -> str:
    """What happens after an upload is accepted, and where to follow it."""
    return (
        f"The sample passed its checks; cloning has started (about 1-2 minutes). Follow it at "
        f"GET /voices/{voice_id} or /v1/jobs/{job_id}/events; the voice is usable once it is ready."
    )
