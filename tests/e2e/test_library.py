"""The voice library lists every voice, filters them and plays previews."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect

from tests.e2e.conftest import GENERATION_TIMEOUT_MS


def test_library_lists_filters_and_previews_voices(
    page: Page, screenshots: Callable[[Page, str], None]
) -> None:
    page.goto("/library")
    cards = page.get_by_test_id("voice-card")
    expect(cards.first).to_be_visible()
    total = cards.count()
    assert total >= 55
    expect(page.get_by_test_id("voice-count")).to_have_text(f"{total} voices")
    screenshots(page, "library")

    page.get_by_label("Language").select_option("en-GB")
    expect(cards).to_have_count(8)
    expect(page.get_by_test_id("voice-count")).to_have_text(f"8 of {total} voices")
    page.get_by_label("Gender").select_option("male")
    expect(cards).to_have_count(4)
    page.get_by_label("Search").fill("george")
    expect(cards).to_have_count(1)
    george = cards.first
    expect(george).to_have_attribute("data-voice-id", "bm_george")
    expect(george).to_contain_text("British English (en-GB)")

    with page.expect_response("**/v1/audio/speech", timeout=GENERATION_TIMEOUT_MS) as preview:
        george.get_by_role("button", name="Play a preview of George").click()
    assert preview.value.status == 200
    assert preview.value.headers["content-type"] == "audio/mpeg"
    stop = george.get_by_role("button", name="Stop George's preview")
    expect(stop).to_be_visible(timeout=GENERATION_TIMEOUT_MS)

    page.get_by_role("button", name="Clear filters").click()
    expect(cards).to_have_count(total)
