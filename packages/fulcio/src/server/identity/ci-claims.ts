import type { JWTPayload } from 'jose';
import type { FulcioExtensionName } from '../../certificate/extensions.js';

/** Fulcio's default for the `url` template value of GitHub Actions tokens. */
const GITHUB_URL = 'https://github.com';

type Claims = Record<string, string>;

/** Builds one extension value from the claims, or `undefined` when a claim it needs is absent. */
type Template = (claims: Claims) => string | undefined;

const claim =
  (name: string): Template =>
  (claims) =>
    claims[name];

/** `https://github.com/` followed by the named claims joined as the template says. */
function githubUrl(parts: TemplateStringsArray, ...names: string[]): Template {
  return (claims) => {
    let out = `${GITHUB_URL}/${parts[0]}`;
    for (const [i, name] of names.entries()) {
      const value = claims[name];
      if (value === undefined) return undefined;
      out += value + parts[i + 1];
    }
    return out;
  };
}

/**
 * How Fulcio fills its extensions from a GitHub Actions token (the `github-workflow` entry of
 * Fulcio's CI issuer metadata, listed in docs/oid-info.md), in OID order.
 */
const GITHUB_WORKFLOW: readonly (readonly [FulcioExtensionName, Template])[] = [
  ['githubWorkflowTrigger', claim('event_name')],
  ['githubWorkflowSha', claim('sha')],
  ['githubWorkflowName', claim('workflow')],
  ['githubWorkflowRepository', claim('repository')],
  ['githubWorkflowRef', claim('ref')],
  ['buildSignerURI', githubUrl`${'job_workflow_ref'}`],
  ['buildSignerDigest', claim('job_workflow_sha')],
  ['runnerEnvironment', claim('runner_environment')],
  ['sourceRepositoryURI', githubUrl`${'repository'}`],
  ['sourceRepositoryDigest', claim('sha')],
  ['sourceRepositoryRef', claim('ref')],
  ['sourceRepositoryIdentifier', claim('repository_id')],
  ['sourceRepositoryOwnerURI', githubUrl`${'repository_owner'}`],
  ['sourceRepositoryOwnerIdentifier', claim('repository_owner_id')],
  ['buildConfigURI', githubUrl`${'workflow_ref'}`],
  ['buildConfigDigest', claim('workflow_sha')],
  ['buildTrigger', claim('event_name')],
  ['runInvocationURI', githubUrl`${'repository'}/actions/runs/${'run_id'}/attempts/${'run_attempt'}`],
  ['sourceRepositoryVisibilityAtSigning', claim('repository_visibility')],
  ['deploymentEnvironment', claim('environment')],
];

/** The string and number claims, as text; objects and arrays never fill an extension. */
function textClaims(payload: JWTPayload): Claims {
  const out: Claims = {};
  for (const [name, value] of Object.entries(payload)) {
    if (typeof value === 'string' && value !== '') out[name] = value;
    else if (typeof value === 'number' && Number.isFinite(value)) out[name] = String(value);
  }
  return out;
}

/**
 * The Fulcio extensions a GitHub-Actions-style token maps to. Unlike Fulcio, which refuses a token
 * missing any claim its template names, an extension whose claims are absent is just left out.
 */
export function ciExtensions(payload: JWTPayload): Partial<Record<FulcioExtensionName, string>> {
  const claims = textClaims(payload);
  const out: Partial<Record<FulcioExtensionName, string>> = {};
  for (const [name, template] of GITHUB_WORKFLOW) {
    const value = template(claims);
    if (value !== undefined) out[name] = value;
  }
  return out;
}
