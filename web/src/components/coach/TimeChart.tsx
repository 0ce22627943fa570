import { useId, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { linePath, linearScale, niceDomain, stepPath, thin, ticks, type Step, type XY } from "../../lib/coachCharts";
import { clock } from "../../lib/coachLive";

const HEIGHT = 170;
const PAD = { left: 44, right: 12, top: 10, bottom: 28 };
const MAX_POINTS = 600; // more than a chart this wide can show

/** The width of an element in CSS pixels, following resizes (charts are drawn at their real size, so text stays legible). */
export function useWidth<T extends HTMLElement>(fallback = 640) {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setWidth(Math.max(200, Math.floor(element.clientWidth)));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width] as const;
}

export interface Tick {
  /** Position in the frame's coordinates (pixels from its left or top). */
  at: number;
  label: string;
}

interface FrameProps {
  width: number;
  height: number;
  pad: { left: number; right: number; top: number; bottom: number };
  yTicks: readonly Tick[];
  xTicks: readonly Tick[];
  labelledBy: string;
  describedBy: string;
  children: ReactNode;
}

/**
 * The plot as an SVG image (its shapes drawn in the frame's coordinates) with the axis labels as HTML
 * text in the margins around it: text outside the image, on the card's own background, so its contrast
 * can be checked like any other text.
 */
export function ChartFrame({ width, height, pad, yTicks, xTicks, labelledBy, describedBy, children }: FrameProps) {
  const plotWidth = Math.max(1, width - pad.left - pad.right + 4);
  const plotHeight = height - pad.bottom + 2;
  return (
    <div className="chart__frame" style={{ width: `${width}px`, height: `${height}px` }}>
      <svg
        className="chart__plot"
        style={{ left: `${pad.left - 2}px` }}
        width={plotWidth}
        height={plotHeight}
        viewBox={`${pad.left - 2} 0 ${plotWidth} ${plotHeight}`}
        role="img"
        aria-labelledby={labelledBy}
        aria-describedby={describedBy}
      >
        {children}
      </svg>
      <div aria-hidden="true">
        {yTicks.map((tick) => (
          <span key={`y${tick.label}`} className="chart__label chart__label--y" style={{ top: `${tick.at}px`, right: `${width - pad.left + 6}px` }}>
            {tick.label}
          </span>
        ))}
        {xTicks.map((tick) => (
          <span key={`x${tick.label}`} className="chart__label chart__label--x" style={{ left: `${inside(tick, width)}px`, top: `${height - pad.bottom + 8}px` }}>
            {tick.label}
          </span>
        ))}
      </div>
    </div>
  );
}

/** A label's centre, moved in from the edges so no label is cut off (about 7 px a character at 12 px). */
function inside(tick: Tick, width: number): number {
  const half = tick.label.length * 3.6 + 2;
  return Math.min(Math.max(tick.at, half), width - half);
}

export interface Marker {
  at: number;
  /** A span (a long pause) is shaded; a point (a filler) is a tick at the bottom. */
  until?: number;
  kind: "filler" | "pause";
}

interface Props {
  title: string;
  unit: string;
  /** Seconds on the x axis: the talk's length. */
  duration: number;
  line?: readonly XY[];
  steps?: readonly Step[];
  /** The target range, shaded; an open side runs to the edge. */
  band?: readonly [number | null, number | null] | null;
  minSpan?: number;
  /** The lowest value the measure can take (0 for a pace), if any. */
  floor?: number | null;
  markers?: readonly Marker[];
  /** The chart in words (a text alternative, also shown under it). */
  summary: string;
  testId?: string;
}

/** A plain SVG chart of one measure over the talk, with its target band and any markers. */
export function TimeChart({ title, unit, duration, line = [], steps = [], band = null, minSpan = 1, floor = null, markers = [], summary, testId }: Props) {
  const [box, width] = useWidth<HTMLDivElement>();
  const id = useId();
  const values = useMemo(() => [...line.map((p) => p.y), ...steps.map((s) => s.value)], [line, steps]);
  const domain = useMemo(() => niceDomain(values, { include: band ? [band[0], band[1]] : [], minSpan, floor }), [values, band, minSpan, floor]);
  const x = linearScale([0, Math.max(duration, 1)], [PAD.left, width - PAD.right]);
  const y = linearScale(domain, [HEIGHT - PAD.bottom, PAD.top]);
  const shown = useMemo(() => thin(line, MAX_POINTS), [line]);
  const path = steps.length ? stepPath(steps, x, y) : linePath(shown, x, y);
  const xTicks = ticks([0, Math.max(duration, 1)], Math.max(2, Math.floor(width / 110)));
  const yTicks = ticks(domain, 3);
  const bandTop = band ? y(band[1] ?? domain[1]) : 0;
  const bandBottom = band ? y(band[0] ?? domain[0]) : 0;

  return (
    <figure className="chart" data-testid={testId}>
      <figcaption className="chart__title" id={`${id}-title`}>
        {title} <span className="chart__unit">({unit})</span>
      </figcaption>
      <div ref={box} className="chart__box">
        <ChartFrame
          width={width}
          height={HEIGHT}
          pad={PAD}
          yTicks={yTicks.map((v) => ({ at: y(v), label: String(Number(v.toFixed(2))) }))}
          xTicks={xTicks.map((v) => ({ at: x(v), label: clock(v) }))}
          labelledBy={`${id}-title`}
          describedBy={`${id}-summary`}
        >
          {band ? <rect className="chart__band" x={PAD.left} width={width - PAD.left - PAD.right} y={Math.min(bandTop, bandBottom)} height={Math.abs(bandBottom - bandTop)} /> : null}
          {yTicks.map((v) => (
            <line key={`y${v}`} className="chart__grid" x1={PAD.left} x2={width - PAD.right} y1={y(v)} y2={y(v)} />
          ))}
          {markers.map((m, i) =>
            m.kind === "pause" && m.until !== undefined ? (
              <rect key={i} className="chart__pause" x={x(m.at)} width={Math.max(2, x(m.until) - x(m.at))} y={PAD.top} height={HEIGHT - PAD.top - PAD.bottom} />
            ) : (
              <line key={i} className="chart__filler" x1={x(m.at)} x2={x(m.at)} y1={HEIGHT - PAD.bottom} y2={HEIGHT - PAD.bottom - 10} />
            ),
          )}
          <path className="chart__line" d={path} />
          {steps.length === 1 || line.filter((p) => p.y !== null).length === 1
            ? [...steps.map((s) => ({ x: (s.start + s.end) / 2, y: s.value })), ...line.filter((p) => p.y !== null)].map((p, i) => (
                <circle key={i} className="chart__dot" cx={x(p.x)} cy={y(p.y!)} r={3.5} />
              ))
            : null}
        </ChartFrame>
      </div>
      <p className="chart__summary" id={`${id}-summary`}>
        {summary}
      </p>
    </figure>
  );
}
