import { execFile, execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { decodePemBlocks, encodePem } from '@keyless/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post, type RunningTsa, startTsa, temporaryDir } from '../../test/tsa-server.js';
import { parseTimeStampResp } from '../rfc3161/parse.js';

const run = promisify(execFile);

function opensslAvailable(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const openssl = (args: string[]) => run('openssl', args);

// Interoperability with an independent RFC 3161 implementation needs the openssl binary.
describe.each(['ecdsa-p256-sha256', 'ecdsa-p384-sha384'] as const)(
  'the local TSA (%s) with openssl ts',
  (signingAlgorithm) => {
    let tsa: RunningTsa;
    let work: { dir: string; remove(): Promise<void> };
    const file = (name: string) => join(work.dir, name);

    beforeAll(async () => {
      if (!opensslAvailable())
        throw new Error('openssl is not installed: these tests need it (CI installs it)');
      tsa = await startTsa({ signingAlgorithm });
      work = await temporaryDir();
      const chain = decodePemBlocks(await (await fetch(`${tsa.url}/api/v1/timestamp/certchain`)).text());
      const [leaf, intermediate, root] = chain.map((block) => encodePem('CERTIFICATE', block.der));
      await writeFile(file('root.pem'), root!);
      await writeFile(file('untrusted.pem'), leaf! + intermediate!);
      await writeFile(file('data.bin'), 'the artifact openssl time-stamps\n');
      await writeFile(file('other.bin'), 'some other artifact\n');
    });
    afterAll(async () => {
      await tsa.stop();
      await work.remove();
    });

    /** Sends the openssl query `query` to the TSA and stores the reply as `reply`. */
    async function exchange(query: string, reply: string): Promise<number> {
      const response = await post(tsa.endpoint, await readFile(file(query)));
      await writeFile(file(reply), response.body);
      return response.status;
    }

    const verifyArgs = (reply: string, ...how: string[]) => [
      'ts',
      '-verify',
      '-in',
      file(reply),
      ...how,
      '-CAfile',
      file('root.pem'),
      '-untrusted',
      file('untrusted.pem'),
    ];

    it('grants an openssl query with nonce and certReq, and openssl verifies the reply against the data', async () => {
      await openssl(['ts', '-query', '-data', file('data.bin'), '-sha256', '-cert', '-out', file('a.tsq')]);
      expect(await exchange('a.tsq', 'a.tsr')).toBe(200);
      const { stdout } = await openssl(verifyArgs('a.tsr', '-data', file('data.bin')));
      expect(stdout).toContain('Verification: OK');
    });

    it('passes openssl verification against the query itself (imprint, nonce and policy)', async () => {
      await openssl(['ts', '-query', '-data', file('data.bin'), '-sha512', '-cert', '-out', file('b.tsq')]);
      await exchange('b.tsq', 'b.tsr');
      const { stdout } = await openssl(verifyArgs('b.tsr', '-queryfile', file('b.tsq')));
      expect(stdout).toContain('Verification: OK');
    });

    it('grants a query without nonce or certReq, and openssl verifies it with the chain given apart', async () => {
      await openssl([
        'ts',
        '-query',
        '-data',
        file('data.bin'),
        '-sha256',
        '-no_nonce',
        '-out',
        file('c.tsq'),
      ]);
      await exchange('c.tsq', 'c.tsr');
      expect(
        parseTimeStampResp(await readFile(file('c.tsr'))).timeStampToken?.signedData.certificates,
      ).toEqual([]);
      const { stdout } = await openssl(verifyArgs('c.tsr', '-data', file('data.bin')));
      expect(stdout).toContain('Verification: OK');
    });

    it('is refused by openssl for other data', async () => {
      await openssl(['ts', '-query', '-data', file('data.bin'), '-sha256', '-cert', '-out', file('d.tsq')]);
      await exchange('d.tsq', 'd.tsr');
      await expect(openssl(verifyArgs('d.tsr', '-data', file('other.bin')))).rejects.toThrow(
        /message imprint mismatch/,
      );
    });

    it('answers an openssl SHA-1 query with a rejection openssl reads as badAlg', async () => {
      await openssl(['ts', '-query', '-data', file('data.bin'), '-sha1', '-out', file('e.tsq')]);
      expect(await exchange('e.tsq', 'e.tsr')).toBe(200);
      const { stdout } = await openssl(['ts', '-reply', '-in', file('e.tsr'), '-text']);
      expect(stdout).toContain('Status: Rejected');
      expect(stdout).toContain('unrecognized or unsupported algorithm identifier');
    });
  },
);
