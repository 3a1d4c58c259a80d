import { Raster, type Rgba } from './png/Raster.js';

/** A rectangle on a 32 x 32 design grid, scaled up for the larger icon. */
type Rect = readonly [x: number, y: number, w: number, h: number];

const white: Rgba = [255, 255, 255, 255];
const accent: Rgba = [0x1f, 0x5c, 0x99, 255]; // manifest accentColor
const amber: Rgba = [0xf2, 0xa9, 0x00, 255];

// A calendar page: two binding rings, a frame with a heading band, and a 3 x 2 grid of slots.
const rings: readonly Rect[] = [[9, 3, 3, 6], [20, 3, 3, 6]];
const frame: readonly Rect[] = [[4, 6, 24, 6], [4, 12, 2, 16], [26, 12, 2, 16], [4, 26, 24, 2]];
const slots: readonly Rect[] = [[8, 15, 4, 3], [14, 15, 4, 3], [20, 15, 4, 3], [8, 21, 4, 3], [14, 21, 4, 3], [20, 21, 4, 3]];
const bookedSlot = 1;

function paint(raster: Raster, rects: readonly Rect[], scale: number, origin: number, colour: Rgba): void {
  for (const [x, y, w, h] of rects) raster.fill(origin + x * scale, origin + y * scale, w * scale, h * scale, colour);
}

/**
 * The colour icon Teams shows in the store and app bar: 192 x 192, full-bleed accent background,
 * a white calendar with one booked slot in amber.
 * @example
 * colourIcon().width //=> 192
 */
export function colourIcon(): Raster {
  const raster = new Raster(192, 192).fill(0, 0, 192, 192, accent);
  const scale = 4;
  const origin = (192 - 32 * scale) / 2;
  paint(raster, [...rings, ...frame, ...slots], scale, origin, white);
  paint(raster, [slots[bookedSlot]!], scale, origin, amber);
  return raster;
}

/**
 * The outline icon for the Teams app bar: 32 x 32, the same calendar in white on a transparent
 * background, as Teams requires (it tints the outline itself).
 * @example
 * outlineIcon().height //=> 32
 */
export function outlineIcon(): Raster {
  const raster = new Raster(32, 32);
  paint(raster, [...rings, ...frame, ...slots], 1, 0, white);
  return raster;
}
