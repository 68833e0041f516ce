import { describe, expect, it } from 'vitest';
import { parseTimeStampResp } from '../rfc3161/parse.js';
import { PKIStatus } from '../rfc3161/types.js';
import { rejectionResponse } from './response.js';

describe('rejectionResponse', () => {
  it('carries status rejection, the message and the failInfo bit', () => {
    const response = parseTimeStampResp(
      rejectionResponse({ failInfo: 'unacceptedPolicy', message: 'no such policy' }),
    );
    expect(response).toEqual({
      status: {
        status: PKIStatus.rejection,
        statusString: ['no such policy'],
        failInfo: ['unacceptedPolicy'],
      },
    });
  });

  it('encodes the high systemFailure bit', () => {
    const response = parseTimeStampResp(rejectionResponse({ failInfo: 'systemFailure', message: 'down' }));
    expect(response.status.failInfo).toEqual(['systemFailure']);
  });
});
