import { Tag } from '@keyless/core';
import { int, namedBits, seq, tlv } from '../rfc3161/der-writer.js';
import { PKIFailureInfoBit, PKIStatus } from '../rfc3161/types.js';

/** Why a TSA refuses a request: the RFC 3161 failure bit and a one-line explanation. */
export interface Rejection {
  failInfo: keyof typeof PKIFailureInfoBit;
  message: string;
}

const GRANTED = seq(int(PKIStatus.granted));

/** A DER `TimeStampResp` with status granted and `token`. */
export function grantedResponse(token: Uint8Array): Uint8Array {
  return seq(GRANTED, token);
}

/**
 * A DER `TimeStampResp` with status rejection, the reason as `statusString` (PKIFreeText) and
 * its `failInfo` bit.
 */
export function rejectionResponse(rejection: Rejection): Uint8Array {
  const statusString = seq(tlv(Tag.UTF8_STRING, Buffer.from(rejection.message, 'utf8')));
  const failInfo = namedBits([PKIFailureInfoBit[rejection.failInfo]]);
  return seq(seq(int(PKIStatus.rejection), statusString, failInfo));
}
