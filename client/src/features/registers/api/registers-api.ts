import type {
  Agreement,
  BilateralCommitment,
  CountrySummary,
  CreateAgreement,
  CreateBilateralCommitment,
  CreateNegotiationRound,
  CreateRndMilestone,
  NegotiationRound,
  Page,
  RndMilestone,
  UpdateAgreement,
  UpdateBilateralCommitment,
  UpdateNegotiationRound,
  UpdateRndMilestone,
  ValueChainStage,
} from '@sidang/shared';
import type { ApiClient, QueryValue } from '../../../lib/api/api-client.ts';

const enc = encodeURIComponent;

/** A collection answers with a bare array or with `{ items, nextCursor }` pages (CONTRACT "Lists"). */
type Collection<T> = T[] | Page<T>;

/** Every page of a collection, as one array: a register is held whole and filtered on screen. */
export async function readAll<T>(api: ApiClient, path: string, query: Record<string, QueryValue> = {}): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  // Bounded: 20 pages of 500 is far beyond a committee's registers.
  for (let page = 0; page < 20; page += 1) {
    const answer: Collection<T> = await api.get<Collection<T>>(path, cursor ? { ...query, limit: 500, cursor } : { ...query, limit: 500 });
    if (Array.isArray(answer)) return answer;
    items.push(...answer.items);
    cursor = answer.nextCursor;
    if (!cursor) break;
  }
  return items;
}

/** A child collection (commitments, rounds, milestones): a bare array or one page. */
async function readChildren<T>(api: ApiClient, path: string): Promise<T[]> {
  const answer = await api.get<Collection<T>>(path);
  return Array.isArray(answer) ? answer : answer.items;
}

/** The registers with an export, by their path segment. */
export type ExportableList = 'bilateral-meetings' | 'negotiations' | 'rnd-projects' | 'action-items';

export const registersApi = {
  commitments: (api: ApiClient, bilateralMeetingId: string) =>
    readChildren<BilateralCommitment>(api, `/api/bilateral-meetings/${enc(bilateralMeetingId)}/commitments`),
  createCommitment: (api: ApiClient, bilateralMeetingId: string, body: CreateBilateralCommitment) =>
    api.post<BilateralCommitment>(`/api/bilateral-meetings/${enc(bilateralMeetingId)}/commitments`, body),
  updateCommitment: (api: ApiClient, id: string, body: UpdateBilateralCommitment) =>
    api.patch<BilateralCommitment>(`/api/bilateral-commitments/${enc(id)}`, body),

  agreements: (api: ApiClient, committeeId: string) => readAll<Agreement>(api, `/api/committees/${enc(committeeId)}/agreements`),
  createAgreement: (api: ApiClient, committeeId: string, body: CreateAgreement) =>
    api.post<Agreement>(`/api/committees/${enc(committeeId)}/agreements`, body),
  updateAgreement: (api: ApiClient, id: string, body: UpdateAgreement) => api.patch<Agreement>(`/api/agreements/${enc(id)}`, body),

  country: (api: ApiClient, committeeId: string, code: string) =>
    api.get<CountrySummary>(`/api/committees/${enc(committeeId)}/countries/${enc(code)}`),

  rounds: (api: ApiClient, negotiationId: string) => readChildren<NegotiationRound>(api, `/api/negotiations/${enc(negotiationId)}/rounds`),
  createRound: (api: ApiClient, negotiationId: string, body: CreateNegotiationRound) =>
    api.post<NegotiationRound>(`/api/negotiations/${enc(negotiationId)}/rounds`, body),
  updateRound: (api: ApiClient, id: string, body: UpdateNegotiationRound) =>
    api.patch<NegotiationRound>(`/api/negotiation-rounds/${enc(id)}`, body),

  milestones: (api: ApiClient, rndProjectId: string) =>
    readChildren<RndMilestone>(api, `/api/rnd-projects/${enc(rndProjectId)}/milestones`),
  createMilestone: (api: ApiClient, rndProjectId: string, body: CreateRndMilestone) =>
    api.post<RndMilestone>(`/api/rnd-projects/${enc(rndProjectId)}/milestones`, body),
  updateMilestone: (api: ApiClient, id: string, body: UpdateRndMilestone) =>
    api.patch<RndMilestone>(`/api/rnd-milestones/${enc(id)}`, body),

  valueChainStages: async (api: ApiClient) => {
    const answer = await api.get<ValueChainStage[] | { items: ValueChainStage[] }>('/api/value-chain-stages');
    return (Array.isArray(answer) ? answer : answer.items).slice().sort((a, b) => a.position - b.position);
  },
};
