import { browserFromBrands, browserFromUserAgent, platformFromUserAgent } from '../core/devices.js';
import type { DeviceInfo } from '../core/record.js';

interface UaBrand {
  readonly brand: string;
  readonly version: string;
}

/** `navigator.userAgentData` (Chromium only; not in TypeScript's DOM types), read defensively. */
function uaData(): { brands: UaBrand[]; platform: string } | null {
  const data: unknown = Reflect.get(navigator, 'userAgentData');
  if (typeof data !== 'object' || data === null) return null;
  const brands: unknown = Reflect.get(data, 'brands');
  const platform: unknown = Reflect.get(data, 'platform');
  if (!Array.isArray(brands)) return null;
  const list: unknown[] = brands;
  return {
    brands: list.flatMap((b) => {
      if (typeof b !== 'object' || b === null) return [];
      const brand: unknown = Reflect.get(b, 'brand');
      const version: unknown = Reflect.get(b, 'version');
      return typeof brand === 'string' && typeof version === 'string' ? [{ brand, version }] : [];
    }),
    platform: typeof platform === 'string' ? platform : '',
  };
}

/** This device as an export records it: the browser's own brand list where it has one, else the user-agent string. */
export function thisDevice(cores: number, simd: boolean): DeviceInfo {
  const data = uaData();
  const ua = navigator.userAgent;
  return {
    cores,
    browser: (data && browserFromBrands(data.brands)) ?? browserFromUserAgent(ua),
    platform: data?.platform || platformFromUserAgent(ua),
    simd,
  };
}
