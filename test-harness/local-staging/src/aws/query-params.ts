// The AWS query protocol's form parameters: flat names like ActionNames.member.1 and
// ContextEntries.member.1.ContextKeyValues.member.2, read back into lists.

export function formParams(body: Buffer): URLSearchParams {
  return new URLSearchParams(body.toString('utf8'));
}

/** The values of Name.member.1, Name.member.2, … in order. */
export function memberList(params: URLSearchParams, name: string): string[] {
  const values: string[] = [];
  for (let i = 1; params.has(`${name}.member.${i}`); i++)
    values.push(params.get(`${name}.member.${i}`)!);
  return values;
}

/** The prefixes Name.member.1, Name.member.2, … of a list of structures. */
export function memberPrefixes(params: URLSearchParams, name: string): string[] {
  const prefixes: string[] = [];
  for (let i = 1; [...params.keys()].some((key) => key.startsWith(`${name}.member.${i}.`)); i++) {
    prefixes.push(`${name}.member.${i}`);
  }
  return prefixes;
}
