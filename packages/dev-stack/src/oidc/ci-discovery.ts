/**
 * The discovery document of the CI issuer: like GitHub Actions' token issuer, it only hands out
 * ID tokens to jobs (here, through the development token endpoint), so it names no authorization
 * or token endpoint, only where its keys are.
 */
export function ciDiscoveryDocument(issuer: string, jwksUri: string): Record<string, unknown> {
  return {
    issuer,
    jwks_uri: jwksUri,
    subject_types_supported: ['public', 'pairwise'],
    response_types_supported: ['id_token'],
    claims_supported: [
      'sub',
      'aud',
      'exp',
      'iat',
      'iss',
      'jti',
      'nbf',
      'ref',
      'sha',
      'repository',
      'repository_id',
      'repository_owner',
      'repository_owner_id',
      'repository_visibility',
      'run_id',
      'run_number',
      'run_attempt',
      'runner_environment',
      'actor',
      'actor_id',
      'workflow',
      'workflow_ref',
      'workflow_sha',
      'job_workflow_ref',
      'job_workflow_sha',
      'event_name',
      'ref_type',
      'head_ref',
      'base_ref',
    ],
    id_token_signing_alg_values_supported: ['RS256'],
    scopes_supported: ['openid'],
  };
}
