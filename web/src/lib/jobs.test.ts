import { describe, expect, it } from "vitest";
import { takeFrames } from "./jobs";

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
