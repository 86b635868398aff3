// The http-proxy and no-proxy inputs (as configure-aws-credentials has them) replace the proxy
// variables for this step's process, so the token request (core.getIDToken), STS and anything
// else this step sends decide the same way. Later steps keep the job's own variables.
import { setSecret } from '@actions/core';
import type { AssumeSettings } from './settings.js';

/** Masks the password of a proxy URL before anything can print it. */
export function maskProxyPassword(text: string): void {
  try {
    const { password } = new URL(text);
    if (password) {
      setSecret(password);
      setSecret(decodeURIComponent(password));
    }
  } catch {
    // Not a URL: the settings say so, without a password to hide.
  }
}

export function useProxyInputs(settings: Pick<AssumeSettings, 'httpProxy' | 'noProxy'>): void {
  if (settings.httpProxy !== undefined) {
    for (const name of ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'])
      process.env[name] = settings.httpProxy;
  }
  if (settings.noProxy !== undefined) {
    for (const name of ['no_proxy', 'NO_PROXY']) process.env[name] = settings.noProxy;
  }
}
