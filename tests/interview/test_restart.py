"""A server that stops mid-interview: at the next start, spoken interviews that were live are marked
interrupted with everything said kept; typed ones wait for their next answer."""

from __future__ import annotations

from pathlib import Path

from vocalis.graph import Vocalis, build_graph
from vocalis.interview.records import InterviewStatus


def test_live_spoken_interviews_are_interrupted_at_the_next_start(services: Vocalis, tmp_path: Path) -> None:
    settings = services.settings.model_copy(update={"data_dir": tmp_path / "data"})
    before = build_graph(settings, engines=services.engines)
    interviews = before.interviews
    spoken = interviews.create(None, "leading-a-team", "en", None, "voice")
    interviews.voice_interview(spoken.id, None)  # joined: active
    typed = interviews.create(None, "leading-a-team", "en", None, "text")
    interviews.answer(typed.id, None, "I froze new features for three weeks before an audit.")
    before.close()

    after = build_graph(settings, engines=services.engines)
    after.open_for_serving()
    try:
        assert after.interviews.get(spoken.id, None).status is InterviewStatus.INTERRUPTED
        assert [t.kind for t in after.interviews.turns(spoken.id, None)] == ["opening", "question"]
        assert after.interviews.get(typed.id, None).status is InterviewStatus.ACTIVE
    finally:
        after.close()
