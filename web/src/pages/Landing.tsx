import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { api, ApiError, errorField, isAbort, plainMessage } from "../api/client";
import { CopyButton } from "../components/CopyButton";
import { FieldError } from "../components/FieldError";
import { Progress } from "../components/Progress";
import { label, languageName } from "../lib/voices";
import { Link, ROUTES, withNext } from "../router";
import { useSession } from "../state/session";
import { useVoices } from "../state/voices";

const DEMO_MAX = 300;
const INSTALL = "./scripts/serve      # set up .venv (first run) and start the server on http://127.0.0.1:8000\n./scripts/test       # set up .venv with dev extras and run every check";

function DemoBox() {
  const session = useSession();
  if (session.status === "signed-out") {
    return (
      <section className="demo card" aria-labelledby="demo-title" data-testid="demo-sign-in">
        <h2 id="demo-title" className="card__title">
          Try it now
        </h2>
        <p>This server has accounts. Create one in a few seconds to hear any of its voices, right here and in the Studio.</p>
        <p className="button-row">
          <Link to={withNext(ROUTES.signUp, ROUTES.studio)} className="button button--primary">
            Create an account
          </Link>
          <Link to={withNext(ROUTES.signIn, ROUTES.studio)} className="button button--secondary">
            Sign in
          </Link>
        </p>
      </section>
    );
  }
  if (session.status !== "loading") return <DemoForm />;
  return (
    <section className="demo card" aria-labelledby="demo-title">
      <h2 id="demo-title" className="card__title">
        Try it now
      </h2>
      <p className="muted" role="status">
        <span className="spinner" aria-hidden="true" /> Getting the demo ready…
      </p>
    </section>
  );
}

function DemoForm() {
  const voices = useVoices();
  const [text, setText] = useState("Hello! I'm speaking from a server on your own machine. No cloud involved.");
  const [voice, setVoice] = useState("af_heart");
  const [job, setJob] = useState<{ controller: AbortController; startedAt: number } | null>(null);
  const [audioUrl, setAudioUrl] = useState<string | null>(null);
  const [errors, setErrors] = useState<{ text?: string; voice?: string; general?: string }>({});
  const [notice, setNotice] = useState<string | null>(null);
  const audio = useRef<HTMLAudioElement>(null);

  useEffect(() => () => (audioUrl ? URL.revokeObjectURL(audioUrl) : undefined), [audioUrl]);

  const groups = useMemo(() => {
    const byLanguage = new Map<string, typeof voices.voices>();
    for (const v of voices.voices) {
      const tag = label(v, "language");
      byLanguage.set(tag, [...(byLanguage.get(tag) ?? []), v]);
    }
    return [...byLanguage.entries()].sort(([a], [b]) => (a === "en-US" ? -1 : b === "en-US" ? 1 : a.localeCompare(b)));
  }, [voices.voices]);

  const speak = async (event: FormEvent) => {
    event.preventDefault();
    if (job) return;
    setErrors({});
    setNotice(null);
    const controller = new AbortController();
    setJob({ controller, startedAt: Date.now() });
    try {
      const blob = await api.speech({ model: "kokoro", input: text, voice, response_format: "mp3" }, controller.signal);
      setAudioUrl(URL.createObjectURL(blob));
      setNotice("Here it is. Press play if it did not start.");
    } catch (error) {
      if (isAbort(error)) setNotice("Cancelled.");
      else if (error instanceof ApiError) {
        const field = errorField(error);
        setErrors({ [field === "voice" ? "voice" : field === "text" ? "text" : "general"]: plainMessage(error) });
      } else setErrors({ general: "Something went wrong in the browser." });
    } finally {
      setJob(null);
    }
  };

  useEffect(() => {
    if (audioUrl && audio.current) void audio.current.play().catch(() => undefined);
  }, [audioUrl]);

  return (
    <form className="demo card" onSubmit={speak} aria-labelledby="demo-title" noValidate>
      <h2 id="demo-title" className="card__title">
        Try it now
      </h2>
      <div className="field">
        <div className="field__row">
          <label htmlFor="demo-text">Text</label>
          <span className="char-count" id="demo-count">
            {text.length} / {DEMO_MAX}
          </span>
        </div>
        <textarea
          id="demo-text"
          rows={3}
          maxLength={DEMO_MAX}
          value={text}
          aria-describedby={errors.text ? "demo-text-error demo-count" : "demo-count"}
          aria-invalid={errors.text ? true : undefined}
          onChange={(e) => setText(e.target.value)}
        />
        <FieldError id="demo-text-error" message={errors.text ?? null} />
      </div>
      <div className="demo__row">
        <div className="field field--compact demo__voice">
          <label htmlFor="demo-voice">Voice</label>
          <select
            id="demo-voice"
            value={voice}
            aria-describedby={errors.voice ? "demo-voice-error" : undefined}
            onChange={(e) => setVoice(e.target.value)}
          >
            {voices.status !== "ready" ? <option value="af_heart">Heart (American English)</option> : null}
            {groups.map(([tag, list]) => (
              <optgroup key={tag} label={languageName(tag)}>
                {list.map((v) => (
                  <option key={v.voice_id} value={v.voice_id}>
                    {v.name} · {label(v, "gender")}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <button type="submit" className="button button--primary" disabled={job !== null}>
          {job ? "Generating…" : "Speak"}
        </button>
      </div>
      <FieldError id="demo-voice-error" message={errors.voice ?? null} />
      {job ? <Progress share={null} startedAt={job.startedAt} label="Generating" onCancel={() => job.controller.abort()} /> : null}
      <FieldError id="demo-error" message={errors.general ?? null} />
      {audioUrl ? <audio ref={audio} className="demo__audio" controls src={audioUrl} data-testid="demo-audio" /> : null}
      <p className="muted small" role="status">
        {notice}
      </p>
      <p className="muted small">
        This box calls <code>POST /v1/audio/speech</code> on this server, the same route the OpenAI client uses.
      </p>
    </form>
  );
}

const FEATURES = [
  {
    title: "Offline by default",
    body: "Every model the default install uses ships inside a Python package. Nothing is fetched at run time, and your text never leaves the machine.",
  },
  {
    title: "Dozens of voices",
    body: "With its voice packs, the 55 Kokoro v1.0 voices (American and British English, plus Japanese, Mandarin, Spanish, French, Hindi, Italian and Portuguese packs), the very fast hibari voice and an optional Piper voice.",
  },
  {
    title: "APIs you already use",
    body: "OpenAI's POST /v1/audio/speech and ElevenLabs-style /v1/text-to-speech/{voice}: point the official openai client, or your ElevenLabs code, at your own server.",
  },
  {
    title: "Streaming",
    body: "Audio leaves as soon as the first sentence is ready: raw audio streams, server-sent events, NDJSON with timings, and a WebSocket that speaks text as an LLM writes it.",
  },
  {
    title: "Word timestamps",
    body: "A start and end time for every word of your original text, for captions and read-along. Vocalis aligns each sentence with the bundled Whisper tiny.en.",
  },
  {
    title: "Blends, speed, formats",
    body: "Mix voices by weight (af_bella(2)+af_sky(1)), speak at 0.25× to 4×, and get mp3, wav, opus, flac, aac or raw pcm at 8 to 48 kHz.",
  },
];

const COMING = [
  "Spoken interview practice: a voice interviewer, scored answers and replay",
  "Realtime voice conversations through an OpenAI Realtime-compatible API",
];

type Cell = string;
const COMPARISON: { row: string; cells: [Cell, Cell, Cell, Cell] }[] = [
  { row: "Where it runs", cells: ["Your machine, on the CPU", "ElevenLabs' cloud", "Your machine (Docker or Python; CPU or GPU)", "Your machine (Docker; CPU or GPU)"] },
  { row: "Your text leaves your network", cells: ["No", "Yes", "No", "No"] },
  { row: "Licence", cells: ["Apache-2.0 (optional Piper voice: GPL)", "Proprietary service, paid plans", "Apache-2.0", "MIT"] },
  { row: "Models", cells: ["Inside Python packages; nothing downloaded at run time", "Hosted", "Baked into its Docker images; downloaded otherwise", "Downloaded from Hugging Face"] },
  { row: "OpenAI-compatible speech API", cells: ["Yes", "No (its own API)", "Yes", "Yes"] },
  { row: "ElevenLabs-style text-to-speech API", cells: ["Yes", "Yes (the original)", "No", "No"] },
  { row: "Word timestamps", cells: ["Yes", "Yes (character times)", "Yes", "—"] },
  { row: "Weighted voice blends", cells: ["Yes", "—", "Yes", "—"] },
  { row: "Speech to text", cells: ["Yes", "Yes", "No", "Yes"] },
  { row: "Live presentation coaching", cells: ["Yes, offline (French and English)", "No", "No", "No"] },
];

const USE_CASES = [
  { title: "Voice for your app or agent", body: "Give a chatbot, an assistant or a game a voice through an API it may already speak, without per-character fees or sending user text to a third party." },
  { title: "Narration and read-along", body: "Turn articles, lessons and chapters into audio; word timings drive captions, karaoke-style highlighting and subtitles." },
  { title: "Accessibility", body: "Read interfaces and documents aloud on machines with no internet access, such as kiosks, labs and air-gapped networks." },
  { title: "Prototyping", body: "Try voices, speeds and blends in the Studio, then copy the exact curl or Python request into your code." },
];

const FAQ = [
  { q: "Does it need a GPU or an internet connection?", a: "No. Vocalis runs on a laptop CPU and needs the internet only to install its packages. After that it works offline." },
  { q: "Which languages does it speak?", a: "English (American and British), French, Spanish, Italian, Brazilian Portuguese, Mandarin and Japanese voices read text with their own language's rules. The Hindi voices read with the American English rules for now." },
  { q: "Can I use my existing OpenAI or ElevenLabs code?", a: "Yes for speech: point the openai client's base_url at http://your-server/v1, or send ElevenLabs-style requests to /v1/text-to-speech/{voice_id}. The Studio's “Copy as Python” shows a working example." },
  { q: "How long can a text be?", a: "4,096 characters per request on the OpenAI route and 5,000 on the ElevenLabs routes. Longer texts go through jobs, with progress, and land in your history; the command line reads files of any length (vocalis say --file)." },
  { q: "Can it transcribe, coach or clone voices?", a: "Yes. It transcribes (OpenAI- and ElevenLabs-compatible), coaches a talk live from your microphone in French or English with a report and your progress over time, and clones a consented voice sample into a voice built from its own. Interview practice is next." },
  { q: "Is it free?", a: "Yes. The core is Apache-2.0 and so are the models it installs by default. The optional Piper voice is GPL and stays out of the default install." },
];

export function Landing() {
  const voices = useVoices();
  return (
    <>
      <div className="landing">
        <section className="hero">
          <div className="hero__text">
            <p className="eyebrow">Self-hosted text to speech</p>
            <h1>Natural speech from text, on your own machine.</h1>
            <p className="lede">
              Vocalis is an open-source voice server and studio. Dozens of voices, OpenAI- and ElevenLabs-compatible APIs,
              streaming and word timestamps, running offline on a laptop CPU.
            </p>
            <div className="hero__actions">
              <Link to={ROUTES.studio} className="button button--primary button--large">
                Open the Studio
              </Link>
              <Link to={ROUTES.library} className="button button--secondary button--large">
                Browse {voices.status === "ready" ? voices.voices.length : ""} voices
              </Link>
            </div>
          </div>
          <DemoBox />
        </section>

        <section className="section" aria-labelledby="features-title">
          <h2 id="features-title">What it does today</h2>
          <ul className="feature-grid">
            {FEATURES.map((f) => (
              <li key={f.title} className="feature">
                <h3>{f.title}</h3>
                <p>{f.body}</p>
              </li>
            ))}
          </ul>
        </section>

        <section className="section section--tinted" aria-labelledby="coming-title">
          <h2 id="coming-title">Coming next</h2>
          <p className="muted">On the roadmap, not in this version. We will not claim them until they work.</p>
          <ul className="coming-list">
            {COMING.map((c) => (
              <li key={c}>
                <span className="tag">Coming</span> {c}
              </li>
            ))}
          </ul>
        </section>

        <section className="section" aria-labelledby="compare-title">
          <h2 id="compare-title">How it compares</h2>
          <p className="muted">
            From each project's own documentation. “—” means we did not find it there; check their sites for the latest.
          </p>
          <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="compare-title">
            <table className="compare">
              <thead>
                <tr>
                  <th scope="col">
                    <span className="visually-hidden">Feature</span>
                  </th>
                  <th scope="col" className="compare__us">
                    Vocalis
                  </th>
                  <th scope="col">ElevenLabs (hosted)</th>
                  <th scope="col">Kokoro-FastAPI (self-hosted)</th>
                  <th scope="col">speaches (self-hosted)</th>
                </tr>
              </thead>
              <tbody>
                {COMPARISON.map(({ row, cells }) => (
                  <tr key={row}>
                    <th scope="row">{row}</th>
                    {cells.map((cell, i) => (
                      <td key={i} className={i === 0 ? "compare__us" : undefined}>
                        {cell}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted small">
            Measured in this repository (<code>python -m bench.tts --quick</code>, one run on a 2-core CPU): Kokoro took 0.43 s
            per second of speech for a 56-word paragraph, hibari 0.008 s.
          </p>
        </section>

        <section className="section" aria-labelledby="uses-title">
          <h2 id="uses-title">Use cases</h2>
          <ul className="feature-grid feature-grid--two">
            {USE_CASES.map((u) => (
              <li key={u.title} className="feature">
                <h3>{u.title}</h3>
                <p>{u.body}</p>
              </li>
            ))}
          </ul>
        </section>

        <section className="section section--tinted" aria-labelledby="install-title">
          <h2 id="install-title">Install</h2>
          <p>
            Needs Python 3.11+ and access to PyPI (Node.js 20.19+ builds this web app; without it you get the API only).
            From a clone of the repository:
          </p>
          <div className="snippet">
            <div className="snippet__head">
              <h3>Shell</h3>
              <CopyButton text={INSTALL} label="Copy commands" />
            </div>
            <pre tabIndex={0} role="region" aria-label="Install commands">
              <code>{INSTALL}</code>
            </pre>
          </div>
          <p className="muted small">
            Then open <code>http://127.0.0.1:8000</code>. The API reference is at <a href="/docs">/docs</a>.
          </p>
        </section>

        <section className="section" aria-labelledby="faq-title">
          <h2 id="faq-title">Questions</h2>
          <div className="faq">
            {FAQ.map((item) => (
              <details key={item.q}>
                <summary>{item.q}</summary>
                <p>{item.a}</p>
              </details>
            ))}
          </div>
        </section>
      </div>
    </>
  );
}
