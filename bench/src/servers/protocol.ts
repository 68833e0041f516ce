import type { CertificateAuthorityJson, TransparencyLogInstanceJson } from '@keyless/core';

/** Which server a host process runs, and where it keeps its state. */
export type HostedService =
  | { service: 'rekor-v1' | 'rekor-v2'; dir: string }
  | { service: 'fulcio'; dir: string; issuerUrl: string };

/** The trust-root pieces a hosted server answers with once it listens. */
export interface HostedReady {
  type: 'ready';
  /** The server's base URL on loopback. */
  url: string;
  tlog?: TransparencyLogInstanceJson;
  certificateAuthority?: CertificateAuthorityJson;
  ctlog?: TransparencyLogInstanceJson;
}

/** Messages from the host process to the benchmark. */
export type HostMessage = HostedReady | { type: 'cpu'; micros: number } | { type: 'failed'; message: string };

/** Messages from the benchmark to the host process. */
export type HostCommand = { type: 'cpu' } | { type: 'close' };
