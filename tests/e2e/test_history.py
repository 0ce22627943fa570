"""History: what the Studio made is listed, plays, downloads, filters, exports and deletes; a long
text goes through a job with a progress bar and ends with playable audio, highlighted word by word."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.e2e.conftest import playable_duration
from tests.e2e.test_accessibility import assert_accessible

TOKEN = "Zephyrine"
TEXT = f"{TOKEN} counted seven lighthouses along the northern coast."
LONG_SENTENCE = "The tide came in slowly, and the gulls went quiet over the harbour. "
# Timing every word of minutes of speech takes a while on a busy 2-core machine.
JOB_TIMEOUT_MS = 240_000
SEEK = "t => { document.querySelector('[data-testid=studio-audio]').currentTime = t; }"


def test_history_lists_plays_downloads_filters_and_deletes(
    page: Page, tmp_path: Path, screenshots: Callable[[Page, str], None]
) -> None:
    page.goto("/studio")
    page.get_by_label("Text", exact=True).fill(TEXT)
    page.get_by_role("button", name="Generate").click()
    assert playable_duration(page, "[data-testid=studio-audio]") > 0

    page.get_by_role("navigation", name="Main").get_by_role("link", name="History").click()
    expect(page).to_have_url(re.compile(r"/app/history$"))
    expect(page.get_by_role("heading", name="History", level=1)).to_be_visible()
    item = page.get_by_test_id("history-item").filter(has_text=TOKEN)
    expect(item).to_have_count(1)
    expect(page.get_by_test_id("history-item").first).to_contain_text(TOKEN)  # newest first
    expect(item).to_contain_text("af_heart")

    item.get_by_role("button", name="Play").click()
    assert playable_duration(page, "[data-testid=history-audio]") > 0

    with page.expect_download() as download:
        item.get_by_role("button", name="Download").click()
    assert download.value.suggested_filename.endswith(".mp3")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.stat().st_size > 1000

    search = page.get_by_label("Search text")
    search.fill("no such words anywhere qq")
    expect(page.get_by_test_id("history-empty")).to_contain_text("Nothing matches")
    search.fill(TOKEN.lower())
    expect(page.get_by_test_id("history-item")).to_have_count(1)
    expect(page.get_by_test_id("history-item")).to_contain_text("lighthouses")
    search.fill("")
    expect(page.get_by_test_id("history-item").filter(has_text=TOKEN)).to_have_count(1)
    screenshots(page, "history")
    search.fill(TOKEN)
    expect(page.get_by_test_id("history-item")).to_have_count(1)

    page.get_by_label(re.compile(r"^Select .*Zephyrine")).check()
    with page.expect_download() as archive:
        page.get_by_role("button", name="Export selected (zip)").click()
    assert archive.value.suggested_filename == "vocalis-history.zip"
    zipped = tmp_path / "export.zip"
    archive.value.save_as(zipped)
    with zipfile.ZipFile(zipped) as z:
        names = z.namelist()
    assert "manifest.json" in names
    assert any(n.startswith("audio/") and n.endswith(".mp3") for n in names)

    page.get_by_test_id("history-item").get_by_role("button", name="Delete").click()
    dialog = page.get_by_role("dialog", name="Delete this item?")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Delete").click()
    expect(dialog).to_be_hidden()
    expect(page.get_by_test_id("history-empty")).to_be_visible()
    search.fill("")
    expect(page.get_by_test_id("history-item").filter(has_text=TOKEN)).to_have_count(0)


def test_long_text_goes_through_a_job_with_progress_and_plays_word_by_word(page: Page) -> None:
    text = (LONG_SENTENCE * (4200 // len(LONG_SENTENCE) + 1)).strip()
    assert len(text) > 4096
    page.goto("/studio?voice=heart")
    page.get_by_label("Text", exact=True).fill(text)
    expect(page.get_by_test_id("char-count")).to_contain_text("runs as a job")
    page.get_by_role("button", name="Generate").click()
    expect(page.locator("[data-testid=progress] [role=progressbar]")).to_be_visible()
    duration = page.wait_for_function(
        """() => {
          const a = document.querySelector("[data-testid=studio-audio]");
          return a && a.readyState >= 1 && Number.isFinite(a.duration) && a.duration > 0 ? a.duration : null;
        }""",
        timeout=JOB_TIMEOUT_MS,
    ).json_value()
    assert isinstance(duration, int | float)
    assert duration > 60  # ~4,200 characters is minutes of speech
    words = page.locator(".transcript .word")
    expect(page.get_by_role("status").filter(has_text="job has finished")).to_contain_text(
        f"{len(text.split())} words"
    )
    expect(page.get_by_test_id("progress")).to_have_count(0)
    expect(words).to_have_count(len(text.split()))  # every word of the job, timed by the server

    # Playing highlights the word being spoken.
    page.locator(".player").get_by_role("button", name="Play").click()
    page.wait_for_function("() => document.querySelector('[data-testid=studio-audio]').currentTime > 1")
    spoken = page.locator(".word--active")
    expect(spoken).to_have_count(1)
    assert float(spoken.get_attribute("data-start") or "0") > 0.5  # not the first word: it follows the audio
    page.locator(".player").get_by_role("button", name="Pause").click()

    # Far into the audio, the highlight is on the word at that time, and the transcript (which
    # scrolls on its own, a long text) follows it into sight.
    late = words.nth(700)
    start, end = float(late.get_attribute("data-start") or "0"), float(late.get_attribute("data-end") or "0")
    assert duration * 0.75 < start < end <= duration + 0.05
    page.evaluate(SEEK, (start + end) / 2)
    expect(late).to_have_class(re.compile(r"\bword--active\b"))
    expect(spoken).to_have_count(1)
    transcript = page.get_by_role("region", name="Transcript")
    expect(transcript).to_be_visible()
    page.locator(".player").scroll_into_view_if_needed()
    expect(late).to_be_in_viewport()
    expect(words.first).not_to_be_in_viewport()
    assert_accessible(page, "studio with a long text's result")  # the scrolling transcript too


def test_account_shows_usage_this_month(page: Page) -> None:
    page.request.post("/v1/audio/speech", data={"input": "Counting usage.", "voice": "heart"})
    page.goto("/app/account")
    card = page.get_by_test_id("usage-card")
    expect(card.get_by_role("heading", name="Usage this month")).to_be_visible()
    expect(card.get_by_test_id("usage-requests")).not_to_have_text("0")
    characters = card.get_by_test_id("usage-characters")
    expect(characters).to_have_text(re.compile(r"^[\d,]+$"))
    assert int((characters.text_content() or "0").replace(",", "")) >= len("Counting usage.")
