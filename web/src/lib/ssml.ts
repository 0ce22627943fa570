// SSML in the Studio: a well-formedness check as the user types (the browser's XML parser), positions
// as lines and columns (the server's invalid_ssml error names them, 1-based, counted in characters as a
// text editor shows them), the X-SSML-Ignored header of a successful answer, and the map from the
// document's text to its offsets in the source, for the read-along highlight.

/** The server reads a text that starts with `<speak` as SSML, on every speech route. */
export const SSML_EXAMPLE = '<speak>Hello! <break time="500ms"/> This is <emphasis>SSML</emphasis>.</speak>';

/** Response header of a successful answer: the markup that was read but not rendered as written. */
export const SSML_IGNORED_HEADER = "X-SSML-Ignored";

/** The error code of a document the server cannot read; its details give `line` and `column`. */
export const INVALID_SSML = "invalid_ssml";

// What the server looks for: `<speak` after any whitespace (a byte-order mark too) and an optional XML declaration.
const LEADING = /^\s*/;
const SSML_START = /^\s*(?:<\?xml\s[^>]*\?>\s*)?<speak(?=[\s/>]|$)/;

/** Whether the server takes this text as SSML. */
export function isSsml(text: string): boolean {
  return SSML_START.test(text);
}

export interface SsmlPosition {
  /** 1-based line: CR LF, CR and LF each end one. */
  line: number;
  /** 1-based column, in characters (a letter outside the BMP, such as an emoji, counts once). */
  column: number;
}

export interface SsmlProblem extends SsmlPosition {
  reason: string;
}

/** "Line 3, column 14: Unexpected closing tag", the form shown under the text box. */
export function problemMessage(problem: SsmlProblem): string {
  return `Line ${problem.line}, column ${problem.column}: ${problem.reason}`;
}

const CHROMIUM_PREFIX = /^\s*This page contains the following errors:\s*/;
const CHROMIUM_SUFFIX = /\s*Below is a rendering of the page up to the first error\.?\s*$/;
// Chromium (and WebKit): "error on line 3 at column 14: Opening and ending tag mismatch: ..."
const CHROMIUM_POSITION = /(?:error|warning) on line (\d+) at column (\d+):\s*/;
// Firefox: "XML Parsing Error: mismatched tag. Expected: </emphasis>.\nLocation: ...\nLine Number 3, Column 14:"
const FIREFOX_POSITION = /^\s*XML Parsing Error:\s*([^\n]*)[\s\S]*?Line Number (\d+), Column (\d+):/;

/**
 * The line, column and reason in the text of a `<parsererror>` that DOMParser returns for malformed XML.
 * Chromium's reads "This page contains the following errors:error on line 1 at column 32: Unexpected
 * closing tag: speak != emphasisBelow is a rendering of the page up to the first error." (no line breaks
 * between its parts). Null when no position can be read from it.
 */
export function parseParserError(text: string): SsmlProblem | null {
  const body = text.replace(CHROMIUM_PREFIX, "").replace(CHROMIUM_SUFFIX, "");
  const chromium = CHROMIUM_POSITION.exec(body);
  if (chromium) {
    // Only the first error counts: the parser stops there, later ones follow from it.
    const rest = body.slice(chromium.index + chromium[0].length);
    const reason = (rest.split(/\n|(?:error|warning) on line \d+ at column \d+:/)[0] ?? "").trim();
    return { line: Number(chromium[1]), column: Number(chromium[2]), reason: reasonSentence(reason) };
  }
  const firefox = FIREFOX_POSITION.exec(text);
  if (firefox) return { line: Number(firefox[2]), column: Number(firefox[3]), reason: reasonSentence(firefox[1] ?? "") };
  return null;
}

function reasonSentence(reason: string): string {
  const trimmed = reason.trim().replace(/\.$/, "");
  if (!trimmed) return "the XML is not well-formed";
  // Chromium's terse forms, in words.
  const closing = /^Unexpected closing tag: (\S+) != (\S+)$/.exec(trimmed);
  if (closing) return `expected </${closing[2]}> before </${closing[1]}>`;
  const entity = /^Unexpected entity: (\S+)$/.exec(trimmed);
  if (entity) return `unknown entity &${entity[1]}; (only &amp; &lt; &gt; &quot; &apos; and &#...; are known)`;
  return trimmed.charAt(0).toLowerCase() + trimmed.slice(1);
}

/** The part of DOMParser that the check uses (a fake one in unit tests). */
export interface XmlParser {
  parseFromString(text: string, type: "application/xml"): Document;
}

const PARSER_ERROR_NAMESPACES = new Set(["http://www.w3.org/1999/xhtml", "http://www.mozilla.org/newlayout/xml/parsererror.xml"]);

/**
 * What is wrong with an SSML document, at a line and column; null when it is well-formed and is a
 * `<speak>` document. An empty text is not judged here (the server says it is empty).
 */
export function checkSsml(text: string, parser: XmlParser = new DOMParser()): SsmlProblem | null {
  if (text.trim() === "") return null;
  const lead = LEADING.exec(text)![0].length;
  if (!isSsml(text)) return { ...positionAt(text, lead), reason: "SSML must start with <speak>" };
  // The server skips what comes before the document (an XML parser refuses it before a declaration):
  // parse without it, then give the position in the text as typed.
  const body = text.slice(lead);
  const inText = (problem: SsmlProblem): SsmlProblem => ({
    ...positionAt(text, lead + offsetAt(body, problem.line, problem.column)),
    reason: problem.reason,
  });
  const doc = parser.parseFromString(body, "application/xml");
  const errors = Array.from(doc.getElementsByTagNameNS("*", "parsererror")).filter((e) => PARSER_ERROR_NAMESPACES.has(e.namespaceURI ?? ""));
  const error = errors[0];
  if (error) {
    const problem = parseParserError(error.textContent ?? "") ?? { line: 1, column: 1, reason: "the XML is not well-formed" };
    return inText(atTagStart(body, problem));
  }
  const root = doc.documentElement;
  if (root && root.localName !== "speak") return inText({ line: 1, column: 2, reason: "the root element must be <speak>" });
  return null;
}

/**
 * Chromium puts a closing tag's error at the tag's last character (`</speak>` at its `>`), the server
 * at its first, as an editor would: point at the `</` of that tag when it is on the same line.
 */
function atTagStart(text: string, problem: SsmlProblem): SsmlProblem {
  if (!problem.reason.startsWith("expected </")) return problem;
  const at = offsetAt(text, problem.line, problem.column);
  if (text[at] !== ">") return problem;
  const open = text.lastIndexOf("</", at);
  if (open < 0 || /[\r\n]/.test(text.slice(open, at))) return problem;
  return { ...positionAt(text, open), reason: problem.reason };
}

/** Lines of `text` as [start, end) offsets (UTF-16), line breaks excluded. */
function lineRanges(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const breaks = /\r\n|\r|\n/g;
  let start = 0;
  for (const match of text.matchAll(breaks)) {
    ranges.push([start, match.index]);
    start = match.index + match[0].length;
  }
  ranges.push([start, text.length]);
  return ranges;
}

/**
 * The offset (a JavaScript string index) of a 1-based line and column. Columns count characters, so
 * an emoji before the position counts once. A column past the end of its line gives the line's end; a
 * line past the last, the end of the text.
 */
export function offsetAt(text: string, line: number, column: number): number {
  const ranges = lineRanges(text);
  if (line < 1) return 0;
  const range = ranges[line - 1];
  if (!range) return text.length;
  const [start, end] = range;
  let offset = start;
  for (let left = Math.max(1, column) - 1; left > 0 && offset < end; left--) {
    const code = text.charCodeAt(offset);
    const pair = code >= 0xd800 && code <= 0xdbff && offset + 1 < end && (text.charCodeAt(offset + 1) & 0xfc00) === 0xdc00;
    offset += pair ? 2 : 1;
  }
  return offset;
}

/** The 1-based line and column of an offset: the inverse of offsetAt. */
export function positionAt(text: string, offset: number): SsmlPosition {
  const ranges = lineRanges(text);
  const at = Math.min(Math.max(0, offset), text.length);
  let line = ranges.findIndex(([, end]) => at <= end);
  if (line < 0) line = ranges.length - 1;
  const start = ranges[line]![0];
  return { line: line + 1, column: [...text.slice(start, at)].length + 1 };
}

/** The text of a 1-based line, without its line break ("" past the end). */
export function lineText(text: string, line: number): string {
  const range = lineRanges(text)[line - 1];
  return range ? text.slice(range[0], range[1]) : "";
}

export interface IgnoredMarkup {
  /** The element, or "element@attribute". */
  name: string;
  line: number | null;
  column: number | null;
  reason: string;
}

/**
 * The X-SSML-Ignored header: entries separated by semicolons, each "NAME LINE:COLUMN REASON", e.g.
 * "audio 3:5 unsupported element; prosody@pitch 4:1 pitch clamped to 6.0 semitones". An entry in
 * another shape is kept whole as its reason.
 */
export function parseIgnoredHeader(value: string | null | undefined): IgnoredMarkup[] {
  if (!value) return [];
  return value
    .split(";")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const match = /^(\S+)\s+(\d+):(\d+)(?:\s+(.*))?$/.exec(entry);
      if (!match) return { name: "", line: null, column: null, reason: entry };
      return { name: match[1]!, line: Number(match[2]), column: Number(match[3]), reason: (match[4] ?? "").trim() };
    });
}

/** "<audio> at line 3, column 5: unsupported element"; "pitch of <prosody> at line 4, column 1: ..." */
export function describeIgnored(item: IgnoredMarkup): string {
  const [element, attribute] = item.name.split("@", 2);
  const what = !item.name ? "" : attribute ? `${attribute} of <${element}>` : `<${element}>`;
  const where = item.line !== null ? ` at line ${item.line}, column ${item.column}` : "";
  const head = `${what}${where}`;
  if (!head) return item.reason;
  return item.reason ? `${head}: ${item.reason}` : head;
}

export interface SsmlText {
  /** The document's character data, tags left out and references decoded. */
  text: string;
  /** starts[i]: where text[i] begins in the source (the `&` of a reference it came from). */
  starts: number[];
  /** ends[i]: where text[i] ends in the source (after the `;` of its reference). */
  ends: number[];
}

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const REFERENCE = /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(amp|lt|gt|quot|apos));/y;

/**
 * The text an SSML document says, each character with where it sits in the source: comments,
 * processing instructions and tags (quoted attribute values included) are left out, CDATA sections
 * and the five predefined entities and character references are read. Meant for well-formed input;
 * on anything else it does its best and never throws.
 */
export function ssmlText(source: string): SsmlText {
  let text = "";
  const starts: number[] = [];
  const ends: number[] = [];
  /** Characters as written: each one at its own place. */
  const literal = (piece: string, start: number) => {
    for (let i = 0; i < piece.length; i++) {
      starts.push(start + i);
      ends.push(start + i + 1);
    }
    text += piece;
  };
  /** A reference's characters: all of them span the whole reference. */
  const reference = (decoded: string, start: number, end: number) => {
    for (let i = 0; i < decoded.length; i++) {
      starts.push(start);
      ends.push(end);
    }
    text += decoded;
  };
  let i = 0;
  while (i < source.length) {
    const char = source[i]!;
    if (char === "<") {
      if (source.startsWith("<!--", i)) {
        i = skipPast(source, "-->", i + 4);
      } else if (source.startsWith("<![CDATA[", i)) {
        const close = source.indexOf("]]>", i + 9);
        const end = close < 0 ? source.length : close;
        literal(source.slice(i + 9, end), i + 9);
        i = close < 0 ? source.length : close + 3;
      } else if (source.startsWith("<?", i)) {
        i = skipPast(source, "?>", i + 2);
      } else {
        i = tagEnd(source, i + 1);
      }
    } else if (char === "&") {
      REFERENCE.lastIndex = i;
      const match = REFERENCE.exec(source);
      if (match) {
        const code = match[1] !== undefined ? parseInt(match[1], 16) : match[2] !== undefined ? parseInt(match[2], 10) : null;
        const decoded = code !== null ? safeFromCodePoint(code) : NAMED[match[3]!]!;
        reference(decoded, i, i + match[0].length);
        i += match[0].length;
      } else {
        literal("&", i);
        i += 1;
      }
    } else {
      const next = nextSpecial(source, i);
      literal(source.slice(i, next), i);
      i = next;
    }
  }
  return { text, starts, ends };
}

function safeFromCodePoint(code: number): string {
  try {
    return String.fromCodePoint(code);
  } catch {
    return "\ufffd";
  }
}

function skipPast(source: string, close: string, from: number): number {
  const at = source.indexOf(close, from);
  return at < 0 ? source.length : at + close.length;
}

/** Just past the `>` that closes a tag, skipping quoted attribute values. */
function tagEnd(source: string, from: number): number {
  let quote: string | null = null;
  for (let i = from; i < source.length; i++) {
    const char = source[i];
    if (quote) {
      if (char === quote) quote = null;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === ">") {
      return i + 1;
    }
  }
  return source.length;
}

function nextSpecial(source: string, from: number): number {
  for (let i = from; i < source.length; i++) {
    const char = source[i];
    if (char === "<" || char === "&") return i;
  }
  return source.length;
}
