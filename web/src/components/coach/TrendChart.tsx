import { useId } from "react";
import type { MetricProgress } from "../../api/coach";
import { linePath, linearScale, niceDomain, ticks } from "../../lib/coachCharts";
import { formatMetric, metricValue, METRICS, rangeText, TREND_WORDS } from "../../lib/coachReport";
import { dateOnly } from "../../lib/dates";
import { ChartFrame, useWidth } from "./TimeChart";

const HEIGHT = 140;
const PAD = { left: 44, right: 12, top: 10, bottom: 28 };

/** One measure across sessions: its values in time order, the reference range shaded, the goal dashed. */
export function TrendChart({ progress }: { progress: MetricProgress }) {
  const [box, width] = useWidth<HTMLDivElement>(320);
  const id = useId();
  const info = METRICS[progress.metric];
  const values = progress.points.map((p) => metricValue(progress.metric, p.value));
  const reference = progress.reference;
  const goal = progress.goal;
  const scaled = (v: number | null | undefined) => (v === null || v === undefined ? null : metricValue(progress.metric, v));
  const domain = niceDomain(values, { include: [scaled(reference?.low), scaled(reference?.high), scaled(goal?.low), scaled(goal?.high)], minSpan: info.percent ? 10 : 1, count: 3, floor: progress.metric === "speech_lufs" ? null : 0 });
  const count = values.length;
  const x = linearScale([0, Math.max(1, count - 1)], [PAD.left + (count === 1 ? (width - PAD.left - PAD.right) / 2 : 0), width - PAD.right]);
  const y = linearScale(domain, [HEIGHT - PAD.bottom, PAD.top]);
  const path = linePath(
    values.map((v, i) => ({ x: i, y: v })),
    x,
    y,
  );
  const band = reference && (reference.low !== null || reference.high !== null) ? { top: y(scaled(reference.high) ?? domain[1]), bottom: y(scaled(reference.low) ?? domain[0]) } : null;
  const goalLines = [scaled(goal?.low), scaled(goal?.high)].filter((v): v is number => v !== null);
  const titleId = `${id}-title`;

  const summary =
    count === 0
      ? "No session has measured this yet."
      : `${count} session${count === 1 ? "" : "s"}, from ${formatMetric(progress.metric, progress.first?.value)} to ${formatMetric(progress.metric, progress.last?.value)}.` +
        (reference ? ` Reference range ${rangeText(progress.metric, reference.low, reference.high)}, shaded.` : "") +
        (goal ? ` Your goal ${rangeText(progress.metric, goal.low, goal.high)}, dashed.` : "");

  return (
    <section className="card trend-card" aria-labelledby={titleId} data-testid={`trend-${progress.metric}`}>
      <h3 id={titleId} className="trend-card__title">
        {info.label}
      </h3>
      <p className="trend-card__facts">
        <span>
          Last <strong>{formatMetric(progress.metric, progress.last?.value)}</strong>
        </span>
        {progress.best ? (
          <span>
            Best <strong>{formatMetric(progress.metric, progress.best.value)}</strong>
          </span>
        ) : null}
        <span className={`trend trend--${progress.trend.direction}`} data-testid="trend-direction">
          {TREND_WORDS[progress.trend.direction]}
        </span>
      </p>
      <div ref={box} className="chart__box">
        <ChartFrame
          width={width}
          height={HEIGHT}
          pad={PAD}
          yTicks={ticks(domain, 3).map((v) => ({ at: y(v), label: String(Number(v.toFixed(2))) }))}
          xTicks={
            count === 0
              ? []
              : [
                  { at: x(0), label: dateOnly(progress.points[0]!.ended_at) },
                  ...(count > 1 ? [{ at: x(count - 1), label: dateOnly(progress.points[count - 1]!.ended_at) }] : []),
                ]
          }
          labelledBy={titleId}
          describedBy={`${id}-summary`}
        >
          {band ? <rect className="chart__band" x={PAD.left} width={width - PAD.left - PAD.right} y={band.top} height={Math.max(0, band.bottom - band.top)} /> : null}
          {ticks(domain, 3).map((v) => (
            <line key={v} className="chart__grid" x1={PAD.left} x2={width - PAD.right} y1={y(v)} y2={y(v)} />
          ))}
          {goalLines.map((v) => (
            <line key={`goal${v}`} className="chart__goal" x1={PAD.left} x2={width - PAD.right} y1={y(v)} y2={y(v)} />
          ))}
          <path className="chart__line" d={path} />
          {values.map((v, i) => (
            <circle key={i} className="chart__dot" cx={x(i)} cy={y(v)} r={3} />
          ))}
        </ChartFrame>
      </div>
      <p className="chart__summary" id={`${id}-summary`}>
        {summary}
      </p>
      {goal ? (
        <p className="small" data-testid="goal-status">
          Goal {rangeText(progress.metric, goal.low, goal.high)}: met in {goal.met_recent} of your last {goal.recent} session{goal.recent === 1 ? "" : "s"}.
        </p>
      ) : null}
    </section>
  );
}
