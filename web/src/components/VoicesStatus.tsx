import { loadVoices, type VoicesState } from "../state/voices";

/** Loading and failure states of the voice list, with a way to try again. */
export function VoicesStatus({ state }: { state: VoicesState }) {
  if (state.status === "ready") return null;
  if (state.status === "error") {
    return (
      <div className="notice notice--error" role="alert">
        <p>Couldn't load the voices. {state.error}</p>
        <button type="button" className="button button--small button--secondary" onClick={() => void loadVoices()}>
          Try again
        </button>
      </div>
    );
  }
  return (
    <p className="notice" role="status">
      <span className="spinner" aria-hidden="true" /> Loading voices…
      {state.error ? ` ${state.error} Trying again in ${state.retryIn ?? 1} s.` : null}
    </p>
  );
}
