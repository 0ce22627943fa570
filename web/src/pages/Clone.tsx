import { useState } from "react";
import type { ClonedVoice } from "../api/voices";
import { CloneForm, EMPTY_DRAFT, type Draft } from "../components/cloning/CloneForm";
import { ClonedVoices } from "../components/cloning/ClonedVoices";
import { CloneView } from "../components/cloning/CloneView";
import { RequireSession } from "../components/RequireSession";
import "../components/cloning/cloning.css";
import { navigate, ROUTES, useLocation } from "../router";
import { refreshVoices } from "../state/voices";

export function Clone() {
  return (
    <div className="page page--wide">
      <header className="page-header">
        <h1>Clone a voice</h1>
        <p className="lede">
          Upload a recording of someone speaking, with their consent, and get a voice that sounds like them: the closest
          match Vocalis can build from its built-in voices, with an honest measure of how close it is. Use it in the Studio
          and in every speech route of the API.
        </p>
      </header>
      <RequireSession what="clone a voice">
        <CloneScreen />
      </RequireSession>
    </div>
  );
}

function CloneScreen() {
  const voiceId = useLocation().searchParams.get("voice");
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
  // The form as it was sent, to start again from it if the clone fails or is cancelled.
  const [sent, setSent] = useState<{ voiceId: string; draft: Draft } | null>(null);
  // The voice on screen as last polled: the list shows it in the same state as the progress card.
  const [live, setLive] = useState<ClonedVoice | null>(null);

  return (
    <div className="clone">
      {voiceId ? (
        <CloneView
          key={voiceId}
          voiceId={voiceId}
          canRestoreDraft={sent?.voiceId === voiceId}
          onVoice={setLive}
          onStartAgain={() => {
            if (sent?.voiceId === voiceId) setDraft(sent.draft);
            navigate(ROUTES.clone);
          }}
        />
      ) : (
        <CloneForm
          draft={draft}
          onDraft={setDraft}
          onAccepted={(accepted) => {
            setSent({ voiceId: accepted.voice_id, draft });
            setDraft(EMPTY_DRAFT);
            navigate(`${ROUTES.clone}?voice=${encodeURIComponent(accepted.voice_id)}`);
            void refreshVoices();
          }}
        />
      )}
      <ClonedVoices current={voiceId} live={live?.voice_id === voiceId ? live : null} />
    </div>
  );
}
