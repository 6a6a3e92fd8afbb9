import { css, unsafeCSS, type ReactiveController, type ReactiveControllerHost } from 'lit';

/** Type size of chart text in CSS px: charts are drawn one viewBox unit to one pixel, so it is what the reader gets. */
export const CHART_FONT = 16;

/** The charts' type size, for elements that draw with ChartWidth. */
export const chartText = css`
  svg {
    font-size: ${unsafeCSS(CHART_FONT)}px;
  }
`;

/**
 * The width its element is drawn at, in CSS px. Charts draw their viewBox at this width so that
 * text keeps its size on every screen instead of shrinking with the chart, and the layout (label
 * column, bars) is worked out for the space there is.
 */
export class ChartWidth implements ReactiveController {
  width: number;
  private observer: ResizeObserver | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    fallback = 640,
  ) {
    this.width = fallback;
    host.addController(this);
  }

  hostConnected(): void {
    this.observer = new ResizeObserver((entries) => {
      const w = Math.floor(entries[0]?.contentRect.width ?? 0);
      // A change of a pixel or two (a scrollbar coming and going) is not worth a redraw that could bring it back.
      if (w > 0 && Math.abs(w - this.width) > 2) {
        this.width = w;
        this.host.requestUpdate();
      }
    });
    this.observer.observe(this.host);
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = null;
  }
}
