"""A lost connection is reported, retried with backoff, and recovered from; the app is keyboard-usable."""

from __future__ import annotations

from playwright.sync_api import Page, Route, expect


def test_a_lost_connection_is_reported_and_retried(page: Page) -> None:
    def refuse(route: Route) -> None:
        route.abort("connectionrefused")

    page.route("**/health", refuse)
    page.route("**/v1/voices", refuse)
    page.goto("/library")
    banner = page.get_by_test_id("health-banner")
    expect(banner).to_contain_text("Lost the connection to the Vocalis server")
    expect(page.get_by_text("Could not reach the Vocalis server")).to_be_visible()  # the voices, retrying
    expect(page.get_by_text("Trying again in")).to_be_visible()

    page.unroute("**/health")
    page.unroute("**/v1/voices")
    banner.get_by_role("button", name="Retry now").click()
    expect(banner).to_have_count(0)
    expect(page.get_by_test_id("voice-card").first).to_be_visible(timeout=20_000)  # the next automatic try


def test_the_keyboard_reaches_everything_in_order(page: Page) -> None:
    page.goto("/studio")
    expect(page.get_by_label("Text", exact=True)).to_be_visible()  # the app has rendered
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.get_by_role("switch", name="SSML")).to_be_focused()  # in the text box's label row
    page.keyboard.press("Tab")
    expect(page.get_by_label("Text", exact=True)).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_label("Read as")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Generate")).to_be_focused()
    # Focus is visible: the focused control draws an outline.
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
