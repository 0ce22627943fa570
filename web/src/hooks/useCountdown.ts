import { useEffect, useState } from "react";

/** Whole seconds left until `until` (a Date.now() time), ticking each second; 0 once it has passed. */
export function useCountdown(until: number | null): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (until === null) return;
    setNow(Date.now());
    const tick = window.setInterval(() => {
      setNow(Date.now());
      if (Date.now() >= until) window.clearInterval(tick);
    }, 1000);
    return () => window.clearInterval(tick);
  }, [until]);
  return until === null ? 0 : Math.max(0, Math.ceil((until - now) / 1000));
}
