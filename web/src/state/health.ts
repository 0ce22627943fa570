// Is the server there? Polls /health; after a failure polls sooner, backing off, and says so in a banner.
import { useCallback, useEffect, useRef, useState } from "react";

export type HealthStatus = "unknown" | "ok" | "degraded" | "offline";

const HEALTHY_POLL_MS = 30_000;
const FIRST_RETRY_MS = 2_000;
const MAX_RETRY_MS = 30_000;

export function useHealth(): { status: HealthStatus; retryIn: number | null; checkNow: () => void } {
  const [status, setStatus] = useState<HealthStatus>("unknown");
  const [retryAt, setRetryAt] = useState<number | null>(null);
  const [now, setNow] = useState(Date.now());
  const timer = useRef<number | undefined>(undefined);
  const failures = useRef(0);

  const check = useCallback(async () => {
    window.clearTimeout(timer.current);
    let next: HealthStatus;
    try {
      const response = await fetch("/health", { cache: "no-store", signal: AbortSignal.timeout(10_000) });
      next = response.ok ? "ok" : response.status === 503 ? "degraded" : "offline";
    } catch {
      next = "offline";
    }
    setStatus(next);
    failures.current = next === "ok" ? 0 : failures.current + 1;
    const delay = next === "ok" ? HEALTHY_POLL_MS : Math.min(FIRST_RETRY_MS * 2 ** (failures.current - 1), MAX_RETRY_MS);
    setRetryAt(next === "ok" ? null : Date.now() + delay);
    timer.current = window.setTimeout(() => void check(), delay);
  }, []);

  useEffect(() => {
    void check();
    const online = () => void check();
    window.addEventListener("online", online);
    return () => {
      window.clearTimeout(timer.current);
      window.removeEventListener("online", online);
    };
  }, [check]);

  useEffect(() => {
    if (retryAt === null) return;
    const tick = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(tick);
  }, [retryAt]);

  const retryIn = retryAt === null ? null : Math.max(0, Math.ceil((retryAt - now) / 1000));
  return { status, retryIn, checkNow: () => void check() };
}
