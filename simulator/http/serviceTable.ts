/**
 * The per-service protocol table: which operations each awsJson1_1 target prefix serves, how its
 * errors carry the message, and what it answers when throttled or failing (codes and statuses as
 * AWS sends them; see docs/simulator.md).
 */
import { CONFIG_OPERATIONS } from '../services/config.js';
import type { CallContext, JsonOperation } from '../services/context.js';
import { EVENTS_OPERATIONS } from '../services/events.js';
import { ORGANIZATIONS_OPERATIONS } from '../services/organizations.js';
import { SNS_OPERATIONS, SNS_XMLNS } from '../services/sns.js';
import { STS_OPERATIONS, STS_XMLNS } from '../services/sts.js';
import { SimError } from './errors.js';

/** The `Type` member of Organizations' TooManyRequestsException (a free string in the model). */
export const ORGANIZATIONS_THROTTLE_TYPE = 'Throttling';

/** How one awsJson1_1 service is routed and how it throttles and fails. */
export interface JsonService {
  service: string;
  operations: Readonly<Record<string, JsonOperation>>;
  /** Organizations' errors carry `Message`; Config's `message`. */
  capitalMessage: boolean;
  throttle: () => SimError;
  serverError: (draw: number) => SimError;
}

/** JSON services by `X-Amz-Target` prefix. */
export const JSON_SERVICES: Readonly<Record<string, JsonService>> = {
  StarlingDoveService: {
    service: 'config',
    operations: CONFIG_OPERATIONS,
    capitalMessage: false,
    throttle: () => new SimError('ThrottlingException', 'Rate exceeded'),
    serverError: (d) =>
      d < 0.5
        ? new SimError(
            'InternalFailure',
            'The request processing has failed because of an unknown error, exception or failure.',
            500,
          )
        : new SimError(
            'ServiceUnavailable',
            'The request has failed due to a temporary failure of the server.',
            503,
          ),
  },
  AWSOrganizationsV20161128: {
    service: 'organizations',
    operations: ORGANIZATIONS_OPERATIONS,
    capitalMessage: true,
    // AWS answers 400, not the 429 of the model's httpError trait (botocore had to add a retry rule
    // for exactly this). `Type` is modelled as a free string whose values are undocumented.
    throttle: () =>
      new SimError(
        'TooManyRequestsException',
        "AWS Organizations can't complete your request because another request is already in progress. Try again later.",
        400,
        { Type: ORGANIZATIONS_THROTTLE_TYPE },
      ),
    serverError: (d) =>
      d < 0.5
        ? new SimError(
            'ServiceException',
            'AWS Organizations can’t complete your request because of an internal service error.',
            500,
          )
        : new SimError(
            'ServiceUnavailable',
            'The request has failed due to a temporary failure of the server.',
            503,
          ),
  },
  AWSEvents: {
    service: 'events',
    operations: EVENTS_OPERATIONS,
    capitalMessage: false,
    throttle: () => new SimError('ThrottlingException', 'Rate exceeded'),
    // InternalException is the server fault EventBridge models; ServiceUnavailable is a common error.
    serverError: (d) =>
      d < 0.5
        ? new SimError('InternalException', 'An internal error occurred.', 500)
        : new SimError(
            'ServiceUnavailable',
            'The request has failed due to a temporary failure of the server.',
            503,
          ),
  },
};

/** An awsQuery operation: form parameters → the XML body of the answer (or throws SimError). */
export type QueryOperation = (ctx: CallContext, params: URLSearchParams) => string;

/** How one awsQuery service is routed, what namespace its XML carries, how it throttles and fails. */
export interface QueryService {
  service: string;
  /** The `Version` form parameter every request of the service carries. */
  version: string;
  xmlns: string;
  operations: Readonly<Record<string, QueryOperation>>;
  throttle: () => SimError;
  serverError: (draw: number) => SimError;
}

/** STS's throttling answer. */
export const STS_THROTTLE = () => new SimError('Throttling', 'Rate exceeded');
/** STS's 5xx answers (500 or 503 by the draw). */
export const STS_SERVER_ERROR = (d: number) =>
  d < 0.5
    ? new SimError('InternalFailure', 'An internal error occurred.', 500)
    : new SimError('ServiceUnavailable', 'Service is unavailable.', 503);

/**
 * awsQuery services by the request's `Version` parameter (both SDK clients send it). A request
 * without a known version is STS's, which answers an unknown action with InvalidAction.
 */
export const QUERY_SERVICES: Readonly<Record<string, QueryService>> = {
  '2011-06-15': {
    service: 'sts',
    version: '2011-06-15',
    xmlns: STS_XMLNS,
    operations: STS_OPERATIONS,
    throttle: STS_THROTTLE,
    serverError: STS_SERVER_ERROR,
  },
  '2010-03-31': {
    service: 'sns',
    version: '2010-03-31',
    xmlns: SNS_XMLNS,
    operations: SNS_OPERATIONS,
    // ThrottledException is modelled with HTTP 429; InternalError is SNS's modelled server fault.
    throttle: () => new SimError('Throttled', 'Rate exceeded', 429),
    serverError: (d) =>
      d < 0.5
        ? new SimError('InternalError', 'Internal Error', 500)
        : new SimError('ServiceUnavailable', 'Service is unavailable.', 503),
  },
};
