import { afterEach, describe, expect, it, vi } from "vitest";
import type { Job } from "../api/history";
import { runJob, takeFrames } from "./jobs";

describe("takeFrames", () => {
  it("returns the data of complete frames and keeps the rest", () => {
    const [frames, rest] = takeFrames('event: progress\ndata: {"a":1}\n\n: keep-alive\n\nevent: succeeded\ndata: {"b"');
    expect(frames).toEqual(['{"a":1}']);
    expect(rest).toBe('event: succeeded\ndata: {"b"');
  });
  it("understands CRLF line ends", () => {
    expect(takeFrames("data: x\r\n\r\n")).toEqual([["x"], ""]);
  });
});

describe("runJob", () => {
  const TEXT = "Chapter one. It was cold.";
  const job = (status: Job["status"], timestamps: boolean): Job =>
    ({
      id: "j1",
      status,
      progress: { chunks_done: 2, chunks_total: 2, percent: 100, audio_seconds: 2, compute_seconds: 1, eta_seconds: null },
      error: null,
      audio_url: status === "succeeded" ? "/v1/jobs/j1/audio" : null,
      timestamps_url: status === "succeeded" && timestamps ? "/v1/jobs/j1/timestamps" : null,
    }) as Job;
  const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
  const timings = {
    job_id: "j1",
    audio_seconds: 2,
    words: [
      { word: "Chapter", start: 0, end: 0.4, char_start: 0, char_end: 7 },
      { word: "one", start: 0.4, end: 0.7, char_start: 8, char_end: 11 },
      { word: "It", start: 1.0, end: 1.1, char_start: 13, char_end: 15 },
      { word: "was", start: 1.1, end: 1.3, char_start: 16, char_end: 19 },
      { word: "cold", start: 1.3, end: 1.8, char_start: 20, char_end: 24 },
    ],
  };

  /** A server that finishes the job at once; `timestampsStatus` answers GET .../timestamps. */
  function server(timestamps: boolean, timestampsStatus = 200) {
    const calls: string[] = [];
    const fetch = vi.fn(async (input: string, init?: RequestInit) => {
      calls.push(`${init?.method ?? "GET"} ${input}`);
      if (input === "/v1/jobs") return json(job("queued", timestamps), 202);
      if (input === "/v1/jobs/j1/events") {
        const frame = `event: succeeded\ndata: ${JSON.stringify({ type: "succeeded", job: job("succeeded", timestamps) })}\n\n`;
        return new Response(frame, { headers: { "Content-Type": "text/event-stream" } });
      }
      if (input === "/v1/jobs/j1/audio") return new Response(new Uint8Array([1, 2, 3]), { headers: { "Content-Type": "audio/mpeg" } });
      if (input === "/v1/jobs/j1/timestamps") {
        return timestampsStatus === 200 ? json(timings) : json({ error: { code: "job_not_ready", message: "gone" } }, timestampsStatus);
      }
      return json({ error: { code: "not_found", message: input } }, 404);
    });
    vi.stubGlobal("fetch", fetch);
    return calls;
  }

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  const body = (timestamps: boolean) => ({ text: TEXT, voice: "af_heart", format: "mp3" as const, options: { timestamps } });

  it("returns the audio and the words of the text with their times", async () => {
    const calls = server(true);
    const seen: string[] = [];
    const run = await runJob(body(true), { signal: new AbortController().signal, onJob: (j) => seen.push(j.status) });
    expect(seen).toEqual(["queued", "succeeded"]);
    expect(await run.blob.arrayBuffer()).toEqual(new Uint8Array([1, 2, 3]).buffer);
    expect(run.words.map((w) => w.word)).toEqual(["Chapter", "one", "It", "was", "cold"]);
    expect(run.words[4]).toEqual({ word: "cold", start: 1.3, end: 1.8, charStart: 20, charEnd: 24 });
    expect(calls).toContain("GET /v1/jobs/j1/timestamps");
  });

  it("asks for no words when the job was submitted without timestamps", async () => {
    const calls = server(false);
    const run = await runJob(body(false), { signal: new AbortController().signal, onJob: () => undefined });
    expect(run.words).toEqual([]);
    expect(calls).not.toContain("GET /v1/jobs/j1/timestamps");
  });

  it("names the reading language as `language`, only when one is chosen", async () => {
    server(false);
    const submitted = () =>
      vi
        .mocked(fetch)
        .mock.calls.filter(([url]) => url === "/v1/jobs")
        .map(([, init]) => JSON.parse(String(init?.body)) as Record<string, unknown>);
    await runJob({ ...body(false), language: "fr-FR" }, { signal: new AbortController().signal, onJob: () => undefined });
    await runJob({ ...body(false), language: "" }, { signal: new AbortController().signal, onJob: () => undefined });
    const [french, own] = submitted();
    expect(french).toMatchObject({ text: TEXT, voice: "af_heart", language: "fr-FR" });
    expect(own).not.toHaveProperty("language");
  });

  it("still returns the audio when the words cannot be had", async () => {
    server(true, 409);
    const run = await runJob(body(true), { signal: new AbortController().signal, onJob: () => undefined });
    expect(run.blob.size).toBe(3);
    expect(run.words).toEqual([]);
  });
});
