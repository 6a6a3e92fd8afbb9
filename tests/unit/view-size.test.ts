import { describe, expect, it } from 'vitest';
import { DISPLAY_SIDE, displayScale } from '../../src/engine/planes.js';
import { canvasSize, displaySide, viewSide } from '../../src/ui/view-size.js';

describe('the size the photo is shown at', () => {
  it.each([
    { screen: { width: 1280, height: 720 }, ratio: 1, side: 1200, device: 1200 },
    { screen: { width: 1920, height: 1080 }, ratio: 2, side: 1200, device: 2400 },
    { screen: { width: 768, height: 1024 }, ratio: 2, side: 1024, device: 2048 },
    { screen: { width: 390, height: 844 }, ratio: 3, side: 844, device: 1688 },
    { screen: { width: 412, height: 823 }, ratio: 2.625, side: 823, device: 1646 },
    { screen: { width: 0, height: 0 }, ratio: 0.5, side: 1200, device: 1200 },
  ])('on a $screen.width × $screen.height screen at ×$ratio: $side CSS px, $device device px', ({ screen, ratio, side, device }) => {
    expect(viewSide(screen)).toBe(side);
    expect(displaySide(ratio, viewSide(screen))).toBe(device);
  });

  it('fits a large photo into the display side and leaves a small one alone', () => {
    expect(canvasSize({ width: 2400, height: 1600 }, 1, 1200)).toEqual({ width: 1200, height: 800 });
    expect(canvasSize({ width: 1600, height: 2400 }, 2.625, 823)).toEqual({ width: 1097, height: 1646 });
    expect(canvasSize({ width: 640, height: 480 }, 2, 1200)).toEqual({ width: 640, height: 480 });
  });

  it('draws the bitmap the decode worker scaled to the display side without resampling it', () => {
    for (const [w, h, ratio, side] of [
      [2400, 1600, 2.625, 823],
      [4000, 3000, 1, 1200],
      [3000, 4000, 2, 1024],
      [12000, 9000, 2, 1200],
    ] as const) {
      const k = displayScale(w, h, displaySide(ratio, side));
      const shown = { width: Math.max(1, Math.round(w * k)), height: Math.max(1, Math.round(h * k)) };
      expect(canvasSize(shown, ratio, side)).toEqual(shown);
    }
  });

  it('never shows a photo larger than the display cap, whatever the page asks', () => {
    expect(displayScale(8000, 6000, 10_000)).toBeCloseTo(DISPLAY_SIDE / 8000, 12);
    expect(displayScale(800, 600, 10_000)).toBe(1);
  });
});
