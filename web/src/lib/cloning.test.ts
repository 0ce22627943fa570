import { describe, expect, it } from "vitest";
import { ApiError } from "../api/client";
import {
  cloneErrorField,
  cloneErrorMessage,
  consentProblem,
  consentStatement,
  etaText,
  fileSize,
  isoDate,
  MAX_SAMPLE_BYTES,
  parseEmails,
  progressShare,
  sampleProblem,
  score,
  signed,
  stageText,
  statusText,
  verdict,
} from "./cloning";

const progress = (done: number, total: number | null, stage: string | null = "searching", job_status = "running") => ({
  job_status,
  done,
  total,
  stage,
  best_similarity: 0.71,
  eta_seconds: 40,
});

describe("consent", () => {
  it("writes the statement in the form the server reads", () => {
    expect(consentStatement("Ana Lopez", "my course videos", "2026-11-22")).toBe(
      "I, Ana Lopez, consent to Vocalis cloning my voice for my course videos, on 2026-11-22.",
    );
  });

  it("keeps a comma in the name from ending the name early, and tidies the purpose", () => {
    expect(consentStatement(" Lopez,  Ana ", "  podcast intros. ", "2026-01-02")).toBe(
      "I, Lopez Ana, consent to Vocalis cloning my voice for podcast intros, on 2026-01-02.",
    );
  });

  it("leaves visible blanks for what is missing, and the form refuses them", () => {
    const statement = consentStatement("", "", "2026-01-02");
    expect(statement).toBe("I, [speaker's full name], consent to Vocalis cloning my voice for [purpose], on 2026-01-02.");
    expect(consentProblem(statement)).toMatch(/blanks/);
    expect(consentProblem("   ")).toMatch(/consent/);
    expect(consentProblem(consentStatement("Ana", "videos"))).toBeNull();
  });

  it("dates it today in the reader's time zone", () => {
    expect(isoDate(new Date(2026, 0, 5, 23, 59))).toBe("2026-01-05");
    expect(consentStatement("Ana", "videos")).toContain(`on ${isoDate()}.`);
  });
});

describe("samples", () => {
  it("states sizes as people read them", () => {
    expect(fileSize(820_000)).toBe("820 KB");
    expect(fileSize(2_400_000)).toBe("2.4 MB");
    expect(fileSize(12)).toBe("1 KB");
  });

  it("refuses empty, oversized and non-audio files before uploading", () => {
    expect(sampleProblem({ name: "a.wav", size: 0, type: "audio/wav" })).toMatch(/empty/);
    expect(sampleProblem({ name: "a.wav", size: MAX_SAMPLE_BYTES + 1, type: "audio/wav" })).toMatch(/at most 10 MB/);
    expect(sampleProblem({ name: "notes.pdf", size: 1000, type: "application/pdf" })).toMatch(/does not look like audio/);
    expect(sampleProblem({ name: "a.wav", size: MAX_SAMPLE_BYTES, type: "audio/wav" })).toBeNull();
    expect(sampleProblem({ name: "take.FLAC", size: 1000, type: "" })).toBeNull();
    expect(sampleProblem({ name: "recording.webm", size: 1000, type: "audio/webm;codecs=opus" })).toBeNull();
  });
});

describe("errors next to their field", () => {
  it("puts consent and sample refusals by the consent box and the file picker", () => {
    const consent = new ApiError(400, "consent_required", 'cloning a voice needs the speaker\'s consent: write who consents, to what and when, e.g. --consent "I, Ana Lopez, consent"');
    expect(cloneErrorField(consent)).toBe("consent");
    expect(cloneErrorMessage(consent)).toBe(
      'The speaker\'s consent is needed. Cloning a voice needs the speaker\'s consent: write who consents, to what and when, e.g. "I, Ana Lopez, consent".',
    );
    const short = new ApiError(400, "sample_rejected", "the sample has 4.1 s of speech; at least 10 s are needed (15 s to 5 min work best)", {
      reason: "too_little_speech",
      speech_seconds: 4.1,
    });
    expect(cloneErrorField(short)).toBe("file");
    expect(cloneErrorMessage(short)).toBe("Not enough speech. The sample has 4.1 s of speech; at least 10 s are needed (15 s to 5 min work best).");
    const noisy = new ApiError(400, "sample_rejected", "the sample is too noisy", { reason: "too_noisy" });
    expect(cloneErrorMessage(noisy)).toMatch(/^Too much background noise\. .*Reduce background noise/);
    expect(cloneErrorField(new ApiError(415, "unsupported_media", "the file is not audio in a format we can read"))).toBe("file");
    expect(cloneErrorField(new ApiError(413, "too_large", "the request body is over 10485760 bytes"))).toBe("file");
    expect(cloneErrorMessage(new ApiError(400, "sample_rejected", "odd", { reason: "new_reason" }))).toBe("This sample cannot be used. Odd.");
  });

  it("uses the field the API names, and the general slot otherwise", () => {
    expect(cloneErrorField(new ApiError(400, "invalid_input", "a cloned voice needs a name of 1-60 characters", { field: "name" }))).toBe("name");
    expect(cloneErrorField(new ApiError(400, "invalid_input", "too long", { field: "description" }))).toBe("description");
    expect(cloneErrorField(new ApiError(422, "validation_error", "x", { errors: [{ field: "body.file", message: "Field required" }] }))).toBe("file");
    expect(cloneErrorField(new ApiError(429, "rate_limited", "slow down"))).toBe("general");
    expect(cloneErrorField(new ApiError(400, "invalid_input", "bad labels", { field: "labels" }))).toBe("general");
  });
});

describe("progress in words", () => {
  it("names the stage, or the wait for a worker", () => {
    expect(stageText(progress(0, null, null, "queued"))).toBe("Waiting for a free worker");
    expect(stageText(null)).toBe("Waiting for a free worker");
    expect(stageText(progress(3, 12, "searching"))).toBe("Searching the built-in voices for a match");
    expect(stageText(progress(3, 12, "judging"))).toBe("Measuring the result with an independent encoder");
    expect(stageText(progress(3, 12, null))).toBe("Getting ready");
  });

  it("measures the share of renders done, unknown until planned", () => {
    expect(progressShare(progress(3, 12))).toBe(0.25);
    expect(progressShare(progress(14, 12))).toBe(1);
    expect(progressShare(progress(0, null))).toBeNull();
    expect(progressShare(progress(0, 0))).toBeNull();
    expect(statusText("cloning", progress(3, 12))).toBe("Cloning 25%");
    expect(statusText("cloning", null)).toBe("Cloning");
    expect(statusText("ready")).toBe("Ready");
    expect(statusText("cancelled")).toBe("Cancelled");
  });

  it("rounds the time left for a person", () => {
    expect(etaText(null)).toBe("");
    expect(etaText(-1)).toBe("");
    expect(etaText(3)).toBe("almost done");
    expect(etaText(43)).toBe("about 45 s left");
    expect(etaText(58)).toBe("about 1 min left");
    expect(etaText(71)).toBe("about 1 min 10 s left");
    expect(etaText(125)).toBe("about 2 min 5 s left");
  });
});

describe("similarity in words", () => {
  const similarity = {
    clone: 0.86,
    nearest_stock: 0.8,
    nearest_stock_voice: "bf_lily",
    gain: 0.06,
    same_speaker_anchor: 0.95,
    judge: "resemblyzer",
    independent: true,
    meaning: "…",
  };

  it("shows scores with two decimals and gains with their sign", () => {
    expect(score(0.8567)).toBe("0.86");
    expect(score(null)).toBe("—");
    expect(signed(0.06)).toBe("+0.06");
    expect(signed(-0.013)).toBe("−0.01");
    expect(signed(0.001)).toBe("±0.00");
  });

  it("recommends the built-in voice when the clone gains too little", () => {
    expect(verdict(similarity, false)).toBe("The clone is closer to the sample than any built-in voice (+0.06 over bf_lily).");
    expect(verdict({ ...similarity, gain: 0.01 }, true)).toBe(
      "Use the built-in voice bf_lily instead: it is as close to the sample as the clone (+0.01).",
    );
  });
});

describe("sharing", () => {
  it("reads e-mails separated any which way, once each", () => {
    expect(parseEmails("Bo@Example.org, cy@example.org;\nbo@example.org  dee@x.io")).toEqual({
      emails: ["bo@example.org", "cy@example.org", "dee@x.io"],
      invalid: [],
    });
    expect(parseEmails("bo@example.org, nope")).toEqual({ emails: ["bo@example.org"], invalid: ["nope"] });
    expect(parseEmails("  ")).toEqual({ emails: [], invalid: [] });
  });
});
