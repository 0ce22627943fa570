import { useDeferredValue, useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { ApiError, errorField, isAbort, plainMessage, type AudioFormat, type ErrorField } from "../api/client";
import { AudioPlayer } from "../components/AudioPlayer";
import { BlendBuilder } from "../components/BlendBuilder";
import { CopyButton } from "../components/CopyButton";
import { FieldError } from "../components/FieldError";
import { Progress } from "../components/Progress";
import { RequireSession } from "../components/RequireSession";
import { SsmlCheck, SsmlIgnored, SsmlMarker } from "../components/SsmlStatus";
import { VoicePicker } from "../components/VoicePicker";
import { FORMATS, sampleRates } from "../lib/audio";
import { blendProblem, buildBlend, type BlendPart } from "../lib/blend";
import { generate, type GenerateOrder, type Generated } from "../lib/generate";
import { runJob } from "../lib/jobs";
import { curlSnippet, KEY_VARIABLE, pythonSnippet } from "../lib/snippets";
import { checkSsml, INVALID_SSML, offsetAt, SSML_EXAMPLE, type IgnoredMarkup, type SsmlPosition } from "../lib/ssml";
import { READING_LANGUAGES, readingLanguageName } from "../lib/voices";
import { Link, ROUTES, useLocation } from "../router";
import { useSession } from "../state/session";

/** The OpenAI route's limit: longer texts go through a job (POST /v1/jobs) instead. */
export const MAX_CHARS = 4096;
/** SSML up to this length is checked at every keystroke; a longer one once typing pauses. */
const LIVE_CHECK_CHARS = 20_000;
const SAMPLE = "Welcome to the Vocalis studio. Type anything here, choose a voice, and press Generate to hear it.";

type Errors = Partial<Record<ErrorField | "general", string>>;

interface Result extends Generated {
  url: string;
  /** A long text's job was asked for no word timings. */
  wordsOff: boolean;
}

export function Studio() {
  return (
    <div className="page page--wide">
      <header className="page-header">
        <h1>Studio</h1>
        <p className="lede">Write, pick a voice, generate, and follow along word by word.</p>
      </header>
      <RequireSession what="use the Studio">
        <StudioForm />
      </RequireSession>
    </div>
  );
}

function StudioForm() {
  const location = useLocation();
  const session = useSession();
  const [text, setText] = useState(SAMPLE);
  const [mode, setMode] = useState<"single" | "blend">("single");
  const [voice, setVoice] = useState(location.searchParams.get("voice") ?? "af_heart");
  const [parts, setParts] = useState<BlendPart[]>([
    { voice: "af_bella", weight: 2 },
    { voice: "af_sky", weight: 1 },
  ]);
  const [speed, setSpeed] = useState(1);
  const [wideSpeed, setWideSpeed] = useState(false);
  const [format, setFormat] = useState<AudioFormat>("mp3");
  const [sampleRate, setSampleRate] = useState(24000);
  const [jobTimings, setJobTimings] = useState(true);
  const [errors, setErrors] = useState<Errors>({});
  const [invalidVoice, setInvalidVoice] = useState<string | null>(null);
  const [job, setJob] = useState<{ controller: AbortController; startedAt: number; share: number | null; long: boolean; status?: string } | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [language, setLanguage] = useState("");
  const [ssml, setSsml] = useState(false);
  /** Where the server found the SSML it refused (invalid_ssml), while the text is as it was sent. */
  const [ssmlRefused, setSsmlRefused] = useState<SsmlPosition | null>(null);
  const [ignored, setIgnored] = useState<IgnoredMarkup[]>([]);
  const resultRef = useRef<HTMLDivElement>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);

  const effectiveVoice = mode === "single" ? voice : buildBlend(parts);
  const order: GenerateOrder = { text, voice: effectiveVoice, speed, format, sampleRate, language };
  const [minSpeed, maxSpeed] = wideSpeed ? [0.25, 4] : [0.5, 2];
  const over = text.length > MAX_CHARS;
  // Checked as the user types; a long document (a job's) a moment later, so typing stays smooth.
  const deferredText = useDeferredValue(text);
  const checkedText = text.length <= LIVE_CHECK_CHARS ? text : deferredText;
  const ssmlProblem = useMemo(() => (ssml ? checkSsml(checkedText) : null), [ssml, checkedText]);

  const jobRef = useRef(job);
  jobRef.current = job;
  useEffect(() => () => jobRef.current?.controller.abort(), []); // leaving the page cancels
  useEffect(() => () => (result ? URL.revokeObjectURL(result.url) : undefined), [result]);
  useEffect(() => {
    if (!sampleRates(format).includes(sampleRate)) setSampleRate(24000);
  }, [format, sampleRate]);
  useEffect(() => {
    if (!wideSpeed) setSpeed((s) => Math.min(2, Math.max(0.5, s)));
  }, [wideSpeed]);

  const editText = (value: string) => {
    setText(value);
    if (ssmlRefused) {
      // The server's position was about the text as sent.
      setSsmlRefused(null);
      setErrors(({ text: _old, ...rest }) => rest);
    }
  };

  const toggleSsml = (on: boolean) => {
    setSsml(on);
    if (on && (text.trim() === "" || text === SAMPLE)) editText(SSML_EXAMPLE);
  };

  /** Put the caret at a line and column of the text and the focus in the box, to fix what is there. */
  const showPosition = (sent: string, { line, column }: SsmlPosition) => {
    window.requestAnimationFrame(() => {
      const box = textRef.current;
      if (!box || box.value !== sent) return;
      const offset = offsetAt(sent, line, column);
      box.setSelectionRange(offset, offset);
      box.focus();
    });
  };

  const run = async (event?: FormEvent) => {
    event?.preventDefault();
    if (job) return;
    if (ssml && checkSsml(text) !== null) return; // the message under the box says why
    setNotice(null);
    setIgnored([]);
    setSsmlRefused(null);
    const problem = mode === "blend" ? blendProblem(parts) : null;
    if (problem) {
      setErrors({ voice: problem });
      return;
    }
    setErrors({});
    setInvalidVoice(null);
    const controller = new AbortController();
    setJob({ controller, startedAt: Date.now(), share: over ? null : 0, long: over });
    try {
      let generated: Generated;
      if (over) {
        const { blob, words, ignored: notUsed } = await runJob(
          {
            text: order.text,
            voice: order.voice,
            speed: order.speed,
            format: order.format,
            options: { sample_rate: order.sampleRate, timestamps: jobTimings },
            language: order.language,
          },
          {
            signal: controller.signal,
            onJob: (update) =>
              setJob((j) =>
                j && j.controller === controller
                  ? { ...j, status: update.status, share: update.progress.percent === null ? null : update.progress.percent / 100 }
                  : j,
              ),
          },
        );
        generated = { blob, bytes: new Uint8Array(await blob.arrayBuffer()), words, order, ignored: notUsed };
      } else {
        generated = await generate(order, {
          signal: controller.signal,
          onProgress: (share) => setJob((j) => (j && j.controller === controller ? { ...j, share } : j)),
        });
      }
      setResult({ ...generated, url: URL.createObjectURL(generated.blob), wordsOff: over && !jobTimings });
      const counted = generated.words.length > 0 ? `${generated.words.length.toLocaleString("en")} words` : "no word timings";
      const skipped = generated.ignored.length;
      const aside = skipped === 0 ? "" : ` ${skipped === 1 ? "One piece" : `${skipped} pieces`} of SSML not used as written (listed below).`;
      setIgnored(generated.ignored);
      setNotice((over ? `Ready: the job has finished, ${counted}.` : `Ready: ${generated.words.length} words.`) + aside);
      window.requestAnimationFrame(() => resultRef.current?.scrollIntoView({ block: "nearest", behavior: "smooth" }));
    } catch (error) {
      if (isAbort(error) || controller.signal.aborted) {
        setNotice("Cancelled. Nothing more is rendered for this request.");
      } else if (error instanceof ApiError && error.code === INVALID_SSML) {
        setErrors({ text: plainMessage(error) });
        const { line, column } = error.details;
        if (typeof line === "number" && typeof column === "number") {
          setSsmlRefused({ line, column });
          showPosition(order.text, { line, column });
        }
      } else if (error instanceof ApiError) {
        setErrors({ [errorField(error) ?? "general"]: plainMessage(error) });
        setInvalidVoice(typeof error.details.voice === "string" ? error.details.voice : null);
      } else {
        setErrors({ general: `Something went wrong in the browser: ${error instanceof Error ? error.message : String(error)}` });
      }
    } finally {
      setJob((j) => (j && j.controller === controller ? null : j));
    }
  };

  const baseUrl = window.location.origin;
  const keyed = { withKey: session.status === "signed-in" };
  const described = (id: string, error?: string) => (error ? `${id}-error ${id}-help` : `${id}-help`);

  return (
    <form className="studio" onSubmit={run} noValidate>
      <section className="studio__editor card" aria-label="Editor">
        <div className="field">
          <div className="field__row">
            <label htmlFor="text">Text</label>
            <div className="field__tools">
              <label className="check check--inline">
                <input type="checkbox" role="switch" checked={ssml} aria-describedby="ssml-help" onChange={(e) => toggleSsml(e.target.checked)} />
                SSML
              </label>
              <span id="text-count" className="char-count" data-testid="char-count">
                {text.length.toLocaleString("en")} / {MAX_CHARS.toLocaleString("en")}
                {over ? " · runs as a job" : ""}
              </span>
            </div>
          </div>
          <textarea
            id="text"
            ref={textRef}
            rows={9}
            value={text}
            className={ssml ? "textarea--code" : undefined}
            spellCheck={ssml ? false : undefined}
            aria-invalid={errors.text || ssmlProblem ? true : undefined}
            aria-describedby={`${described("text", errors.text)}${ssmlProblem ? " ssml-error" : ""} text-count`}
            onChange={(e) => editText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) void run();
            }}
          />
          <FieldError id="text-error" message={errors.text ?? null} />
          {ssmlRefused && !ssmlProblem ? <SsmlMarker text={text} position={ssmlRefused} /> : null}
          {ssml ? <SsmlCheck id="ssml-error" text={checkedText} problem={ssmlProblem} /> : null}
          <p id="text-help" className="help">
            Up to {MAX_CHARS.toLocaleString("en")} characters are generated right away, word by word. Longer texts go
            through a job on the server, with a progress bar, and play word by word too. Ctrl+Enter generates.
          </p>
          <p id="ssml-help" className="help">
            {ssml ? (
              <>
                SSML is on: the text is a <code>&lt;speak&gt;</code> document (pauses, emphasis, rate, pronunciations), checked
                as you type.
              </>
            ) : (
              <>
                Turn on SSML to write markup such as <code>&lt;break time="1s"/&gt;</code>.
              </>
            )}
          </p>
        </div>
        <div className="field read-as">
          <label htmlFor="read-as">Read as</label>
          <select id="read-as" value={language} aria-describedby="read-as-help" onChange={(e) => setLanguage(e.target.value)}>
            <option value="">The voice's language</option>
            {READING_LANGUAGES.map(({ tag, name }) => (
              <option key={tag} value={tag}>
                {name}
              </option>
            ))}
          </select>
          <p id="read-as-help" className="help">
            The rules the text is read with: spelling, numbers, dates. Each voice reads its own language unless you choose
            another.
          </p>
        </div>
        <div className="generate-bar">
          <button
            type="submit"
            className="button button--primary"
            disabled={job !== null || ssmlProblem !== null}
            aria-describedby={ssmlProblem ? "ssml-error" : undefined}
          >
            {job ? "Generating…" : "Generate"}
          </button>
          {job ? (
            <Progress
              share={job.share}
              startedAt={job.startedAt}
              label={job.long ? (job.status === "queued" ? "Job queued" : "Rendering job") : "Generating"}
              onCancel={() => job.controller.abort()}
            />
          ) : null}
          <span className="muted small" role="status">
            {notice}
          </span>
        </div>
        <FieldError id="general-error" message={errors.general ?? null} />
        <SsmlIgnored items={ignored} />
      </section>

      <aside className="studio__settings card" aria-label="Voice and audio settings">
        <div className="segmented" role="radiogroup" aria-label="Voice mode">
          {(["single", "blend"] as const).map((m) => (
            <label key={m} className={`segmented__option${mode === m ? " segmented__option--on" : ""}`}>
              <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
              {m === "single" ? "One voice" : "Blend"}
            </label>
          ))}
        </div>
        {mode === "single" ? (
          <VoicePicker value={voice} onChange={setVoice} error={errors.voice ?? null} />
        ) : (
          <BlendBuilder parts={parts} onChange={setParts} error={errors.voice ?? null} invalidVoice={invalidVoice} />
        )}


        <div className="field">
          <div className="field__row">
            <label htmlFor="speed">Speed</label>
            <output htmlFor="speed" className="value">
              {speed.toFixed(2)}×
            </output>
          </div>
          <input
            id="speed"
            type="range"
            min={minSpeed}
            max={maxSpeed}
            step={0.05}
            value={speed}
            aria-describedby={described("speed", errors.speed)}
            aria-valuetext={`${speed.toFixed(2)} times`}
            onChange={(e) => setSpeed(Number(e.target.value))}
          />
          <p id="speed-help" className="help">
            {minSpeed}× to {maxSpeed}×
          </p>
          <FieldError id="speed-error" message={errors.speed ?? null} />
        </div>

        <details className="advanced">
          <summary>Advanced</summary>
          <label className="check">
            <input type="checkbox" checked={wideSpeed} onChange={(e) => setWideSpeed(e.target.checked)} />
            Wider speed range (0.25× to 4×)
          </label>
          <label className="check">
            <input type="checkbox" checked={jobTimings} aria-describedby="job-timings-help" onChange={(e) => setJobTimings(e.target.checked)} />
            Word timings for long texts
          </label>
          <p id="job-timings-help" className="help">
            Over {MAX_CHARS.toLocaleString("en")} characters, timing every word makes the job take several times longer.
            Turn it off to get the audio alone, sooner.
          </p>
          <div className="field-pair">
            <div className="field field--compact">
              <label htmlFor="format">Format</label>
              <select
                id="format"
                value={format}
                aria-describedby={errors.format ? "format-error" : undefined}
                onChange={(e) => setFormat(e.target.value as AudioFormat)}
              >
                {FORMATS.map((f) => (
                  <option key={f} value={f}>
                    {f.toUpperCase()}
                  </option>
                ))}
              </select>
            </div>
            <div className="field field--compact">
              <label htmlFor="sample-rate">Sample rate</label>
              <select
                id="sample-rate"
                value={sampleRate}
                aria-describedby={errors.sample_rate ? "sample_rate-error" : undefined}
                onChange={(e) => setSampleRate(Number(e.target.value))}
              >
                {sampleRates(format).map((rate) => (
                  <option key={rate} value={rate}>
                    {(rate / 1000).toLocaleString("en")} kHz
                  </option>
                ))}
              </select>
            </div>
          </div>
          <FieldError id="format-error" message={errors.format ?? null} />
          <FieldError id="sample_rate-error" message={errors.sample_rate ?? null} />
        </details>
      </aside>

      <div className="studio__output" ref={resultRef}>
        {result ? (
          <div className="card">
            <h2 className="card__title">Result</h2>
            <p className="muted small">
              {result.order.voice} · {result.order.speed.toFixed(2)}× · {result.order.format.toUpperCase()}{" "}
              {(result.order.sampleRate / 1000).toLocaleString("en")} kHz
              {result.order.language ? ` · read as ${readingLanguageName(result.order.language)}` : ""}
            </p>
            <AudioPlayer
              url={result.url}
              bytes={result.bytes}
              text={result.order.text}
              words={result.words}
              noWords={result.wordsOff ? "Word timings were off for this job (Advanced), so there is nothing to follow along." : undefined}
              downloadName={`vocalis-${result.order.voice.replace(/[^a-z0-9_]+/gi, "-")}.${result.order.format}`}
            />
          </div>
        ) : null}
        <section className="card" aria-labelledby="code-title">
          <h2 className="card__title" id="code-title">
            Use it from code
          </h2>
          <p className="muted small">
            The same request, for your scripts. Both follow the settings above.
            {keyed.withKey ? (
              <>
                {" "}
                They read an API key from <code>{KEY_VARIABLE}</code>: make one on your <Link to={ROUTES.account}>Account</Link> page.
              </>
            ) : null}
          </p>
          <div className="snippet">
            <div className="snippet__head">
              <h3>curl</h3>
              <CopyButton text={curlSnippet(baseUrl, order, keyed)} label="Copy as curl" />
            </div>
            <pre tabIndex={0} role="region" aria-label="curl command">
              <code>{curlSnippet(baseUrl, order, keyed)}</code>
            </pre>
          </div>
          <div className="snippet">
            <div className="snippet__head">
              <h3>Python (openai)</h3>
              <CopyButton text={pythonSnippet(baseUrl, order, keyed)} label="Copy as Python" />
            </div>
            <pre tabIndex={0} role="region" aria-label="Python code">
              <code>{pythonSnippet(baseUrl, order, keyed)}</code>
            </pre>
          </div>
        </section>
      </div>
    </form>
  );
}
