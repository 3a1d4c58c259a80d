import { describe, expect, it } from 'vitest';
import { encodePng } from '../../../manifest/png/encodePng.js';
import { Raster } from '../../../manifest/png/Raster.js';
import { readPng } from '../readPng.js';

describe('encodePng', () => {
  it('round-trips every pixel of an RGBA image, alpha included', () => {
    const image = new Raster(5, 3).fill(0, 0, 5, 3, [10, 20, 30, 255]).fill(1, 1, 2, 1, [255, 255, 255, 128]);
    const decoded = readPng(encodePng(image));
    expect([decoded.width, decoded.height]).toEqual([5, 3]);
    expect([...decoded.pixels]).toEqual([...image.pixels]);
  });

  it('refuses pixel data that does not match the size', () => {
    expect(() => encodePng({ width: 2, height: 2, pixels: new Uint8Array(4) })).toThrow(/expected 16 bytes, got 4/);
  });
});

describe('Raster.fill', () => {
  it('clips a rectangle that runs off the image', () => {
    const raster = new Raster(2, 2).fill(1, 1, 5, 5, [1, 2, 3, 4]);
    expect([...raster.pixels]).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4]);
  });
});
