import { css } from 'lit';

/** Shared look: large type and strong contrast, readable on a classroom projector. */
export const theme = css`
  :host {
    --ink: #111827;
    --muted: #374151;
    --paper: #ffffff;
    --panel: #f3f4f6;
    --line: #6b7280;
    /* Hairlines between table rows and chart grid lines: seen, never read. */
    --rule: #d1d5db;
    --accent: #1d4ed8;
    --accent-ink: #ffffff;
    --danger: #b91c1c;
    --ok: #166534;
    --warn: #b45309;
    --readback: #9ca3af;
    /* Tinted backgrounds of notes, messages and banners, and of the meter's track. */
    --note-bg: #fffbeb;
    --danger-bg: #fef2f2;
    --accent-bg: #eff6ff;
    --track: #e5e7eb;
    /* Legend keys of chart series, as text: readable on the panel (the lines themselves use data colours). */
    --key-measured: #1d4ed8;
    --key-fit: #92400e;
    /* The checkerboard behind a photo's transparent pixels. */
    --check-a: #d1d5db;
    --check-b: #f9fafb;
    --radius: 10px;
    --focus: 0 0 0 3px #f59e0b;
    color: var(--ink);
    font: inherit;
  }
  /* Screen only: a printed handout is black on white whatever the screen's scheme. */
  @media screen and (prefers-color-scheme: dark) {
    :host {
      --ink: #f3f4f6;
      --muted: #d1d5db;
      --paper: #111827;
      --panel: #1f2937;
      --line: #9ca3af;
      --rule: #4b5563;
      --accent: #93c5fd;
      --accent-ink: #111827;
      --danger: #fca5a5;
      --ok: #86efac;
      --warn: #fcd34d;
      --readback: #9ca3af;
      --note-bg: #3b2f12;
      --danger-bg: #3f1d1d;
      --accent-bg: #172554;
      --track: #374151;
      --key-measured: #93c5fd;
      --key-fit: #fcd34d;
      --check-a: #374151;
      --check-b: #4b5563;
    }
  }
  [hidden] {
    display: none !important;
  }
  button,
  select,
  input,
  label.button,
  a.button {
    font: inherit;
    min-height: 44px;
    border-radius: var(--radius);
  }
  button,
  label.button,
  a.button {
    box-sizing: border-box;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.4em;
    padding: 0.35em 1em;
    border: 2px solid var(--accent);
    background: var(--paper);
    color: var(--accent);
    font-weight: 600;
    cursor: pointer;
    text-decoration: none;
    touch-action: manipulation;
  }
  button.primary {
    background: var(--accent);
    color: var(--accent-ink);
  }
  button.small {
    min-height: 36px;
    padding: 0.1em 0.7em;
    font-size: 0.8em;
  }
  .export {
    display: inline-flex;
    gap: 6px;
  }
  button:disabled {
    border-color: var(--line);
    color: var(--line);
    background: var(--panel);
    cursor: not-allowed;
  }
  select,
  input[type='number'] {
    padding: 0.2em 0.5em;
    border: 2px solid var(--line);
    background: var(--paper);
    color: var(--ink);
  }
  :focus-visible {
    outline: none;
    box-shadow: var(--focus);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;

/** Colours as values, not CSS variables, so an exported SVG keeps them (modes' own are in MODES). */
export const READBACK_COLOUR = '#9ca3af';
export const DECODE_COLOUR = '#6b7280';

/**
 * Lane colours (Okabe–Ito, told apart with colour-blindness too; its black is a mid grey here,
 * seen on a dark panel as well as a light one); lane 9 reuses lane 1's.
 */
export const LANE_COLOURS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#7a6a00', '#7c8591'] as const;
export const laneColour = (lane: number): string => LANE_COLOURS[lane % LANE_COLOURS.length] ?? LANE_COLOURS[0];

/** What every chart shares: a heading row with export buttons, a scalable SVG, a summary. */
export const chartStyles = css`
  :host {
    display: block;
  }
  .head {
    display: flex;
    justify-content: space-between;
    align-items: center;
    gap: 12px;
  }
  h2,
  h3 {
    font-size: 1.1em;
    margin: 0 0 6px;
  }
  svg {
    width: 100%;
    height: auto;
    font-size: 20px;
  }
  .legend {
    display: flex;
    gap: 18px;
    flex-wrap: wrap;
    font-size: 0.8em;
    margin: 4px 0;
  }
  p.summary {
    margin: 6px 0 0;
    font-size: 0.85em;
  }
`;
