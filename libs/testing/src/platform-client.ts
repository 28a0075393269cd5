import { todayInCopenhagen } from '@platform/domain-kernel';
import { ReferralBuilder, tokenFor } from './builders';

export interface GraphQLResult<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** A client of the running platform through the gateway, as an integrating system would use it. */
export class PlatformClient {
  constructor(readonly baseUrl: string) {}

  async rest<T = Record<string, unknown>>(
    method: string,
    path: string,
    token: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  }

  async graphql<T = Record<string, unknown>>(
    token: string,
    query: string,
    variables: object = {},
  ): Promise<GraphQLResult<T>> {
    const response = await fetch(`${this.baseUrl}/graphql`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
      },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, ...((await response.json()) as Omit<GraphQLResult<T>, 'status'>) };
  }

  /** Two providers of the demo catalogue with a JOB offer each, and tokens for them and a jobcenter of 101. */
  async actors() {
    const jobcenter = await tokenFor('jobcenter', '101');
    const offers = await this.rest<{ items: { id: string; providerId: string; packageType: string }[] }>(
      'GET',
      '/api/v1/offers',
      jobcenter,
    );
    const job = offers.body.items.filter((offer) => offer.packageType === 'JOB');
    const first = job[0];
    const second = job.find((offer) => offer.providerId !== first.providerId)!;
    return {
      jobcenter,
      analyst: await tokenFor('analyst', '101'),
      provider: { id: first.providerId, offerId: first.id, token: await tokenFor('provider', first.providerId) },
      otherProvider: {
        id: second.providerId,
        offerId: second.id,
        token: await tokenFor('provider', second.providerId),
      },
    };
  }

  /** A referral created by the jobcenter and accepted and started today by the provider, all through the gateway. */
  async startedCourse(
    jobcenter: string,
    provider: { id: string; offerId: string; token: string },
    build: (builder: ReferralBuilder) => ReferralBuilder = (b) => b,
  ): Promise<string> {
    const body = build(ReferralBuilder.valid().forProvider(provider.id, provider.offerId)).build();
    const created = await this.rest<{ id: string }>('POST', '/api/v1/referrals', jobcenter, body);
    if (created.status !== 201) throw new Error(`referral not created: ${JSON.stringify(created.body)}`);
    const id = created.body.id;
    for (const [step, payload] of [
      ['accept', {}],
      ['start', { startDate: todayInCopenhagen() }],
    ] as const) {
      const response = await this.rest('POST', `/api/v1/referrals/${id}/${step}`, provider.token, payload);
      if (response.status !== 200) throw new Error(`${step} failed: ${JSON.stringify(response.body)}`);
    }
    return id;
  }
}
