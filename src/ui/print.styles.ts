import { css } from 'lit';

/**
 * The printed handout: the photo before and after, the mode comparison and the experiments'
 * charts with their captions, black on white, with no controls, queue, messages or banners.
 * Shadow DOM keeps page-wide print rules out of each element, so every element that prints
 * something (or something to leave out) adds this to its `styles`; the rules for one element
 * are scoped to it with `:host(tag)`.
 */
export const printStyles = css`
  @media print {
    :host {
      /* The light scheme's colours, whatever the screen's (theme.ts sets the dark ones for screens only). */
      color: #000;
      --ink: #000;
      --muted: #1f2937;
      --paper: #fff;
      --panel: #fff;
      --rule: #9ca3af;
    }
    button,
    select,
    input,
    progress,
    label.button,
    .export,
    dialog {
      display: none !important;
    }
    /* A chart, table or photo is never cut in two by a page break, nor its heading left behind. */
    svg,
    table,
    canvas,
    figure,
    .stage {
      break-inside: avoid;
    }
    h1,
    h2,
    h3 {
      break-after: avoid;
    }

    :host(tl-app) {
      max-width: none;
      padding: 0;
    }
    :host(tl-app) .grid,
    :host(tl-app) .results {
      display: block;
    }
    :host(tl-app) .side,
    :host(tl-app) tl-lesson,
    :host(tl-app) section[aria-label='Compare devices'],
    :host(tl-app) .notes,
    :host(tl-app) .messages,
    :host(tl-app) .pwa,
    :host(tl-app) .status,
    :host(tl-app) .drop,
    :host(tl-app) tl-meter,
    :host(tl-app) tl-help,
    :host(tl-app) .shortcuts,
    :host(tl-app) section[aria-label='Timeline'],
    :host(tl-app) section[aria-label='Wall time chart'],
    :host(tl-app) section[aria-label='Runs'] {
      display: none !important;
    }
    :host(tl-app) .panel {
      background: none;
      padding: 0;
      margin-top: 16px;
    }
    :host(tl-app) section[aria-label='Experiments'] {
      break-before: page;
    }

    :host(tl-viewer) .stage {
      max-height: 45vh;
      border-color: #000;
    }
    :host(tl-viewer) .row {
      display: none;
    }

    :host(tl-compare) .run,
    :host(tl-compare) .progress {
      display: none;
    }

    :host(tl-experiments) .bar,
    :host(tl-experiments) p.progress {
      display: none;
    }

    :host(tl-timeline) p.detail {
      display: none;
    }
  }
`;
