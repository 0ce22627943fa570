import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { accounts, KEY_SCOPES, type ApiKey, type NewApiKey } from "../../api/accounts";
import { ApiError, isAbort, plainMessage } from "../../api/client";
import { dateTime } from "../../lib/dates";
import { fieldMessage } from "../../lib/forms";
import { ConfirmDialog } from "../ConfirmDialog";
import { CopyButton } from "../CopyButton";
import { FieldError } from "../FieldError";
import { TextField } from "../TextField";

type Scope = (typeof KEY_SCOPES)[number]["value"];

export function ApiKeysCard() {
  const [keys, setKeys] = useState<ApiKey[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [created, setCreated] = useState<NewApiKey | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const [revokeBusy, setRevokeBusy] = useState(false);
  const [revokeError, setRevokeError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const listTitle = useRef<HTMLHeadingElement>(null);

  const load = useCallback(async (signal?: AbortSignal) => {
    try {
      setKeys(await accounts.keys(signal));
      setLoadError(null);
    } catch (e) {
      if (isAbort(e)) return;
      setLoadError(e instanceof ApiError ? plainMessage(e) : "Could not load your keys.");
    }
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  const revoke = async () => {
    if (!revoking) return;
    setRevokeBusy(true);
    setRevokeError(null);
    try {
      await accounts.revokeKey(revoking.id);
      setStatus(`Revoked “${revoking.name}”. It no longer works.`);
      setRevoking(null);
      await load();
      listTitle.current?.focus();
    } catch (e) {
      setRevokeError(e instanceof ApiError ? plainMessage(e) : "Could not revoke the key. Try again.");
    } finally {
      setRevokeBusy(false);
    }
  };

  const active = keys?.filter((k) => !k.revoked_at) ?? [];
  const revoked = keys?.filter((k) => k.revoked_at) ?? [];

  return (
    <section className="card account-card account-card--wide" aria-labelledby="keys-title">
      <h2 id="keys-title" className="card__title">
        API keys
      </h2>
      <p className="muted small">
        For scripts and apps: send a key as <code>Authorization: Bearer …</code> or <code>xi-api-key</code>. A key can do only
        what its scopes allow.
      </p>
      <NewKeyForm
        onCreated={(key) => {
          setCreated(key);
          setStatus(null);
          void load();
        }}
      />
      {created ? (
        <NewKeyPanel
          created={created}
          onDone={() => {
            setCreated(null);
            listTitle.current?.focus();
          }}
        />
      ) : null}

      <h3 ref={listTitle} tabIndex={-1} className="subheading">
        Your keys
      </h3>
      <p className="muted small" role="status" data-testid="keys-status">
        {status}
      </p>
      {loadError ? (
        <div className="notice notice--error" role="alert">
          <p>{loadError}</p>
          <button type="button" className="button button--small button--secondary" onClick={() => void load()}>
            Try again
          </button>
        </div>
      ) : keys === null ? (
        <p className="muted">Loading your keys…</p>
      ) : keys.length === 0 ? (
        <p className="muted" data-testid="no-keys">
          No keys yet.
        </p>
      ) : (
        <ul className="key-list" aria-label="API keys" data-testid="key-list">
          {[...active, ...revoked].map((key) => (
            <li key={key.id} className={`key-item${key.revoked_at ? " key-item--revoked" : ""}`} data-testid="key-item">
              <div className="key-item__head">
                <strong className="key-item__name">{key.name}</strong>
                <span className="key-item__prefix">
                  <span className="visually-hidden">Key starting </span>
                  <code>{key.prefix}…</code>
                </span>
                {key.revoked_at ? (
                  <span className="tag tag--muted">Revoked</span>
                ) : (
                  <button
                    type="button"
                    className="button button--small button--danger-outline"
                    aria-label={`Revoke key ${key.name}`}
                    onClick={() => {
                      setRevokeError(null);
                      setRevoking(key);
                    }}
                  >
                    Revoke
                  </button>
                )}
              </div>
              <dl className="facts facts--inline">
                <div>
                  <dt>Scopes</dt>
                  <dd>{scopeList(key.scopes)}</dd>
                </div>
                <div>
                  <dt>Created</dt>
                  <dd>{dateTime(key.created_at)}</dd>
                </div>
                <div>
                  <dt>{key.revoked_at ? "Revoked" : "Last used"}</dt>
                  <dd>{key.revoked_at ? dateTime(key.revoked_at) : dateTime(key.last_used_at)}</dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke “${revoking?.name ?? ""}”?`}
        confirmLabel="Revoke key"
        busy={revokeBusy}
        error={revokeError}
        onConfirm={() => void revoke()}
        onCancel={() => setRevoking(null)}
      >
        <p>
          Scripts and apps using <code>{revoking?.prefix}…</code> stop working at once. This cannot be undone; you can make a
          new key any time.
        </p>
      </ConfirmDialog>
    </section>
  );
}

const ORDER: readonly string[] = [...KEY_SCOPES.map((s) => s.value), "admin"];

/** Scopes in the order the form lists them. */
function scopeList(scopes: string[]): string {
  const rank = (scope: string) => (ORDER.includes(scope) ? ORDER.indexOf(scope) : ORDER.length);
  return [...scopes].sort((a, b) => rank(a) - rank(b)).join(", ");
}

function NewKeyForm({ onCreated }: { onCreated: (key: NewApiKey) => void }) {
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<Set<Scope>>(new Set(KEY_SCOPES.map((s) => s.value)));
  const [errors, setErrors] = useState<{ name?: string; scopes?: string; general?: string }>({});
  const [busy, setBusy] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);

  const toggle = (scope: Scope, on: boolean) =>
    setScopes((current) => {
      const next = new Set(current);
      if (on) next.add(scope);
      else next.delete(scope);
      return next;
    });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: typeof errors = {};
    if (!name.trim()) problems.name = "Name the key so you can recognise it later, e.g. “laptop”.";
    if (scopes.size === 0) problems.scopes = "Choose at least one thing the key may do.";
    setErrors(problems);
    if (problems.name) nameRef.current?.focus();
    if (problems.name || problems.scopes) return;
    setBusy(true);
    try {
      const key = await accounts.createKey({ name: name.trim(), scopes: KEY_SCOPES.map((s) => s.value).filter((s) => scopes.has(s)) });
      setName("");
      onCreated(key);
    } catch (e) {
      setErrors({ general: e instanceof ApiError ? fieldMessage(e) : "Something went wrong in the browser. Try again." });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate className="key-form" aria-label="Create an API key">
      <TextField id="key-name" label="Key name" value={name} onValue={setName} error={errors.name} inputRef={nameRef} maxLength={100} help="To recognise it later, e.g. “laptop”." />
      <fieldset aria-describedby={errors.scopes ? "key-scopes-error" : undefined}>
        <legend>Scopes</legend>
        <div className="scope-grid">
          {KEY_SCOPES.map((scope) => (
            <label key={scope.value} className="check check--tight">
              <input type="checkbox" checked={scopes.has(scope.value)} onChange={(e) => toggle(scope.value, e.target.checked)} />
              <span>
                {scope.label} <span className="muted small">({scope.help})</span>
              </span>
            </label>
          ))}
        </div>
        <FieldError id="key-scopes-error" message={errors.scopes ?? null} />
      </fieldset>
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? "Creating…" : "Create key"}
      </button>
      <FieldError id="key-error" message={errors.general ?? null} />
    </form>
  );
}

function NewKeyPanel({ created, onDone }: { created: NewApiKey; onDone: () => void }) {
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => title.current?.focus(), [created.id]);
  return (
    <div className="new-key" role="region" aria-labelledby="new-key-title" data-testid="new-key">
      <h3 id="new-key-title" ref={title} tabIndex={-1} className="subheading">
        Your new key “{created.name}”
      </h3>
      <p className="new-key__warning">
        <strong>Copy it now: this is the only time it is shown.</strong> Vocalis keeps only a fingerprint of it. If you lose
        it, revoke it and make a new one.
      </p>
      <div className="new-key__value">
        <input
          type="text"
          readOnly
          value={created.key}
          aria-label="The new API key"
          data-testid="new-key-value"
          onFocus={(e) => e.currentTarget.select()}
        />
        <CopyButton text={created.key} label="Copy key" />
      </div>
      <button type="button" className="button button--secondary button--wrap" onClick={onDone}>
        I have stored it: hide the key
      </button>
    </div>
  );
}
