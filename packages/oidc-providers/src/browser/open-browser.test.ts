import { describe, expect, it } from 'vitest';
import { openCommand } from './open-browser.js';

const url = 'https://issuer.test/authorize?client_id=sigstore&state=a&nonce=b';

describe('openCommand', () => {
  it('hands the URL as one argument to the desktop opener, with no shell', () => {
    expect(openCommand(url, 'linux')).toEqual(['xdg-open', [url]]);
    expect(openCommand(url, 'darwin')).toEqual(['open', [url]]);
  });

  it('uses the URL handler on Windows, where cmd would split the URL at each &', () => {
    expect(openCommand(url, 'win32')).toEqual(['rundll32', ['url.dll,FileProtocolHandler', url]]);
  });
});
