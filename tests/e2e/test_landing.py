"""The landing page explains Vocalis honestly and its demo box speaks."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect

from tests.e2e.conftest import playable_duration


def test_landing_demo_generates_playable_audio(page: Page, screenshots: Callable[[Page, str], None]) -> None:
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("on your own machine")
    expect(page.get_by_role("heading", name="Coming next")).to_be_visible()
    headers = page.locator("table.compare thead th")
    expect(headers).to_have_text(["Feature", "Vocalis", "ElevenLabs (hosted)", "Kokoro-FastAPI (self-hosted)",
                                  "speaches (self-hosted)"])  # fmt: skip

    demo = page.get_by_role("form", name="Try it now")
    demo.get_by_label("Text").fill("This is the demo box speaking.")
    voice = demo.get_by_label("Voice")
    expect(voice.locator("option[value=bm_george]")).to_be_attached()  # the voice list has loaded
    voice.select_option("bm_george")
    with page.expect_response("**/v1/audio/speech") as response:
        demo.get_by_role("button", name="Speak").click()
    assert response.value.status == 200
    assert 0.8 < playable_duration(page, "[data-testid=demo-audio]") < 8
    screenshots(page, "landing")
