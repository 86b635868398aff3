// Why a workflow or action file's text could not be read as a document the rules understand.
// Its own module so the caller can recognise it without loading the YAML reader's chunk.

export type UnreadableReason = 'not_yaml' | 'not_a_workflow' | 'too_complex';

/** The text is not YAML the rules can read as a workflow or action; the message says where. */
export class UnreadableDocumentError extends Error {
  override readonly name = 'UnreadableDocumentError';
  constructor(
    readonly reason: UnreadableReason,
    message: string,
  ) {
    super(message);
  }
}
