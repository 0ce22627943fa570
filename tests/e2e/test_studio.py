"""The Studio: pick a voice, generate with progress, play with the spoken word highlighted, download,
see API errors next to the input that caused them, and survive a reload of its deep link."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.e2e.conftest import playable_duration
from vocalis.audio.decode import decode_file

TEXT = "The quick brown fox jumps over the lazy dog."
# Remember whether the progress bar ever showed, however short the generation.
WATCH_PROGRESS = """() => {
  window.__sawProgress = false;
  new MutationObserver(() => {
    if (document.querySelector("[data-testid=progress] [role=progressbar]")) window.__sawProgress = true;
  }).observe(document.body, { childList: true, subtree: true });
}"""


def test_studio_generates_highlights_and_downloads(
    page: Page, tmp_path: Path, screenshots: Callable[[Page, str], None]
) -> None:
    page.goto("/studio")
    picker = page.get_by_role("group", name="Voice")
    picker.get_by_label("Search").fill("bella")
    picker.get_by_role("radio", name=re.compile(r"^Bella ")).check()
    expect(picker.locator(".voice-picker__selected")).to_contain_text("af_bella")
    page.get_by_label("Text", exact=True).fill(TEXT)
    expect(page.get_by_test_id("char-count")).to_have_text(f"{len(TEXT)} / 4,096")

    page.evaluate(WATCH_PROGRESS)
    page.get_by_role("button", name="Generate").click()
    duration = playable_duration(page, "[data-testid=studio-audio]")
    assert 1.5 < duration < 8
    assert page.evaluate("window.__sawProgress") is True

    words = page.locator(".transcript .word")
    expect(words).to_have_count(9)
    fox = words.nth(3)
    expect(fox).to_have_text("fox")
    start, end = (
        float(fox.get_attribute("data-start") or "nan"),
        float(fox.get_attribute("data-end") or "nan"),
    )
    assert 0 < start < end <= duration + 0.05
    expect(page.locator(".word--active")).to_have_count(0)
    page.evaluate(
        "t => { document.querySelector('[data-testid=studio-audio]').currentTime = t; }", (start + end) / 2
    )
    expect(page.locator(".word--active")).to_have_text("fox")  # driven by the audio element's timeupdate

    with page.expect_download() as download:
        page.get_by_test_id("download").click()
    assert download.value.suggested_filename == "vocalis-af_bella.mp3"
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    audio = decode_file(saved)
    assert abs(audio.duration - duration) < 0.3

    screenshots(page, "studio")  # with "fox" highlighted


def test_studio_shows_api_errors_next_to_the_input(
    page: Page, screenshots: Callable[[Page, str], None]
) -> None:
    page.goto("/studio")
    text = page.get_by_label("Text", exact=True)
    text.fill("   ")
    page.get_by_role("button", name="Generate").click()
    error = page.locator("#text-error")
    expect(error).to_contain_text("Text is empty")
    expect(text).to_have_attribute("aria-invalid", "true")
    expect(text).to_have_attribute("aria-describedby", "text-error text-help text-count")

    text.fill("Hello there.")
    page.get_by_text("Blend", exact=True).click()
    page.get_by_label("Voice 2", exact=True).fill("zz_nope")
    expect(page.get_by_test_id("blend-expression")).to_have_text("af_bella(2)+zz_nope(1)")
    page.get_by_role("button", name="Generate").click()
    blend_error = page.locator("#blend-error")
    expect(blend_error).to_contain_text("Unknown voice 'zz_nope'")
    expect(page.get_by_label("Voice 2", exact=True)).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Voice 1", exact=True)).not_to_have_attribute("aria-invalid", "true")
    expect(page.locator("#text-error")).to_have_count(0)  # the old error is gone
    screenshots(page, "studio-error")


def test_studio_cancel_stops_generation(page: Page) -> None:
    page.goto("/studio")
    page.get_by_label("Text", exact=True).fill(" ".join([TEXT] * 12))
    page.get_by_role("button", name="Generate").click()
    cancel = page.get_by_role("button", name="Cancel")
    expect(cancel).to_be_visible()
    cancel.click()
    expect(page.get_by_text("Cancelled.")).to_be_visible()
    expect(page.get_by_role("button", name="Generate")).to_be_enabled()
    expect(page.get_by_test_id("studio-audio")).to_have_count(0)


def test_studio_deep_link_survives_a_reload(page: Page) -> None:
    page.goto("/studio?voice=bm_george")
    expect(page.get_by_role("heading", level=1)).to_have_text("Studio")
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Studio")
    expect(page.locator(".voice-picker__selected")).to_contain_text("bm_george")
    expect(page).to_have_title("Studio · Vocalis")
    page.get_by_role("link", name="Voices").click()
    expect(page).to_have_url(re.compile(r"/library$"))
    page.go_back()
    expect(page.get_by_role("heading", level=1)).to_have_text("Studio")
