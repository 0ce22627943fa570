import { useEffect, useRef, useState, type FormEvent, type Ref } from "react";
import { ApiError, isAbort, plainMessage } from "../../api/client";
import { clones, type ClonedVoice } from "../../api/voices";
import { score, signed, verdict } from "../../lib/cloning";
import { dateTime } from "../../lib/dates";
import { Link, ROUTES } from "../../router";
import { useVoices } from "../../state/voices";
import { FieldError } from "../FieldError";

const TRY_TEXT = "Hello! This is my new voice. I can read anything you type, in the Studio or through the API.";
const MAX_TRY_CHARS = 500;

/** A bar for a similarity (0-1); the number beside it says the same in text. */
function Bar({ value, kind }: { value: number | null; kind: "clone" | "stock" | "anchor" }) {
  const width = value === null ? 0 : Math.max(0, Math.min(1, value)) * 100;
  return (
    <span className="similarity__track" aria-hidden="true">
      <span className={`similarity__bar similarity__bar--${kind}`} style={{ width: `${width}%` }} />
    </span>
  );
}

/** The finished clone, reported honestly: how close it is next to the closest built-in voice and the ceiling. */
export function CloneResult({ voice, titleRef }: { voice: ClonedVoice; titleRef: Ref<HTMLHeadingElement> }) {
  const voices = useVoices();
  const similarity = voice.similarity;
  const stockId = similarity?.nearest_stock_voice ?? "";
  const stock = voices.voices.find((v) => v.voice_id === stockId);
  const stockName = stock ? `${stock.name} (${stockId})` : stockId;
  const studio = (id: string) => `${ROUTES.studio}?voice=${encodeURIComponent(id)}`;

  return (
    <section className="card clone-view clone-result" aria-labelledby="clone-view-title" data-testid="clone-result">
      <h2 id="clone-view-title" ref={titleRef} tabIndex={-1} className="card__title">
        “{voice.name}” is ready
      </h2>
      <p className="muted small">
        <code>{voice.voice_id}</code> · {[voice.language, voice.gender].filter(Boolean).join(", ")} · made from {Math.round(voice.sample_seconds)} s
        {voice.filename ? ` of ${voice.filename}` : ""}
      </p>

      {similarity ? (
        <>
          <p className={`verdict${voice.recommend_stock ? " verdict--stock" : ""}`} data-testid="clone-verdict">
            <strong>{voice.recommend_stock ? "Recommendation: " : ""}</strong>
            {verdict(similarity, voice.recommend_stock)}
            {voice.recommend_stock ? (
              <>
                {" "}
                <Link to={studio(stockId)}>Use {stock?.name ?? stockId} in the Studio</Link>
              </>
            ) : null}
          </p>
          <h3 className="subheading">Similarity to the sample</h3>
          <dl className="similarity" data-testid="similarity">
            <div className="similarity__row">
              <dt>This clone</dt>
              <dd>
                <Bar value={similarity.clone} kind="clone" />
                <span className="similarity__value" data-testid="similarity-clone">
                  {score(similarity.clone)}
                </span>
              </dd>
            </div>
            <div className="similarity__row">
              <dt>
                Closest built-in voice, <span data-testid="similarity-stock-voice">{stockName}</span>
              </dt>
              <dd>
                <Bar value={similarity.nearest_stock} kind="stock" />
                <span className="similarity__value" data-testid="similarity-stock">
                  {score(similarity.nearest_stock)}
                </span>
              </dd>
            </div>
            <div className="similarity__row">
              <dt>The speaker against themself (what a perfect copy would score)</dt>
              <dd>
                <Bar value={similarity.same_speaker_anchor} kind="anchor" />
                <span className="similarity__value" data-testid="similarity-anchor">
                  {similarity.same_speaker_anchor === null ? "not measured" : score(similarity.same_speaker_anchor)}
                </span>
              </dd>
            </div>
          </dl>
          <p data-testid="similarity-meaning">{similarity.meaning}</p>
          <p className="help">
            Gain over the built-in voice: {signed(similarity.gain)}. Scored by <strong>{similarity.judge}</strong>
            {similarity.independent
              ? ", a speaker encoder the search did not use, on sentences the search never heard."
              : ", the same encoder the search used, so the numbers flatter the clone a little."}{" "}
            1.00 would be the same voice; it is a match built from the built-in voices, never a copy.
          </p>
        </>
      ) : null}

      <TryIt voice={voice} />

      <p className="button-row clone-result__actions">
        <Link to={studio(voice.voice_id)} className="button button--primary">
          Use “{voice.name}” in the Studio
        </Link>
        <Link to={ROUTES.clone} className="button button--secondary">
          Clone another voice
        </Link>
      </p>
      <p className="muted small">
        In code, pass <code>{voice.voice_id}</code> as the voice to any speech route, or in a blend.
      </p>

      <details className="consent-record">
        <summary>Consent on record</summary>
        <dl className="facts">
          <div className="facts__wide">
            <dt>Statement</dt>
            <dd>
              <q>{voice.consent.statement}</q>
            </dd>
          </div>
          <div>
            <dt>Speaker</dt>
            <dd>{voice.consent.speaker ?? "not named"}</dd>
          </div>
          <div>
            <dt>Date stated</dt>
            <dd>{voice.consent.dated ?? "none"}</dd>
          </div>
          <div>
            <dt>Received</dt>
            <dd>{dateTime(voice.consent.recorded_at)}</dd>
          </div>
        </dl>
      </details>
    </section>
  );
}

/** Type a sentence, hear it in the new voice (POST /voices/{id}/synthesize). */
function TryIt({ voice }: { voice: ClonedVoice }) {
  const [text, setText] = useState(TRY_TEXT);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [url, setUrl] = useState<string | null>(null);
  const controller = useRef<AbortController | null>(null);

  useEffect(() => () => controller.current?.abort(), []);
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);

  const speak = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) {
      setError("Type something for the voice to say.");
      return;
    }
    controller.current?.abort();
    const mine = new AbortController();
    controller.current = mine;
    setBusy(true);
    setError(null);
    try {
      const blob = await clones.speak(voice.voice_id, text.trim(), mine.signal);
      setUrl(URL.createObjectURL(blob));
    } catch (e) {
      if (!isAbort(e)) setError(e instanceof ApiError ? plainMessage(e) : "Could not make the audio. Try again.");
    } finally {
      if (controller.current === mine) setBusy(false);
    }
  };

  return (
    <form className="try-it" onSubmit={speak} aria-labelledby="try-it-title" noValidate>
      <h3 id="try-it-title" className="subheading">
        Try it
      </h3>
      <div className="field">
        <label htmlFor="try-text">Sentence for “{voice.name}” to say</label>
        <textarea
          id="try-text"
          rows={2}
          maxLength={MAX_TRY_CHARS}
          value={text}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "try-text-error" : undefined}
          onChange={(event) => setText(event.target.value)}
        />
        <FieldError id="try-text-error" message={error} />
      </div>
      <div className="try-it__bar">
        <button type="submit" className="button button--secondary" disabled={busy}>
          {busy ? "Speaking…" : "Speak"}
        </button>
        {url ? <audio controls autoPlay src={url} data-testid="clone-try-audio" aria-label={`The sentence in the voice ${voice.name}`} /> : null}
      </div>
    </form>
  );
}
