import { useMemo, useState } from "react";
import { PreviewButton } from "../components/PreviewButton";
import { RequireSession } from "../components/RequireSession";
import { VoiceFilters } from "../components/VoiceFilters";
import { VoicesStatus } from "../components/VoicesStatus";
import { filterVoices, isCloned, label, languageName, NO_FILTER, usableVoices } from "../lib/voices";
import { Link, ROUTES } from "../router";
import { useFreshClones, useVoices } from "../state/voices";

export function Library() {
  return (
    <div className="page page--wide">
      <header className="page-header">
        <h1>Voices</h1>
        <p className="lede">
          Every voice this server can speak with. Preview one, then use it in the Studio or pass its id as <code>voice</code>{" "}
          in the API. Want one that sounds like someone you know? <Link to={ROUTES.clone}>Clone a voice</Link> from a recording.
        </p>
      </header>
      <RequireSession what="browse and preview the voices">
        <VoiceLibrary />
      </RequireSession>
    </div>
  );
}

function VoiceLibrary() {
  const state = useVoices();
  useFreshClones();
  const [filter, setFilter] = useState(NO_FILTER);
  // Cloned voices join the library once ready; the Clone page follows the ones still cloning.
  const voices = useMemo(() => usableVoices(state.voices), [state.voices]);
  const shown = useMemo(() => filterVoices(voices, filter), [voices, filter]);

  return (
    <>
      <VoicesStatus state={state} />
      {state.status === "ready" ? (
        <>
          <div className="card library__filters">
            <VoiceFilters idPrefix="library" voices={voices} filter={filter} onChange={setFilter} />
            <div className="library__summary">
              <p role="status" data-testid="voice-count">
                {shown.length === voices.length ? `${voices.length} voices` : `${shown.length} of ${voices.length} voices`}
              </p>
              {filter !== NO_FILTER ? (
                <button type="button" className="button button--small button--secondary" onClick={() => setFilter(NO_FILTER)}>
                  Clear filters
                </button>
              ) : null}
            </div>
          </div>
          <ul className="voice-grid" aria-label="Voices">
            {shown.map((voice) => (
              <li key={voice.voice_id} className="voice-card" data-testid="voice-card" data-voice-id={voice.voice_id}>
                <div className="voice-card__head">
                  <h2 className="voice-card__name">{voice.name}</h2>
                  <PreviewButton voice={voice} />
                </div>
                <p className="voice-card__id">
                  {isCloned(voice) ? <span className="tag">{voice.cloning?.is_owner === false ? "Shared clone" : "Your clone"}</span> : null}
                  <code>{voice.voice_id}</code>
                </p>
                <dl className="voice-card__facts">
                  <div>
                    <dt>Language</dt>
                    <dd>
                      {languageName(label(voice, "language"))} <span className="muted">({label(voice, "language")})</span>
                    </dd>
                  </div>
                  <div>
                    <dt>Accent</dt>
                    <dd>{label(voice, "accent")}</dd>
                  </div>
                  <div>
                    <dt>Gender</dt>
                    <dd>{label(voice, "gender")}</dd>
                  </div>
                  <div>
                    <dt>Engine</dt>
                    <dd>
                      {label(voice, "engine")} · {(voice.sample_rate / 1000).toLocaleString("en")} kHz
                    </dd>
                  </div>
                </dl>
                <p className="voice-card__description">{voice.description}</p>
                <Link className="text-link" to={`${ROUTES.studio}?voice=${encodeURIComponent(voice.voice_id)}`}>
                  Use {voice.name} in the Studio <span aria-hidden="true">→</span>
                </Link>
              </li>
            ))}
          </ul>
          {shown.length === 0 ? <p className="notice">No voice matches these filters.</p> : null}
        </>
      ) : null}
    </>
  );
}
