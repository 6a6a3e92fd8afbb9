import { css } from 'lit';

/** The lab's page layout: photo and controls side by side, results below. */
export const appStyles = css`
      :host { display: block; max-width: 1600px; margin: 0 auto; padding: 12px 20px 40px; }
      header { display: flex; align-items: baseline; gap: 16px; flex-wrap: wrap; margin-bottom: 8px; }
      h1 { margin: 0; font-size: 1.6em; letter-spacing: -0.01em; }
      header p { margin: 0; color: var(--muted); }
      .grid { display: grid; grid-template-columns: minmax(0, 1fr) 400px; gap: 20px; align-items: start; }
      .results { grid-column: 1 / -1; display: grid; gap: 20px; }
      @media (max-width: 1000px) {
        .grid { grid-template-columns: minmax(0, 1fr); }
      }
      aside, .panel { background: var(--panel); border-radius: var(--radius); padding: 14px 16px; }
      aside { display: grid; gap: 16px; }
      aside h2 { font-size: 1em; margin: 0 0 6px; }
      .notes, .messages { display: grid; gap: 8px; margin-bottom: 10px; }
      .note { border-left: 6px solid var(--warn); background: var(--note-bg); padding: 8px 12px; border-radius: 6px; font-size: 0.85em; }
      .message { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: 8px 12px;
        border-left: 6px solid var(--danger); background: var(--danger-bg); padding: 6px 12px; border-radius: 6px; }
      .message button { min-height: 36px; padding: 0 0.8em; border-color: var(--danger); color: var(--danger); }
      .message details { font-size: 0.9em; margin-top: 4px; }
      .message details ul { margin: 4px 0 0; padding-left: 1.2em; }
      .message .text { flex: 1 1 16em; min-width: 0; }
      .banner { display: flex; align-items: center; gap: 12px; flex-wrap: wrap; margin: 0 0 10px;
        border-left: 6px solid var(--accent); background: var(--accent-bg); padding: 6px 12px; border-radius: 6px; }
      .banner span { flex: 1; }
      .status { margin-top: 10px; font-size: 1.05em; font-weight: 600; min-height: 1.5em; }
      .drop { position: fixed; inset: 0; display: grid; place-items: center; background: rgb(29 78 216 / 80%);
        color: #fff; font-size: 2em; font-weight: 700; z-index: 10; pointer-events: none; }
      .dl { width: 100%; }
      tl-meter { margin-top: 12px; }
    `;
