/**
 * An AWS error as the fake answers it: HTTP `status` with body `{"__type": type, "message": message}`, which the SDK turns
 * into its modelled exception of that name (or a generic ServiceException).
 */
export class AwsFakeError extends Error {
  override readonly name: string;
  readonly type: string;
  readonly status: number;

  constructor(type: string, message: string, status = 400) {
    super(message);
    this.name = type;
    this.type = type;
    this.status = status;
  }
}
