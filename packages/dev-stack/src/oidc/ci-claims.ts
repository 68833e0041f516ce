import { createHash } from 'node:crypto';

/** What a CI token describes: a GitHub-Actions-like workflow run. */
export interface CiTokenOptions {
  /** `OWNER/REPO`; default `keyless-dev/example`. */
  repository?: string;
  /** The Git ref the run is for; default `refs/heads/main`. */
  ref?: string;
  /** The commit, 40 hex digits; default derived from the repository and ref. */
  sha?: string;
  /** The workflow file under `.github/workflows/`; default `release.yml`. */
  workflowFile?: string;
  /** The triggering event; default `push`. */
  eventName?: string;
}

const REPOSITORY = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

/** A stable decimal id for a name, so the same repository always gets the same numeric ids. */
function numericId(name: string): string {
  return String(createHash('sha256').update(name).digest().readUInt32BE(0));
}

/**
 * The claims of a GitHub Actions OIDC token for a workflow run, built from a few facts. The
 * names and formats follow GitHub's tokens (every value a string), so a CA that maps them to
 * Fulcio certificate extensions treats these like the real thing.
 *
 * Throws `TypeError` for a malformed repository, ref or sha.
 *
 * @example
 * ```ts
 * githubActionsClaims({ repository: 'acme/app' }).sub; // 'repo:acme/app:ref:refs/heads/main'
 * ```
 */
export function githubActionsClaims(options: CiTokenOptions = {}): Record<string, string> & { sub: string } {
  const repository = options.repository ?? 'keyless-dev/example';
  if (!REPOSITORY.test(repository)) throw new TypeError(`repository must be OWNER/REPO, got "${repository}"`);
  const ref = options.ref ?? 'refs/heads/main';
  if (!/^refs\/[^\s]+$/.test(ref)) throw new TypeError(`ref must start with refs/, got "${ref}"`);
  const sha = options.sha ?? createHash('sha1').update(`${repository}@${ref}`).digest('hex');
  if (!/^[0-9a-f]{40}$/.test(sha)) throw new TypeError('sha must be 40 lowercase hex digits');
  const workflowFile = options.workflowFile ?? 'release.yml';
  if (!/^[A-Za-z0-9_.-]+\.ya?ml$/.test(workflowFile)) {
    throw new TypeError(`workflowFile must be a .yml file name, got "${workflowFile}"`);
  }
  const owner = repository.split('/')[0]!;
  const workflowRef = `${repository}/.github/workflows/${workflowFile}@${ref}`;
  const refType = ref.startsWith('refs/tags/') ? 'tag' : 'branch';
  return {
    sub: `repo:${repository}:ref:${ref}`,
    repository,
    repository_id: numericId(repository),
    repository_owner: owner,
    repository_owner_id: numericId(owner),
    repository_visibility: 'public',
    actor: owner,
    actor_id: numericId(owner),
    ref,
    ref_type: refType,
    ref_protected: 'false',
    sha,
    workflow: workflowFile.replace(/\.ya?ml$/, ''),
    workflow_ref: workflowRef,
    workflow_sha: sha,
    job_workflow_ref: workflowRef,
    job_workflow_sha: sha,
    event_name: options.eventName ?? 'push',
    runner_environment: 'github-hosted',
    run_id: '1',
    run_number: '1',
    run_attempt: '1',
    head_ref: '',
    base_ref: '',
  };
}
