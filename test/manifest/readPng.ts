import { inflateSync } from 'node:zlib';

/** A decoded 8-bit RGBA PNG; enough of a decoder to check what the manifest build draws. */
export interface DecodedPng {
  readonly width: number;
  readonly height: number;
  readonly colourType: number;
  readonly bitDepth: number;
  /** RGBA, row by row; only filled for 8-bit colour type 6. */
  readonly pixels: Uint8Array;
}

const signature = '89504e470d0a1a0a';

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Parses a PNG's chunks and, for 8-bit RGBA, undoes the scanline filters (PNG spec, section 9). */
export function readPng(file: Buffer): DecodedPng {
  if (file.subarray(0, 8).toString('hex') !== signature) throw new Error('not a PNG signature');
  if (file.toString('latin1', 12, 16) !== 'IHDR') throw new Error('first chunk is not IHDR');
  const width = file.readUInt32BE(16);
  const height = file.readUInt32BE(20);
  const bitDepth = file[24]!;
  const colourType = file[25]!;
  const data: Buffer[] = [];
  for (let at = 8; at < file.length; ) {
    const length = file.readUInt32BE(at);
    if (file.toString('latin1', at + 4, at + 8) === 'IDAT') data.push(file.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const pixels = new Uint8Array(width * height * 4);
  if (bitDepth === 8 && colourType === 6) {
    const raw = inflateSync(Buffer.concat(data));
    const stride = width * 4;
    for (let y = 0; y < height; y++) {
      const filter = raw[y * (stride + 1)]!;
      for (let x = 0; x < stride; x++) {
        const value = raw[y * (stride + 1) + 1 + x]!;
        const a = x >= 4 ? pixels[y * stride + x - 4]! : 0;
        const b = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
        const c = x >= 4 && y > 0 ? pixels[(y - 1) * stride + x - 4]! : 0;
        const predictor = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter];
        if (predictor === undefined) throw new Error(`unknown PNG filter ${filter} on row ${y}`);
        pixels[y * stride + x] = (value + predictor) & 0xff;
      }
    }
  }
  return { width, height, colourType, bitDepth, pixels };
}
