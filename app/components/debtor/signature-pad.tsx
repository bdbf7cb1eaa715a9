import { useEffect, useRef, useState } from 'react';

const W = 300;
const H = 100;

/**
 * An optional drawn signature: a canvas drawn with a finger, pen or mouse, kept as SVG path data (moves and lines
 * in a 300 x 100 box) in a hidden field. Never required: without JavaScript, or from the keyboard, the typed name
 * signs alone, and the canvas is skipped (it takes no focus).
 */
export function SignaturePad({
  name,
  label,
  clearLabel,
  doneLabel,
}: {
  name: string;
  label: string;
  clearLabel: string;
  doneLabel: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [path, setPath] = useState('');
  const drawing = useRef(false);
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);

  const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const x = Math.min(W, Math.max(0, ((e.clientX - box.left) / box.width) * W));
    const y = Math.min(H, Math.max(0, ((e.clientY - box.top) / box.height) * H));
    return [Math.round(x * 10) / 10, Math.round(y * 10) / 10] as const;
  };
  const draw = (next: string) => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    ctx.clearRect(0, 0, W, H);
    ctx.lineWidth = 2;
    ctx.lineCap = 'round';
    ctx.strokeStyle = '#1f2933';
    ctx.stroke(new Path2D(next || 'M0 0'));
  };

  if (!ready) return null;
  return (
    <div>
      <canvas
        ref={canvas}
        width={W}
        height={H}
        aria-label={label}
        role="img"
        className="h-[100px] w-[300px] max-w-full touch-none rounded-lg border border-dashed border-slate-400 bg-white"
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          drawing.current = true;
          const [x, y] = point(e);
          const next = `${path}M${x} ${y} `;
          setPath(next);
          draw(next);
        }}
        onPointerMove={(e) => {
          if (!drawing.current) return;
          const [x, y] = point(e);
          const next = `${path}L${x} ${y} `;
          if (next.length > 19_000) return;
          setPath(next);
          draw(next);
        }}
        onPointerUp={() => (drawing.current = false)}
      />
      <input type="hidden" name={name} value={path.trim()} />
      <div className="mt-2 flex items-center gap-3">
        <button
          type="button"
          onClick={() => {
            setPath('');
            draw('');
          }}
          className="rounded-lg border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50"
        >
          {clearLabel}
        </button>
        <span aria-live="polite" className="text-sm text-slate-700">
          {path ? doneLabel : ''}
        </span>
      </div>
    </div>
  );
}
