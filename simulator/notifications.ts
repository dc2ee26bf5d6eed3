/**
 * What the simulator's SNS and EventBridge received: its SNS topics, every message published to
 * them and every event put on a bus, kept in arrival order so tests (in-process or through
 * `/_sim/sns/messages` and `/_sim/events`) can read exactly what a run sent.
 */

/** One message accepted by SNS `Publish`. */
export interface SimSnsMessage {
  messageId: string;
  topicArn: string;
  /** The account that published (from the caller's credentials). */
  publisherAccountId: string;
  subject?: string;
  message: string;
  /** `MessageAttributes`, by name: data type and string value (binary values base64, as sent). */
  attributes: Record<string, { dataType: string; value: string }>;
  /** Epoch milliseconds (simulated clock). */
  receivedAt: number;
}

/** One event accepted by EventBridge `PutEvents`. */
export interface SimEvent {
  eventId: string;
  /** `default` when the entry named no bus. */
  eventBusName: string;
  /** The account that put it (from the caller's credentials) and the call's region. */
  accountId: string;
  region: string;
  source: string;
  detailType: string;
  /** The entry's `Detail`, parsed (PutEvents accepts only a JSON object). */
  detail: Record<string, unknown>;
  resources: string[];
  /** The entry's `Time` (epoch ms) or the time of the call. */
  time: number;
}

const TOPIC_NAME = /^[A-Za-z0-9_-]{1,256}$/;

/** Topics, messages and events of one simulator. */
export class Notifications {
  readonly #topics = new Set<string>();
  readonly #messages: SimSnsMessage[] = [];
  readonly #events: SimEvent[] = [];

  /**
   * Creates a standard topic (idempotent, as SNS CreateTopic) and returns its ARN.
   * @throws Error for a name SNS would refuse.
   */
  createTopic(accountId: string, region: string, name: string): string {
    if (!TOPIC_NAME.test(name)) throw new Error(`topic name ${JSON.stringify(name)}: 1-256 of [A-Za-z0-9_-]`);
    const arn = `arn:aws:sns:${region}:${accountId}:${name}`;
    this.#topics.add(arn);
    return arn;
  }

  hasTopic(arn: string): boolean {
    return this.#topics.has(arn);
  }

  topics(): string[] {
    return [...this.#topics];
  }

  addMessage(message: SimSnsMessage): void {
    this.#messages.push(message);
  }

  addEvent(event: SimEvent): void {
    this.#events.push(event);
  }

  /** Messages so far, oldest first (copies). */
  messages(topicArn?: string): SimSnsMessage[] {
    return this.#messages
      .filter((m) => topicArn === undefined || m.topicArn === topicArn)
      .map((m) => ({ ...m, attributes: { ...m.attributes } }));
  }

  /** Events so far, oldest first (copies). */
  events(): SimEvent[] {
    return this.#events.map((e) => ({ ...e, resources: [...e.resources] }));
  }

  /** Forgets messages and events (topics stay). */
  clear(): void {
    this.#messages.length = 0;
    this.#events.length = 0;
  }
}
