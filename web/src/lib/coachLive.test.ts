import { describe, expect, it } from "vitest";
import { clock, defaultTitle, initialLive, liveReducer, microphoneProblem, paceGauge, parseServerEvent, PITCH_WINDOW_S, socketUrl, volumeLevel, type LiveState, type MetricsUpdate } from "./coachLive";

const metrics = (elapsed: number, extra: Partial<MetricsUpdate> = {}): MetricsUpdate => ({
  type: "metrics_update",
  elapsed_seconds: elapsed,
  speaking: true,
  words_per_minute: 150,
  target_wpm: [130, 160],
  filler_count: 0,
  fillers_per_minute: null,
  last_filler: null,
  loudness_lufs: -22,
  pitch_hz: 190,
  pitch_trend: "steady",
  current_pause_seconds: 0,
  pause_count: 0,
  long_pause_count: 0,
  word_count: 10,
  transcript_lag_seconds: 0,
  ...extra,
});

const feed = (state: LiveState, ...frames: object[]) =>
  frames.reduce<LiveState>((s, frame) => {
    const event = parseServerEvent(JSON.stringify(frame));
    return event ? liveReducer(s, { type: "event", event }) : s;
  }, state);

describe("parseServerEvent", () => {
  it("reads known events and ignores anything else", () => {
    expect(parseServerEvent('{"type":"status","status":"paused","elapsed_seconds":3}')).toEqual({ type: "status", status: "paused", elapsed_seconds: 3 });
    expect(parseServerEvent('{"type":"something_new"}')).toBeNull();
    expect(parseServerEvent("not json")).toBeNull();
    expect(parseServerEvent("[1]")).toBeNull();
    expect(parseServerEvent(new ArrayBuffer(2))).toBeNull();
  });
});

describe("liveReducer", () => {
  it("shows captions after the final words, each caption replacing what it read again", () => {
    const w = (text: string, start: number) => ({ text, start, end: start + 0.3, probability: 0.9 });
    const caption = (...words: ReturnType<typeof w>[]) => ({ type: "transcript", final: false, text: words.map((x) => x.text).join(" "), words });
    let state = feed(initialLive, caption(w("So", 0.5), w("today", 0.9)));
    expect(state.caption.map((x) => x.text)).toEqual(["So", "today"]);
    // The next caption reads again from "today": the words before it stay, the rest are replaced.
    state = feed(state, caption(w("today", 0.91), w("I", 1.3), w("want", 1.6)));
    expect(state.caption.map((x) => x.text)).toEqual(["So", "today", "I", "want"]);
    expect(state.transcript).toEqual([]);
    // A caption of later speech came first; the final words of the earlier speech replace only theirs.
    state = feed(state, caption(w("Next", 3.0)));
    expect(state.caption.map((x) => x.text)).toEqual(["So", "today", "I", "want", "Next"]);
    state = feed(state, { type: "transcript", final: true, text: " So today I want to talk. ", words: [w("So", 0.5), w("talk.", 2.2)] });
    expect(state.transcript).toEqual(["So today I want to talk."]);
    expect(state.caption.map((x) => x.text)).toEqual(["Next"]);
    state = feed(state, { type: "transcript", final: true, text: "Next step.", words: [w("Next", 3.0), w("step.", 3.4)] });
    expect(state.transcript).toEqual(["So today I want to talk.", "Next step."]);
    expect(state.caption).toEqual([]);
  });

  it("follows a session from start to report, one cue on screen at a time", () => {
    let state = feed(initialLive, { type: "session_started", session_id: "s", status: "active", language: "en", sample_rate: 16000, resumed_at: 0, config: {} });
    expect(state.phase).toBe("live");
    state = feed(state, metrics(1), { type: "transcript", final: true, text: " Um, so today ", words: [] }, { type: "transcript", final: true, text: "  ", words: [] });
    expect(state.metrics?.word_count).toBe(10);
    expect(state.transcript).toEqual(["Um, so today"]);
    const cue = { type: "realtime_feedback", feedback_type: "filler_burst", category: "delivery", severity: "warning", message: "Fillers", score: 0.4, suggestions: [], at: 8 };
    state = feed(state, cue, { ...cue, feedback_type: "pace_fast", message: "Slow down" });
    expect(state.cue?.feedback_type).toBe("pace_fast");
    expect(state.cues).toBe(2);
    state = feed(state, { type: "status", status: "paused", elapsed_seconds: 9 });
    expect(state.phase).toBe("paused");
    state = feed(state, { type: "status", status: "active", elapsed_seconds: 9 });
    expect(state.phase).toBe("live");
    state = liveReducer(state, { type: "stopping" });
    state = feed(state, { type: "status", status: "active", elapsed_seconds: 9 });
    expect(state.phase).toBe("finishing"); // a late status does not undo the stop
    const milestone = { type: "milestone_achieved", code: "first_session", title: "First session", description: "…" };
    state = feed(state, milestone, milestone);
    expect(state.milestones).toHaveLength(1);
    state = feed(state, { type: "coaching_result", session_id: "s", status: "completed", report: { score: 58 } });
    expect(state.phase).toBe("done");
    expect(state.report?.score).toBe(58);
    expect(liveReducer(state, { type: "closed", message: "gone" }).phase).toBe("done"); // closing after the report is normal
    expect(liveReducer(state, { type: "reset" })).toBe(initialLive); // the next session starts clean
  });

  it("keeps the last seconds of pitch for the trace", () => {
    let state = initialLive;
    for (let t = 0; t <= 30; t += 0.25) state = feed(state, metrics(t, { pitch_hz: t > 29 ? null : 200 }));
    expect(state.pitch[0]!.t).toBeGreaterThanOrEqual(30 - PITCH_WINDOW_S);
    expect(state.pitch.at(-1)).toEqual({ t: 30, hz: null });
  });

  it("says the connection was lost, keeping a server error that came first", () => {
    const lost = liveReducer(initialLive, { type: "closed", message: "The connection to the server was lost." });
    expect(lost).toMatchObject({ phase: "lost", error: { code: "connection_lost" } });
    const refused = feed(initialLive, { type: "error", error: { code: "conflict", message: "session is completed" } });
    expect(liveReducer(refused, { type: "closed", message: "x" }).error?.code).toBe("conflict");
  });
});

describe("meters", () => {
  it("places the pace and its band on the gauge", () => {
    const gauge = paceGauge(145, [130, 160]);
    expect(gauge).toMatchObject({ min: 70, max: 220, verdict: "in range" });
    expect(gauge.bandFrom).toBeCloseTo(0.4);
    expect(gauge.bandTo).toBeCloseTo(0.6);
    expect(gauge.position).toBeCloseTo(0.5);
    expect(paceGauge(400, [130, 160])).toMatchObject({ position: 1, verdict: "fast" });
    expect(paceGauge(90, [130, 160]).verdict).toBe("slow");
    expect(paceGauge(null, [130, 160])).toMatchObject({ position: null, verdict: null });
  });

  it("reads loudness against the speech range", () => {
    expect(volumeLevel(-22)).toEqual({ fraction: expect.closeTo(38 / 60, 5), verdict: "good" });
    expect(volumeLevel(-40).verdict).toBe("quiet");
    expect(volumeLevel(-5).verdict).toBe("loud");
    expect(volumeLevel(null)).toEqual({ fraction: 0, verdict: "silent" });
  });
});

describe("small helpers", () => {
  it("explains microphone failures", () => {
    expect(microphoneProblem({ name: "NotAllowedError" })).toMatch(/not allowed/);
    expect(microphoneProblem({ name: "NotFoundError" })).toMatch(/No microphone/);
    expect(microphoneProblem(new Error("?"))).toMatch(/could not be started/);
  });

  it("builds the socket address on the page's origin", () => {
    expect(socketUrl({ protocol: "http:", host: "127.0.0.1:8000" }, "a b")).toBe("ws://127.0.0.1:8000/ws/session/a%20b");
    expect(socketUrl({ protocol: "https:", host: "coach.example" }, "x")).toBe("wss://coach.example/ws/session/x");
  });

  it("names a session and formats the clock", () => {
    expect(defaultTitle("presentation", new Date(2026, 11, 6, 10, 5), "en-GB")).toBe("Presentation, 6 Dec 2026, 10:05");
    expect(clock(65.7)).toBe("1:05");
    expect(clock(3725)).toBe("1:02:05");
    expect(clock(-1)).toBe("0:00");
  });
});
