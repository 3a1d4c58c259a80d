import { describe, expect, it } from 'vitest';
import { isLoopbackHost, isLoopbackHostHeader, isLoopbackUrl } from '../../bot/loopback.js';
import { listenHost } from '../../bot/server.js';

describe('isLoopbackHost', () => {
  it.each(['127.0.0.1', '127.255.0.9', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1', 'localhost', 'LOCALHOST'])('counts %s as loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });
  it.each(['0.0.0.0', '::', '192.0.2.2', '10.0.0.1', '::ffff:10.0.0.1', 'fd00::2', 'localhost.attacker.example', '127.0.0.1.nip.io', 'bot.council.example', ''])(
    'does not count %s',
    (host) => {
      expect(isLoopbackHost(host)).toBe(false);
    },
  );
});

describe('isLoopbackUrl', () => {
  it.each(['http://127.0.0.1:3978/', 'http://localhost:56150/_connector', 'https://[::1]:9/', 'http://[::ffff:127.0.0.1]/', 'http://2130706433/', 'http://0x7f.1/'])(
    'counts %s as this machine',
    (url) => {
      expect(isLoopbackUrl(url)).toBe(true);
    },
  );
  it.each(['https://smba.trafficmanager.net/uk/', 'http://127.0.0.1@attacker.example/', 'http://localhost.attacker.example/', 'ftp://127.0.0.1/', 'file:///etc/passwd', 'not a url', 'http://0.0.0.0/'])(
    'does not count %s',
    (url) => {
      expect(isLoopbackUrl(url)).toBe(false);
    },
  );
});

describe('isLoopbackHostHeader', () => {
  it('takes localhost and loopback addresses with a port', () => {
    expect(isLoopbackHostHeader('localhost:3978')).toBe(true);
    expect(isLoopbackHostHeader('127.0.0.1:3978')).toBe(true);
    expect(isLoopbackHostHeader('[::1]:3978')).toBe(true);
  });
  it('refuses another name, a missing header and an address smuggled into it', () => {
    expect(isLoopbackHostHeader('attacker.example:3978')).toBe(false);
    expect(isLoopbackHostHeader(undefined)).toBe(false);
    expect(isLoopbackHostHeader('127.0.0.1@attacker.example')).toBe(false);
    expect(isLoopbackHostHeader('attacker.example/127.0.0.1')).toBe(false);
  });
});

describe('listenHost', () => {
  const local = { bot: {} };
  const registered = { bot: { appId: '00000000-0000-0000-0000-00000000b07a' } };
  it('listens on 127.0.0.1 in local mode and on every interface with MicrosoftAppId', () => {
    expect(listenHost(local)).toBe('127.0.0.1');
    expect(listenHost(registered)).toBe('::');
  });
  it('takes a loopback HOST in local mode, and any HOST with MicrosoftAppId', () => {
    expect(listenHost({ ...local, host: '::1' })).toBe('::1');
    expect(listenHost({ ...registered, host: '0.0.0.0' })).toBe('0.0.0.0');
  });
  it('refuses a network HOST in local mode, naming HOST and MicrosoftAppId', () => {
    expect(() => listenHost({ ...local, host: '0.0.0.0' })).toThrow(/^config: HOST=0\.0\.0\.0 .*MicrosoftAppId/);
  });
});
