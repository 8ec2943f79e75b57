// Why a sandbox mutation was refused. In-process callers get it thrown; the control API answers with its
// status and `{error: {code, message}}`.

export type MutationErrorCode =
  | 'order_not_found'
  | 'customer_not_found'
  | 'shipment_not_found'
  | 'invalid_input'
  | 'invalid_status'
  | 'nothing_to_ship'
  | 'nothing_to_refund'
  | 'refund_exceeds_remaining';

const STATUS: Record<MutationErrorCode, number> = {
  order_not_found: 404,
  customer_not_found: 404,
  shipment_not_found: 404,
  invalid_input: 400,
  invalid_status: 400,
  nothing_to_ship: 409,
  nothing_to_refund: 409,
  refund_exceeds_remaining: 409,
};

export class SandboxMutationError extends Error {
  readonly status: number;

  constructor(
    readonly code: MutationErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SandboxMutationError';
    this.status = STATUS[code];
  }
}
