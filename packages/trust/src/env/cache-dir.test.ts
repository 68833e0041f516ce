import { describe, expect, it } from 'vitest';
import { defaultCacheDir } from './cache-dir.js';

describe('defaultCacheDir', () => {
  it('prefers KEYLESS_CACHE_DIR over everything', () => {
    expect(defaultCacheDir({ KEYLESS_CACHE_DIR: '/tmp/k', XDG_CACHE_HOME: '/x', HOME: '/h' }, 'linux')).toBe(
      '/tmp/k',
    );
  });

  it('uses XDG_CACHE_HOME/keyless when set', () => {
    expect(defaultCacheDir({ XDG_CACHE_HOME: '/x', HOME: '/h' }, 'linux')).toBe('/x/keyless');
  });

  it('uses ~/.cache/keyless on Linux', () => {
    expect(defaultCacheDir({ HOME: '/home/me' }, 'linux')).toBe('/home/me/.cache/keyless');
  });

  it('uses ~/Library/Caches/keyless on macOS', () => {
    expect(defaultCacheDir({ HOME: '/Users/me' }, 'darwin')).toBe('/Users/me/Library/Caches/keyless');
  });

  it('uses %LOCALAPPDATA%\\keyless on Windows', () => {
    expect(defaultCacheDir({ LOCALAPPDATA: 'C:\\Users\\me\\AppData\\Local' }, 'win32')).toBe(
      'C:\\Users\\me\\AppData\\Local\\keyless',
    );
  });

  it('falls back to the profile folder on Windows without LOCALAPPDATA', () => {
    expect(defaultCacheDir({ USERPROFILE: 'C:\\Users\\me' }, 'win32')).toBe(
      'C:\\Users\\me\\AppData\\Local\\keyless',
    );
  });
});
