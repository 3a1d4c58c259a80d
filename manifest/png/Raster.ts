import type { RgbaImage } from './encodePng.js';

/** An sRGB colour with alpha, each channel 0-255. */
export type Rgba = readonly [number, number, number, number];

/** A blank RGBA image to paint axis-aligned rectangles on; enough for a flat icon. */
export class Raster implements RgbaImage {
  readonly pixels: Uint8Array;

  constructor(readonly width: number, readonly height: number) {
    this.pixels = new Uint8Array(width * height * 4);
  }

  /** Paints the rectangle [x, x+w) x [y, y+h), clipped to the image; later paint wins. */
  fill(x: number, y: number, w: number, h: number, colour: Rgba): this {
    for (let row = Math.max(0, y); row < Math.min(this.height, y + h); row++) {
      for (let col = Math.max(0, x); col < Math.min(this.width, x + w); col++) this.pixels.set(colour, (row * this.width + col) * 4);
    }
    return this;
  }
}
