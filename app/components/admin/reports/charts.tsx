import { useId } from 'react';

/** Bar colours: each at least 3:1 against white (WCAG 1.4.11), darker as debts age. */
export const AGE_COLOURS = ['#185a4b', '#92400e', '#c2410c', '#b91c1c', '#7f1d1d'];

type Bar = { label: string; value: number; text: string };

/**
 * Horizontal bars, rendered on the server as SVG: a title and a description for assistive technology (which also
 * get the table the page shows beside it); the labels and amounts are drawn as text, never only as colour.
 */
export function HorizontalBars({
  title,
  description,
  bars,
  colours = AGE_COLOURS,
}: {
  title: string;
  description: string;
  bars: Bar[];
  colours?: string[];
}) {
  const id = useId();
  const max = Math.max(1, ...bars.map((b) => b.value));
  const row = 34;
  const labelWidth = 120;
  const width = 640;
  const barSpace = width - labelWidth - 150;
  return (
    <svg
      role="img"
      aria-labelledby={`${id}-t ${id}-d`}
      viewBox={`0 0 ${width} ${bars.length * row + 8}`}
      className="h-auto w-full max-w-3xl"
    >
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>{description}</desc>
      {bars.map((b, i) => {
        const w = b.value > 0 ? Math.max(2, Math.round((b.value / max) * barSpace)) : 0;
        const y = i * row + 4;
        return (
          <g key={b.label}>
            <text x={0} y={y + 18} fontSize="13" fill="#0f172a">
              {b.label}
            </text>
            <rect x={labelWidth} y={y + 4} width={w} height={20} rx={3} fill={colours[i % colours.length]} />
            <text x={labelWidth + w + 8} y={y + 18} fontSize="13" fill="#0f172a">
              {b.text}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** Vertical bars for a short series (months), same rules as HorizontalBars. */
export function ColumnChart({
  title,
  description,
  bars,
}: {
  title: string;
  description: string;
  bars: Bar[];
}) {
  const id = useId();
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = 140;
  const col = 70;
  return (
    <svg
      role="img"
      aria-labelledby={`${id}-t ${id}-d`}
      viewBox={`0 0 ${bars.length * col} ${height + 24}`}
      className="h-auto w-full max-w-md"
    >
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>{description}</desc>
      <line x1={0} x2={bars.length * col} y1={height} y2={height} stroke="#64748b" />
      {bars.map((b, i) => {
        const h = b.value > 0 ? Math.max(2, Math.round((b.value / max) * (height - 8))) : 0;
        return (
          <g key={b.label}>
            <rect x={i * col + 14} y={height - h} width={col - 28} height={h} rx={3} fill="#185a4b" />
            <text x={i * col + col / 2} y={height + 17} fontSize="12" textAnchor="middle" fill="#0f172a">
              {b.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
