"""The Studio's SSML mode and reading language: malformed SSML is pointed out at its line and column as
it is typed and cannot be generated; well-formed SSML (a break included) is generated, played and
followed word by word; what the server refuses is shown with the caret put on it; and a French voice
reads French when asked to ("Read as")."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from playwright.sync_api import Page, expect

from tests.e2e.conftest import playable_duration
from tests.e2e.test_accessibility import assert_accessible

SSML_EXAMPLE = '<speak>Hello! <break time="500ms"/> This is <emphasis>SSML</emphasis>.</speak>'
MALFORMED = "<speak>\nHello <emphasis>there.\n</speak>"
# A break to hear, and an element the server does not render (it says so in X-SSML-Ignored).
WITH_BREAK = (
    '<speak>\nOne moment, please. <break time="1s"/>\n'
    'Thank you for <emphasis>waiting</emphasis>.<audio src="chime.wav"/>\n</speak>'
)
AUDIO_COLUMN = WITH_BREAK.split("\n")[2].index("<audio") + 1
SEEK = "t => { document.querySelector('[data-testid=studio-audio]').currentTime = t; }"
SPEECH_ROUTE = re.compile(r"/v1/text-to-speech/[^/]+/stream/with-timestamps")
# Resolves once the page has not scrolled for a few frames: the Studio scrolls its result into view
# smoothly, which would otherwise move under a screenshot.
SCROLL_SETTLED = """() => new Promise(resolve => {
  let last = -1, still = 0;
  const tick = () => {
    still = window.scrollY === last ? still + 1 : 0;
    last = window.scrollY;
    if (still >= 5) resolve(true); else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})"""


def pick_voice(page: Page, search: str, voice_id: str) -> None:
    picker = page.get_by_role("group", name="Voice")
    picker.get_by_label("Search").fill(search)
    picker.locator(f"#voice-option-{voice_id}").check()
    expect(picker.locator(".voice-picker__selected")).to_contain_text(voice_id)


def test_malformed_ssml_is_pointed_out_and_cannot_be_generated(
    page: Page, screenshots: Callable[[Page, str], None]
) -> None:
    page.emulate_media(reduced_motion="reduce")
    page.goto("/studio")
    expect(page.locator("#voice-option-af_heart")).to_be_checked()
    text = page.get_by_label("Text", exact=True)
    ssml = page.get_by_role("switch", name="SSML")
    generate = page.get_by_role("button", name="Generate")

    text.fill("")
    ssml.check()
    expect(text).to_have_value(SSML_EXAMPLE)  # an empty box gets an example
    expect(page.locator("#ssml-error")).to_have_count(0)
    expect(generate).to_be_enabled()

    text.fill(MALFORMED)
    error = page.locator("#ssml-error")
    expect(error).to_have_text(re.compile(r"^Line 3, column 1: expected </emphasis> before </speak>"))
    expect(page.get_by_test_id("ssml-marker")).to_contain_text("</speak>")
    expect(page.get_by_test_id("ssml-check")).to_have_attribute("aria-live", "polite")
    expect(text).to_have_attribute("aria-invalid", "true")
    expect(text).to_have_attribute("aria-describedby", "text-help ssml-error text-count")
    expect(generate).to_be_disabled()
    text.press("Control+Enter")  # the shortcut does not get around it
    expect(page.get_by_test_id("progress")).to_have_count(0)
    screenshots(page, "studio-ssml-error")
    assert_accessible(page, "studio with malformed SSML pointed out")

    text.fill(MALFORMED.replace("there.\n", "there.</emphasis>\n"))
    expect(error).to_have_count(0)
    expect(text).not_to_have_attribute("aria-invalid", "true")
    expect(generate).to_be_enabled()


def test_ssml_with_a_break_is_generated_and_followed_word_by_word(
    page: Page, screenshots: Callable[[Page, str], None]
) -> None:
    page.emulate_media(reduced_motion="reduce")
    page.goto("/studio")
    ssml = page.get_by_role("switch", name="SSML")
    ssml.check()
    pick_voice(page, "george", "bm_george")
    expect(ssml).to_be_checked()  # the mode stays on across voices
    text = page.get_by_label("Text", exact=True)
    text.fill(WITH_BREAK)
    expect(page.locator("#ssml-error")).to_have_count(0)

    with page.expect_request(SPEECH_ROUTE) as sent:
        page.get_by_role("button", name="Generate").click()
    body = json.loads(sent.value.post_data or "{}")
    assert body["text"] == WITH_BREAK  # sent as written
    assert "language_code" not in body  # "The voice's language"
    duration = playable_duration(page, "[data-testid=studio-audio]")
    assert duration > 2.5  # six words and a one-second pause
    expect(page.get_by_role("status").filter(has_text="Ready")).to_contain_text(
        "One piece of SSML not used as written"
    )
    expect(page.get_by_test_id("ssml-ignored")).to_contain_text(
        f"<audio> at line 3, column {AUDIO_COLUMN}: unsupported element"
    )

    words = page.locator(".transcript .word")
    expect(words.first).to_have_text("One")
    spoken = words.all_inner_texts()
    assert "waiting" in spoken
    markup = {"speak", "break", "time", "1s", "emphasis", "audio", "src", "chime", "wav"}
    assert not markup & set(spoken), spoken  # markup is not a word
    expect(page.locator(".transcript .transcript__markup").first).to_have_text("<speak>")  # shown, dimmed
    waiting = words.filter(has_text="waiting")
    start, end = (float(waiting.get_attribute(name) or "nan") for name in ("data-start", "data-end"))
    thank = float(words.filter(has_text="Thank").get_attribute("data-start") or "nan")
    please = float(words.filter(has_text="please").get_attribute("data-end") or "nan")
    assert thank - please > 0.8, (please, thank)  # the break is in the audio, between the sentences
    page.evaluate(SEEK, (start + end) / 2)
    expect(page.locator(".word--active")).to_have_text("waiting")
    page.evaluate(SCROLL_SETTLED)
    screenshots(page, "studio-ssml")
    assert_accessible(page, "studio with an SSML result, its markup dimmed and a note of what was not used")


def test_ssml_the_server_refuses_puts_the_caret_at_its_position(page: Page) -> None:
    page.goto("/studio")
    page.get_by_role("switch", name="SSML").check()
    text = page.get_by_label("Text", exact=True)
    # Well-formed XML, so the browser lets it through, but the server reads no processing instruction.
    refused = "<speak>\nHello there.\n<?tts fast?> Goodbye.\n</speak>"
    text.fill(refused)
    expect(page.get_by_role("button", name="Generate")).to_be_enabled()
    page.get_by_role("button", name="Generate").click()
    error = page.locator("#text-error")
    expect(error).to_contain_text("SSML line 3, column 1")
    expect(text).to_be_focused()
    expect(text).to_have_attribute("aria-invalid", "true")
    caret = text.evaluate("box => [box.selectionStart, box.selectionEnd]")
    assert caret == [refused.index("<?tts"), refused.index("<?tts")]
    expect(page.get_by_test_id("ssml-marker")).to_contain_text("<?tts fast?>")

    text.fill("<speak>Hello there.</speak>")  # editing clears the server's finding
    expect(error).to_have_count(0)


def test_a_french_voice_reads_french_when_asked(page: Page, screenshots: Callable[[Page, str], None]) -> None:
    page.goto("/studio")
    pick_voice(page, "siwis", "ff_siwis")
    page.get_by_label("Read as").select_option(label="French")
    page.get_by_label("Text", exact=True).fill("Bonjour à tous.")
    # "copy as curl" carries the language too
    expect(page.get_by_role("region", name="curl command")).to_contain_text('"language_code":"fr-FR"')

    with page.expect_response(SPEECH_ROUTE) as answered:
        page.get_by_role("button", name="Generate").click()
    assert json.loads(answered.value.request.post_data or "{}")["language_code"] == "fr-FR"
    assert answered.value.headers.get("x-language") == "fr-FR"  # the server read it as French
    assert playable_duration(page, "[data-testid=studio-audio]") > 0.5
    expect(page.get_by_role("status").filter(has_text="Ready")).to_be_visible()
    expect(page.locator(".studio__output")).to_contain_text("ff_siwis · 1.00×")
    expect(page.locator(".studio__output")).to_contain_text("read as French")
    expect(page.locator(".transcript .word")).to_have_text(["Bonjour", "à", "tous"])
    expect(page.locator("#text-error, #general-error")).to_have_count(0)
    page.evaluate(SCROLL_SETTLED)
    screenshots(page, "studio-read-as-french")
