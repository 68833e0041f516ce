import type { TrustedRootJson } from '@keyless/core';
import { requestPath, type ServiceHandler } from '@keyless/core/server';
import { sendJson, sendJsonError } from '../http/respond.js';
import type { SigningConfigJson } from './signing-config.js';
import type { DevStackUrls } from './urls.js';

/** What the stack serves outside its services: an index of its URLs and its two JSON files. */
export function stackIndexHandler(
  url: string,
  urls: DevStackUrls,
  files: { trustedRoot: TrustedRootJson; signingConfig: SigningConfigJson },
): ServiceHandler {
  return (req, res) => {
    const path = requestPath(req.url);
    if (req.method === 'GET' && path === '/trusted_root.json') return sendJson(res, 200, files.trustedRoot);
    if (req.method === 'GET' && path === '/signing_config.json')
      return sendJson(res, 200, files.signingConfig);
    if (req.method === 'GET' && path === '/') {
      return sendJson(res, 200, {
        urls,
        trustedRoot: `${url}/trusted_root.json`,
        signingConfig: `${url}/signing_config.json`,
      });
    }
    sendJsonError(res, 404, `no service at ${path}; services: /oidc, /fulcio, /rekor, /rekor-v2, /tsa`);
  };
}
