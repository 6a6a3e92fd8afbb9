import { css } from 'lit';

/**
 * The lab's page layout. The first screen holds the photo, the filter, the mode and Run at every
 * size: photo and settings side by side on a wide screen, one above the other on a narrow one,
 * with the photo no taller than leaves Run on screen. Results follow; wide content scrolls inside
 * its own panel, never the page.
 */
export const appStyles = css`
      :host {
        display: block; max-width: 1600px; margin: 0 auto; padding: 10px 20px 40px;
        /* Page chrome above and below the photo on a wide screen: header, the viewer's rows, the status line. */
        --chrome: 240px;
        /* Room kept for a lesson card above the photo on a narrow screen while one is shown. */
        --lesson-h: 330px;
      }
      header { display: flex; align-items: baseline; gap: 4px 16px; flex-wrap: wrap; margin-bottom: 8px; }
      h1 { margin: 0; font-size: 1.6em; line-height: 1.2; letter-spacing: -0.01em; }
      header p { margin: 0; color: var(--muted); }
      .grid {
        display: grid; gap: 16px 20px; align-items: start;
        grid-template-columns: minmax(0, 1fr) 450px;
        /* The meter's row takes what the taller settings column leaves, so nothing gapes under the photo. */
        grid-template-rows: auto 1fr auto;
        grid-template-areas: 'photo side' 'meter side' 'results results';
      }
      /* A lesson's card, when one is open, sits at the top of the settings column. */
      .grid:has(tl-lesson) { grid-template-rows: auto auto 1fr auto; grid-template-areas: 'photo lesson' 'photo side' 'meter side' 'results results'; }
      .photo { grid-area: photo; min-width: 0; }
      .side { grid-area: side; min-width: 0; }
      .meter { grid-area: meter; min-width: 0; }
      .results { grid-area: results; min-width: 0; display: grid; grid-template-columns: minmax(0, 1fr); gap: 20px; }
      tl-viewer { --tl-stage-max: calc(100svh - var(--chrome)); }
      tl-lesson { grid-area: lesson; min-width: 0; }
      @media (max-width: 1000px) {
        :host { --chrome: 250px; }
        .grid, .grid:has(tl-lesson) { grid-template-columns: minmax(0, 1fr); grid-template-rows: none; grid-template-areas: 'lesson' 'photo' 'side' 'meter' 'results'; }
        /* One column: the photo shares the first screen with the first row of settings below it. */
        tl-viewer { --tl-stage-max: min(40svh, calc(100svh - var(--chrome))); }
        .grid:has(tl-lesson) tl-viewer { --tl-stage-max: min(30svh, calc(100svh - var(--chrome) - var(--lesson-h))); }
      }
      .side, .panel { background: var(--panel); border-radius: var(--radius); padding: 14px 16px; }
      /* One track that never grows past the column: a long queue of thumbnails scrolls inside it instead of widening the page. */
      .side { display: grid; grid-template-columns: minmax(0, 1fr); gap: 16px; }
      .side h2 { font-size: 1em; margin: 0 0 6px; }
      .panel { min-width: 0; overflow-x: auto; }
      .notes, .messages { display: grid; gap: 8px; margin-bottom: 10px; }
      .notes:empty, .messages:empty { display: none; }
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
      .status { margin: 6px 0 0; font-size: 1.05em; font-weight: 600; min-height: 1.5em; overflow-wrap: anywhere; }
      .drop { position: fixed; inset: 0; display: grid; place-items: center; background: rgb(29 78 216 / 80%);
        color: #fff; font-size: 2em; font-weight: 700; z-index: 10; pointer-events: none; }
      .links { display: flex; flex-wrap: wrap; gap: 10px; }
      .links button { flex: 1 1 12em; }
      @media (max-width: 600px) {
        :host { padding: 8px 12px 32px; }
        h1 { font-size: 1.3em; }
        header p, .status, .banner, .note { font-size: 0.8em; }
        /* Phones seldom have a keyboard, and the line it takes would push Run off the first screen; "?" still opens the list. */
        header .shortcuts { display: none; }
      }
    `;
