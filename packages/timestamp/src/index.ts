export {
  createTimestampClient,
  type TimestampClient,
  type TimestampClientOptions,
  type TimestampOptions,
} from './client/client.js';
export { rfc3161TimestampSource } from './client/source.js';
export * from './errors.js';
export { encodeTimeStampReq, type TimeStampReqInit } from './rfc3161/encode-request.js';
export * from './rfc3161/oids.js';
export { parseTimeStampResp, parseTimeStampToken, parseTimestamp } from './rfc3161/parse.js';
export { parseTimeStampReq } from './rfc3161/parse-request.js';
export { parseTstInfo } from './rfc3161/parse-tst-info.js';
export * from './rfc3161/types.js';
export { type VerifyRfc3161Options, verifyRfc3161Timestamp, verifyTimeStampResp } from './rfc3161/verify.js';
export { integratedTimeVerifier } from './sources/integrated-time-verifier.js';
export { rfc3161TimestampVerifier } from './sources/rfc3161-verifier.js';
