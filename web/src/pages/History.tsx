import { useEffect, useState } from "react";
import { ApiError, isAbort, plainMessage } from "../api/client";
import { history, saveBlob, type HistoryItem, type HistoryPage } from "../api/history";
import { ConfirmDialog } from "../components/ConfirmDialog";
import { RequireSession } from "../components/RequireSession";
import { dateTime } from "../lib/dates";
import { loadVoices, useVoices } from "../state/voices";
import { Pager } from "../components/Pager";

const PAGE_SIZE = 20;
const DAYS = [
  { value: "", label: "Any time" },
  { value: "1", label: "Last 24 hours" },
  { value: "7", label: "Last 7 days" },
  { value: "30", label: "Last 30 days" },
];

function message(error: unknown, fallback: string): string {
  return error instanceof ApiError ? plainMessage(error) : fallback;
}

function extension(item: HistoryItem): string {
  return item.format === "pcm" ? "pcm" : item.format;
}

export function History() {
  return (
    <div className="page page--wide">
      <header className="page-header">
        <h1>History</h1>
        <p className="lede">Everything you have generated: listen again, download, export or delete.</p>
      </header>
      <RequireSession what="see your history">
        <HistoryList />
      </RequireSession>
    </div>
  );
}

function HistoryList() {
  const voices = useVoices();
  const [q, setQ] = useState("");
  const [search, setSearch] = useState("");
  const [voice, setVoice] = useState("");
  const [days, setDays] = useState("");
  const [offset, setOffset] = useState(0);
  const [reload, setReload] = useState(0);
  const [page, setPage] = useState<HistoryPage | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [status, setStatus] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<{ ids: string[]; busy: boolean; error: string | null } | null>(null);
  const [playing, setPlaying] = useState<{ id: string; url: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (voices.status === "idle") void loadVoices();
  }, [voices.status]);

  // Search as you type, a moment after the last key.
  useEffect(() => {
    const timer = window.setTimeout(() => {
      setSearch(q);
      setOffset(0);
    }, 300);
    return () => window.clearTimeout(timer);
  }, [q]);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    const since = days ? new Date(Date.now() - Number(days) * 86_400_000).toISOString() : undefined;
    history
      .list({ q: search, voice: voice || undefined, since, limit: PAGE_SIZE, offset }, controller.signal)
      .then((result) => {
        setPage(result);
        setSelected((s) => new Set([...s].filter((id) => result.history.some((item) => item.id === id))));
      })
      .catch((e: unknown) => {
        if (!isAbort(e)) setError(message(e, "Could not load your history. Try again."));
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [search, voice, days, offset, reload]);

  useEffect(() => () => (playing ? URL.revokeObjectURL(playing.url) : undefined), [playing]);

  const items = page?.history ?? [];
  const filtered = Boolean(search.trim() || voice || days);
  const allSelected = items.length > 0 && items.every((item) => selected.has(item.id));

  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const play = async (item: HistoryItem) => {
    setStatus(`Loading the audio of “${item.text.slice(0, 40)}”…`);
    try {
      const blob = await history.audio(item.id);
      setPlaying({ id: item.id, url: URL.createObjectURL(blob) });
      setStatus(null);
    } catch (e) {
      setStatus(message(e, "Could not load the audio. Try again."));
    }
  };

  const download = async (item: HistoryItem) => {
    try {
      saveBlob(await history.audio(item.id), `vocalis-${item.id}.${extension(item)}`);
    } catch (e) {
      setStatus(message(e, "Could not download the audio. Try again."));
    }
  };

  const exportZip = async () => {
    setBusy(true);
    setStatus("Preparing the zip…");
    try {
      const blob = await history.zip([...selected]);
      saveBlob(blob, "vocalis-history.zip");
      setStatus(`Downloaded vocalis-history.zip (${selected.size} item${selected.size === 1 ? "" : "s"}).`);
    } catch (e) {
      setStatus(message(e, "Could not make the zip. Try again."));
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (!confirm) return;
    setConfirm({ ...confirm, busy: true, error: null });
    try {
      if (confirm.ids.length === 1) await history.remove(confirm.ids[0]!);
      else await history.removeMany(confirm.ids);
      if (playing && confirm.ids.includes(playing.id)) setPlaying(null);
      setStatus(confirm.ids.length === 1 ? "Deleted." : `Deleted ${confirm.ids.length} items.`);
      setSelected(new Set());
      setConfirm(null);
      if (items.length <= confirm.ids.length && offset > 0) setOffset(Math.max(0, offset - PAGE_SIZE));
      else setReload((n) => n + 1);
    } catch (e) {
      setConfirm({ ...confirm, busy: false, error: message(e, "Could not delete. Try again.") });
    }
  };

  const total = page?.total ?? 0;
  return (
    <div className="history">
      <div className="card history__filters" role="search" aria-label="Filter history">
        <div className="field field--compact">
          <label htmlFor="history-q">Search text</label>
          <input id="history-q" type="search" value={q} placeholder="Words in the text" onChange={(e) => setQ(e.target.value)} />
        </div>
        <div className="field field--compact">
          <label htmlFor="history-voice">Voice</label>
          <select
            id="history-voice"
            value={voice}
            onChange={(e) => {
              setVoice(e.target.value);
              setOffset(0);
            }}
          >
            <option value="">All voices</option>
            {voices.voices.map((v) => (
              <option key={v.voice_id} value={v.voice_id}>
                {v.name} ({v.voice_id})
              </option>
            ))}
          </select>
        </div>
        <div className="field field--compact">
          <label htmlFor="history-date">Date</label>
          <select
            id="history-date"
            value={days}
            onChange={(e) => {
              setDays(e.target.value);
              setOffset(0);
            }}
          >
            {DAYS.map((d) => (
              <option key={d.value} value={d.value}>
                {d.label}
              </option>
            ))}
          </select>
        </div>
      </div>

      <div className="history__toolbar">
        <label className="check">
          <input
            type="checkbox"
            checked={allSelected}
            disabled={items.length === 0}
            onChange={() => setSelected(allSelected ? new Set() : new Set(items.map((item) => item.id)))}
          />
          Select all on this page
        </label>
        <button type="button" className="button button--small button--secondary" disabled={selected.size === 0 || busy} onClick={() => void exportZip()}>
          Export selected (zip)
        </button>
        <button
          type="button"
          className="button button--small button--danger-outline"
          disabled={selected.size === 0}
          onClick={() => setConfirm({ ids: [...selected], busy: false, error: null })}
        >
          Delete selected{selected.size ? ` (${selected.size})` : ""}
        </button>
        <span className="muted small" role="status" data-testid="history-status">
          {status}
        </span>
      </div>

      {playing ? (
        <div className="card history__player">
          <audio controls autoPlay src={playing.url} data-testid="history-audio" aria-label="History audio" />
        </div>
      ) : null}

      {error ? (
        <div className="notice notice--error" role="alert">
          <p>{error}</p>
          <button type="button" className="button button--small button--secondary" onClick={() => setReload((n) => n + 1)}>
            Try again
          </button>
        </div>
      ) : null}

      {!error && !loading && items.length === 0 ? (
        <div className="card history__empty" data-testid="history-empty">
          <p>
            {filtered
              ? "Nothing matches these filters. Try other words, another voice or any time."
              : "Nothing here yet. What you generate in the Studio will show up here."}
          </p>
        </div>
      ) : null}

      {items.length > 0 ? (
        <ul className="history__list" aria-busy={loading} data-testid="history-list">
          {items.map((item) => (
            <li key={item.id} className={`card history-item${playing?.id === item.id ? " history-item--playing" : ""}`} data-testid="history-item">
              <input
                type="checkbox"
                className="history-item__check"
                checked={selected.has(item.id)}
                onChange={() => toggle(item.id)}
                aria-label={`Select “${item.text.slice(0, 60)}”`}
              />
              <div className="history-item__body">
                <p className="history-item__text">{item.text.length > 280 ? `${item.text.slice(0, 280)}…` : item.text}</p>
                <p className="muted small">
                  {item.voice} · {item.audio_seconds.toFixed(1)} s · {item.format.toUpperCase()} · {item.characters.toLocaleString("en")} characters ·{" "}
                  {dateTime(item.created_at)}
                </p>
              </div>
              <div className="history-item__actions">
                <button type="button" className="button button--small button--secondary" onClick={() => void play(item)}>
                  Play
                </button>
                <button type="button" className="button button--small button--secondary" onClick={() => void download(item)}>
                  Download
                </button>
                <button
                  type="button"
                  className="button button--small button--danger-outline"
                  onClick={() => setConfirm({ ids: [item.id], busy: false, error: null })}
                >
                  Delete
                </button>
              </div>
            </li>
          ))}
        </ul>
      ) : null}

      {total > PAGE_SIZE ? (
        <Pager offset={offset} pageSize={PAGE_SIZE} total={total} hasMore={!!page?.has_more} loading={loading} onOffset={setOffset} />
      ) : page && items.length > 0 ? (
        <p className="muted small">
          {total.toLocaleString("en")} item{total === 1 ? "" : "s"}
        </p>
      ) : null}

      <ConfirmDialog
        open={confirm !== null}
        title={confirm && confirm.ids.length > 1 ? `Delete ${confirm.ids.length} items?` : "Delete this item?"}
        confirmLabel="Delete"
        busy={confirm?.busy ?? false}
        error={confirm?.error ?? null}
        onConfirm={() => void remove()}
        onCancel={() => setConfirm(null)}
      >
        <p>The text and its audio are deleted for good.</p>
      </ConfirmDialog>
    </div>
  );
}
