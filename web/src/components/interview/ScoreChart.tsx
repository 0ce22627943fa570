import { useId } from "react";
import { linePath, linearScale, ticks } from "../../lib/coachCharts";
import { dateOnly } from "../../lib/dates";
import { seriesChange, type Series } from "../../lib/interviewReport";
import { ChartFrame, useWidth } from "../coach/TimeChart";

const HEIGHT = 150;
const PAD = { left: 36, right: 12, top: 10, bottom: 28 };
const DOMAIN: [number, number] = [0, 100];

/** Scores 0-100 over time, one line per series (the coach's chart frame: axis text in HTML, the plot in SVG). */
export function ScoreChart({ title, series, testId }: { title: string; series: readonly Series[]; testId?: string }) {
  const [box, width] = useWidth<HTMLDivElement>(320);
  const id = useId();
  const dates = [...new Set(series.flatMap((s) => s.points.map((p) => p.at)))].sort();
  const index = new Map(dates.map((d, i) => [d, i]));
  const count = dates.length;
  const x = linearScale([0, Math.max(1, count - 1)], [PAD.left + (count === 1 ? (width - PAD.left - PAD.right) / 2 : 0), width - PAD.right]);
  const y = linearScale(DOMAIN, [HEIGHT - PAD.bottom, PAD.top]);
  const summary =
    count === 0
      ? "No completed interview yet."
      : series
          .filter((s) => s.points.length > 0)
          .map((s) => {
            const last = s.points[s.points.length - 1]!.value;
            const change = seriesChange(s);
            return `${s.label}: ${s.points.length} interview${s.points.length === 1 ? "" : "s"}, last ${last}${change === null ? "" : `, ${change >= 0 ? "up" : "down"} ${Math.abs(change)} since the first`}.`;
          })
          .join(" ");
  return (
    <figure className="chart interview-chart" data-testid={testId}>
      <figcaption className="chart__title" id={`${id}-title`}>
        {title}
      </figcaption>
      <div ref={box} className="chart__box">
        <ChartFrame
          width={width}
          height={HEIGHT}
          pad={PAD}
          yTicks={ticks(DOMAIN, 4).map((v) => ({ at: y(v), label: String(v) }))}
          xTicks={count === 0 ? [] : [{ at: x(0), label: dateOnly(dates[0]) }, ...(count > 1 ? [{ at: x(count - 1), label: dateOnly(dates[count - 1]) }] : [])]}
          labelledBy={`${id}-title`}
          describedBy={`${id}-summary`}
        >
          {ticks(DOMAIN, 4).map((v) => (
            <line key={v} className="chart__grid" x1={PAD.left} x2={width - PAD.right} y1={y(v)} y2={y(v)} />
          ))}
          {series.map((s, n) => (
            <g key={s.key} className={`interview-chart__series interview-chart__series--${n % 5}`}>
              <path className="chart__line" d={linePath(s.points.map((p) => ({ x: index.get(p.at) ?? 0, y: p.value })), x, y)} />
              {s.points.map((p) => (
                <circle key={p.id} className="chart__dot" cx={x(index.get(p.at) ?? 0)} cy={y(p.value)} r={3.5} />
              ))}
            </g>
          ))}
        </ChartFrame>
      </div>
      {series.length > 1 ? (
        <ul className="interview-chart__legend" aria-hidden="true">
          {series.map((s, n) => (
            <li key={s.key} className={`interview-chart__key interview-chart__key--${n % 5}`}>
              {s.label}
            </li>
          ))}
        </ul>
      ) : null}
      <p className="chart__summary" id={`${id}-summary`}>
        {summary}
      </p>
    </figure>
  );
}
