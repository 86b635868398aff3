// The one SSM call the Oracle makes, as a small interface the secrets share.

export interface ParameterValue {
  value: string;
  version: number;
  lastModified: Date;
}

export interface ParameterReader {
  /** Reads a SecureString with decryption; `selector` is `name` or `name:version`. */
  read(selector: string): Promise<ParameterValue>;
}
