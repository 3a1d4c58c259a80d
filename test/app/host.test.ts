import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../app/config.js';

describe('loadConfig: HOST and PORT', () => {
  it('leaves HOST unset by default, for the server to choose by mode', () => {
    expect(loadConfig({}).host).toBeUndefined();
  });

  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['::1', '::1'],
    ['[::1]', '::1'],
    ['0.0.0.0', '0.0.0.0'],
    ['localhost', 'localhost'],
    ['bot.council.example', 'bot.council.example'],
  ])('takes HOST=%s', (value, host) => {
    expect(loadConfig({ HOST: value }).host).toBe(host);
  });

  it.each(['not a host!', 'http://127.0.0.1', '127.0.0.1:3978', '-bad.example', 'a'.repeat(254)])('refuses HOST=%s, naming HOST', (value) => {
    expect(() => loadConfig({ HOST: value })).toThrow(/^config: HOST must be an IP address or host name/);
  });

  it('takes PORT=0 (a free port, logged at start-up)', () => {
    expect(loadConfig({ PORT: '0' }).port).toBe(0);
  });
});
