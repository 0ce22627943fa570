import { linePath, linearScale, niceDomain } from "../../lib/coachCharts";
import { paceGauge, volumeLevel, VOLUME_RANGE, PITCH_WINDOW_S, type MetricsUpdate, type PitchPoint } from "../../lib/coachLive";

const WIDTH = 240;
const HEIGHT = 56;

/** Words per minute on a gauge with the target band shaded. */
export function PaceGauge({ metrics }: { metrics: MetricsUpdate | null }) {
  const band = metrics?.target_wpm ?? [130, 160];
  const wpm = metrics?.words_per_minute ?? null;
  const gauge = paceGauge(wpm, band);
  const verdict = gauge.verdict === null ? "waiting for enough words" : gauge.verdict === "in range" ? "in the target range" : gauge.verdict === "fast" ? "faster than the target" : "slower than the target";
  return (
    <section className={`meter-card meter-card--${gauge.verdict?.replace(" ", "-") ?? "idle"}`} aria-labelledby="meter-pace-title" data-testid="meter-pace">
      <h3 id="meter-pace-title" className="meter-card__title">
        Pace
      </h3>
      <p className="meter-card__value">
        <span data-testid="meter-pace-value">{wpm === null ? "—" : Math.round(wpm)}</span> <span className="meter-card__unit">words/min</span>
      </p>
      <div
        className="gauge"
        role="meter"
        aria-labelledby="meter-pace-title"
        aria-valuemin={gauge.min}
        aria-valuemax={gauge.max}
        aria-valuenow={Math.round(Math.min(gauge.max, Math.max(gauge.min, wpm ?? gauge.min)))}
        aria-valuetext={wpm === null ? "No pace yet" : `${Math.round(wpm)} words per minute, ${verdict}`}
      >
        <span className="gauge__band" style={{ left: `${gauge.bandFrom * 100}%`, width: `${(gauge.bandTo - gauge.bandFrom) * 100}%` }} />
        {gauge.position !== null ? <span className="gauge__needle" style={{ left: `${gauge.position * 100}%` }} /> : null}
      </div>
      <p className="meter-card__note">
        Target {band[0]}–{band[1]} · {wpm === null ? "measured over the last minute" : verdict}
      </p>
    </section>
  );
}

/** How many fillers so far, how often, and the last one heard. */
export function FillerCounter({ metrics, language }: { metrics: MetricsUpdate | null; language: string }) {
  const count = metrics?.filler_count ?? 0;
  return (
    <section className="meter-card" aria-labelledby="meter-fillers-title" data-testid="meter-fillers">
      <h3 id="meter-fillers-title" className="meter-card__title">
        Fillers
      </h3>
      <p className="meter-card__value">
        <span data-testid="meter-fillers-count">{count}</span> <span className="meter-card__unit">{metrics?.fillers_per_minute != null ? `· ${metrics.fillers_per_minute.toFixed(1)} a minute` : "so far"}</span>
      </p>
      <p className="meter-card__note">
        {metrics?.last_filler ? (
          <>
            Last: <q lang={language} data-testid="meter-last-filler">{metrics.last_filler}</q>
          </>
        ) : (
          "“Um”, “uh”, “like”, “you know”… are counted."
        )}
      </p>
    </section>
  );
}

/** Momentary loudness on a meter with the comfortable speech range shaded. */
export function VolumeMeter({ metrics }: { metrics: MetricsUpdate | null }) {
  const lufs = metrics?.loudness_lufs ?? null;
  const level = volumeLevel(lufs);
  const at = (v: number) => ((v - VOLUME_RANGE.min) / (VOLUME_RANGE.max - VOLUME_RANGE.min)) * 100;
  const words = { silent: "silence", quiet: "too quiet", good: "good", loud: "loud" }[level.verdict];
  return (
    <section className={`meter-card meter-card--${level.verdict}`} aria-labelledby="meter-volume-title" data-testid="meter-volume">
      <h3 id="meter-volume-title" className="meter-card__title">
        Volume
      </h3>
      <p className="meter-card__value">
        {lufs === null ? "—" : lufs.toFixed(0)} <span className="meter-card__unit">LUFS</span>
      </p>
      <div
        className="gauge gauge--level"
        role="meter"
        aria-labelledby="meter-volume-title"
        aria-valuemin={VOLUME_RANGE.min}
        aria-valuemax={VOLUME_RANGE.max}
        aria-valuenow={Math.round(Math.min(VOLUME_RANGE.max, Math.max(VOLUME_RANGE.min, lufs ?? VOLUME_RANGE.min)))}
        aria-valuetext={lufs === null ? "Silence" : `${lufs.toFixed(0)} LUFS, ${words}`}
      >
        <span className="gauge__band" style={{ left: `${at(VOLUME_RANGE.low)}%`, width: `${at(VOLUME_RANGE.high) - at(VOLUME_RANGE.low)}%` }} />
        <span className="gauge__fill" style={{ width: `${level.fraction * 100}%` }} />
      </div>
      <p className="meter-card__note">Speech carries best between −30 and −12 · {words}</p>
    </section>
  );
}

/** The last seconds of pitch as a small line, with its trend. */
export function PitchTrace({ metrics, points }: { metrics: MetricsUpdate | null; points: readonly PitchPoint[] }) {
  const now = metrics?.elapsed_seconds ?? 0;
  const values = points.map((p) => p.hz);
  const domain = niceDomain(values, { minSpan: 60, count: 2 });
  const x = linearScale([now - PITCH_WINDOW_S, now], [0, WIDTH]);
  const y = linearScale(domain, [HEIGHT - 4, 4]);
  const path = linePath(
    points.map((p) => ({ x: p.t, y: p.hz })),
    x,
    y,
  );
  const hz = metrics?.pitch_hz ?? null;
  const trend = metrics?.pitch_trend ?? null;
  const label = hz === null ? "Pitch: no voice right now" : `Pitch ${Math.round(hz)} Hz${trend ? `, ${trend}` : ""}`;
  return (
    <section className="meter-card" aria-labelledby="meter-pitch-title" data-testid="meter-pitch">
      <h3 id="meter-pitch-title" className="meter-card__title">
        Pitch
      </h3>
      <p className="meter-card__value">
        {hz === null ? "—" : Math.round(hz)} <span className="meter-card__unit">Hz{trend ? ` · ${trend}` : ""}</span>
      </p>
      <svg className="trace" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" role="img" aria-label={`${label}. The line shows the last ${PITCH_WINDOW_S} seconds.`}>
        <path d={path} className="trace__line" />
      </svg>
      <p className="meter-card__note">
        {metrics?.pitch_variation_semitones != null ? `Varies ±${metrics.pitch_variation_semitones.toFixed(1)} semitones` : "A lively voice moves up and down."}
      </p>
    </section>
  );
}

/** Speaking or pausing (and for how long), with the pauses counted. */
export function PauseIndicator({ metrics }: { metrics: MetricsUpdate | null }) {
  const pausing = metrics !== null && !metrics.speaking && metrics.current_pause_seconds >= 0.5;
  const long = pausing && metrics.current_pause_seconds >= 2;
  return (
    <section className={`meter-card${long ? " meter-card--long-pause" : ""}`} aria-labelledby="meter-pause-title" data-testid="meter-pause">
      <h3 id="meter-pause-title" className="meter-card__title">
        Pauses
      </h3>
      <p className="meter-card__value">
        <span className={`pause-dot${pausing ? " pause-dot--paused" : metrics?.speaking ? " pause-dot--speaking" : ""}`} aria-hidden="true" />
        {metrics === null ? "—" : pausing ? `Pausing ${metrics.current_pause_seconds.toFixed(1)} s` : metrics.speaking ? "Speaking" : "Quiet"}
      </p>
      <p className="meter-card__note">
        {metrics ? `${metrics.pause_count} pause${metrics.pause_count === 1 ? "" : "s"}, ${metrics.long_pause_count} long (2 s or more)` : "Short pauses help listeners follow."}
      </p>
    </section>
  );
}
