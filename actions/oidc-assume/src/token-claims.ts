// Reads the claims of the job's OIDC token without verifying it: only to explain a denial.

export interface TokenClaims {
  sub?: string;
  aud?: string | string[];
  repository?: string;
  ref?: string;
  environment?: string;
  job_workflow_ref?: string;
  event_name?: string;
  exp?: number;
}

export function decodeClaims(token: string): TokenClaims {
  const payload = token.split('.')[1];
  if (!payload) return {};
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenClaims;
  } catch {
    return {};
  }
}
