import { describe, expect, it } from "vitest";
import {
  checkSsml,
  describeIgnored,
  isSsml,
  lineText,
  offsetAt,
  parseIgnoredHeader,
  parseParserError,
  positionAt,
  problemMessage,
  SSML_EXAMPLE,
  ssmlText,
  type XmlParser,
} from "./ssml";

// What Chromium's <parsererror> holds (its textContent: the heading, the message, the footer, run together).
const CHROMIUM = (message: string) =>
  `This page contains the following errors:${message}Below is a rendering of the page up to the first error.`;

describe("parseParserError", () => {
  it("reads the line, column and reason of Chromium's message", () => {
    expect(parseParserError(CHROMIUM("error on line 3 at column 14: Unexpected token: 1"))).toEqual({
      line: 3,
      column: 14,
      reason: "unexpected token: 1",
    });
  });
  it("says a mismatched closing tag and an unknown entity in words", () => {
    expect(parseParserError(CHROMIUM("error on line 1 at column 32: Unexpected closing tag: speak != emphasis"))).toEqual({
      line: 1,
      column: 32,
      reason: "expected </emphasis> before </speak>",
    });
    expect(parseParserError(CHROMIUM("error on line 2 at column 15: Unexpected entity: nbsp"))?.reason).toMatch(/^unknown entity &nbsp;/);
  });
  it("reads the older libxml2 form, with line breaks, and keeps only the first error", () => {
    const text = CHROMIUM(
      "error on line 2 at column 20: Opening and ending tag mismatch: emphasis line 1 and speak\nerror on line 3 at column 1: Extra content\n",
    );
    expect(parseParserError(text)).toEqual({ line: 2, column: 20, reason: "opening and ending tag mismatch: emphasis line 1 and speak" });
  });
  it("reads Firefox's form", () => {
    const text = "XML Parsing Error: mismatched tag. Expected: </emphasis>.\nLocation: http://localhost/studio\nLine Number 4, Column 9:";
    expect(parseParserError(text)).toEqual({ line: 4, column: 9, reason: "mismatched tag. Expected: </emphasis>" });
  });
  it("gives null when there is no position", () => {
    expect(parseParserError("Something odd happened")).toBeNull();
  });
  it("is shown as Line N, column M: reason", () => {
    expect(problemMessage({ line: 3, column: 14, reason: "unexpected token: 1" })).toBe("Line 3, column 14: unexpected token: 1");
  });
});

/** A DOMParser stand-in: a document whose only element is `root`, or a Chromium parsererror. */
function fakeParser(result: { root: string } | { error: string }): XmlParser {
  return {
    parseFromString: () => {
      const isError = "error" in result;
      const element = {
        localName: isError ? "parsererror" : result.root,
        namespaceURI: isError ? "http://www.w3.org/1999/xhtml" : null,
        textContent: isError ? CHROMIUM(result.error) : "",
      };
      return {
        documentElement: element,
        getElementsByTagNameNS: (_ns: string, name: string) => (isError && name === "parsererror" ? [element] : []),
      } as unknown as Document;
    },
  };
}

describe("checkSsml", () => {
  it("accepts a well-formed <speak> document and an empty box", () => {
    expect(checkSsml(SSML_EXAMPLE, fakeParser({ root: "speak" }))).toBeNull();
    expect(checkSsml("  ", fakeParser({ error: "never asked" }))).toBeNull();
  });
  it("reports the parser's error at its line and column", () => {
    const problem = checkSsml("<speak>\n<emphasis a=1>x</emphasis></speak>", fakeParser({ error: "error on line 2 at column 13: Unexpected token: 1" }));
    expect(problem).toEqual({ line: 2, column: 13, reason: "unexpected token: 1" });
  });
  it("points at the start of a closing tag that Chromium reports at its end", () => {
    // "<speak>\n<emphasis>x</speak>": Chromium says line 2, column 19 (the ">" of </speak>).
    const problem = checkSsml("<speak>\n<emphasis>x</speak>", fakeParser({ error: "error on line 2 at column 19: Unexpected closing tag: speak != emphasis" }));
    expect(problem).toEqual({ line: 2, column: 12, reason: "expected </emphasis> before </speak>" });
  });
  it("needs the text to start with <speak>, as the server does", () => {
    expect(checkSsml("Hello <break/>", fakeParser({ root: "speak" }))).toEqual({ line: 1, column: 1, reason: "SSML must start with <speak>" });
    expect(checkSsml("\n  Hello", fakeParser({ root: "speak" }))).toMatchObject({ line: 2, column: 3 });
    expect(isSsml("<speak>x</speak>")).toBe(true);
    expect(isSsml("\n  <speak/>")).toBe(true);
    expect(isSsml('<?xml version="1.0"?>\n<speak version="1.1">x</speak>')).toBe(true);
    expect(isSsml("Say <speak>")).toBe(false);
    expect(isSsml("<speaker>")).toBe(false);
  });
  it("gives positions in the text as typed when blank lines come before the document", () => {
    const parsed: string[] = [];
    const parser: XmlParser = {
      parseFromString: (text, type) => {
        parsed.push(text);
        return fakeParser({ error: "error on line 2 at column 3: Unexpected token: 1" }).parseFromString(text, type);
      },
    };
    expect(checkSsml('\n\n  <?xml version="1.0"?>\n<speak a=1>x</speak>', parser)).toMatchObject({ line: 4, column: 3 });
    expect(parsed).toEqual(['<?xml version="1.0"?>\n<speak a=1>x</speak>']);
  });
});

describe("line and column to offset", () => {
  const text = "<speak>\nHello <break time='1s'/>\r\nthere\rnow</speak>";
  it("counts lines ended by LF, CR LF and CR, 1-based", () => {
    expect(offsetAt(text, 1, 1)).toBe(0);
    expect(offsetAt(text, 2, 1)).toBe(8);
    expect(text.slice(offsetAt(text, 2, 7))).toMatch(/^<break/);
    expect(text.slice(offsetAt(text, 3, 1))).toMatch(/^there\r/);
    expect(text.slice(offsetAt(text, 4, 4))).toBe("</speak>");
  });
  it("counts an emoji as one column, as the server does", () => {
    const emoji = "<speak>😀 <b></speak>";
    expect(emoji.slice(offsetAt(emoji, 1, 10))).toBe("<b></speak>");
  });
  it("clamps a column past the line's end and a line past the last", () => {
    expect(offsetAt(text, 1, 99)).toBe(7);
    expect(offsetAt(text, 9, 1)).toBe(text.length);
    expect(offsetAt(text, 0, 5)).toBe(0);
  });
  it("goes back from an offset to its line and column", () => {
    for (const [line, column] of [[1, 1], [2, 7], [3, 2], [4, 4]] as const) {
      expect(positionAt(text, offsetAt(text, line, column))).toEqual({ line, column });
    }
    expect(lineText(text, 2)).toBe("Hello <break time='1s'/>");
    expect(lineText(text, 7)).toBe("");
  });
});

describe("X-SSML-Ignored", () => {
  it("reads each entry's markup, position and reason", () => {
    const items = parseIgnoredHeader("audio 3:5 unsupported element; prosody@pitch 4:1 pitch clamped to 6.0 semitones");
    expect(items).toEqual([
      { name: "audio", line: 3, column: 5, reason: "unsupported element" },
      { name: "prosody@pitch", line: 4, column: 1, reason: "pitch clamped to 6.0 semitones" },
    ]);
    expect(items.map(describeIgnored)).toEqual([
      "<audio> at line 3, column 5: unsupported element",
      "pitch of <prosody> at line 4, column 1: pitch clamped to 6.0 semitones",
    ]);
  });
  it("is empty without the header and keeps an entry of another shape whole", () => {
    expect(parseIgnoredHeader(null)).toEqual([]);
    expect(parseIgnoredHeader("  ;  ")).toEqual([]);
    expect(parseIgnoredHeader("something else")).toEqual([{ name: "", line: null, column: null, reason: "something else" }]);
    expect(describeIgnored({ name: "", line: null, column: null, reason: "something else" })).toBe("something else");
  });
});

describe("ssmlText", () => {
  it("keeps the character data with its source offsets, tags and comments left out", () => {
    const source = '<speak>Hi <break time="1s"/><!-- c --> <emphasis level="strong">you</emphasis>.</speak>';
    const doc = ssmlText(source);
    expect(doc.text).toBe("Hi  you.");
    const you = doc.text.indexOf("you");
    expect(source.slice(doc.starts[you]!, doc.ends[you + 2]!)).toBe("you");
  });
  it("decodes references, each character spanning its whole reference", () => {
    const source = "<speak>AT&amp;T &#x1F600;<![CDATA[<x>]]></speak>";
    const doc = ssmlText(source);
    expect(doc.text).toBe("AT&T 😀<x>");
    expect(source.slice(doc.starts[2]!, doc.ends[2]!)).toBe("&amp;");
    expect(source.slice(doc.starts[5]!, doc.ends[6]!)).toBe("&#x1F600;");
    expect(source.slice(doc.starts[7]!, doc.ends[9]!)).toBe("<x>");
  });
  it("skips a '>' inside a quoted attribute value", () => {
    expect(ssmlText(`<speak><sub alias="a > b">x</sub></speak>`).text).toBe("x");
  });
});
