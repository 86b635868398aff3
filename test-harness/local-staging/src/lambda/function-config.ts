// The configuration of one version of a function ($LATEST or a published one).
export interface FunctionConfig {
  name: string;
  role: string;
  codeDirectory: string;
  handler: string;
  runtime: string;
  architectures: ('x86_64' | 'arm64')[];
  logging: { logFormat: 'Text' | 'JSON'; logGroup: string };
  memorySize: number;
  timeout: number;
  environment: Record<string, string>;
  description: string;
  codeSha256: string;
  codeSize: number;
  lastModified: Date;
  revisionId: string;
  version: string;
}
