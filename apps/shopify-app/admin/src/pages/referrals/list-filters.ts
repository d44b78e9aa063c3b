// The referral list's filters live in the URL (shareable, kept on back): status, source, a date
// range preset or custom days, and the order number typed into the search box.
import {
  type ListReferralsQuery,
  type ReferralStatus,
  referralSources,
  referralStatuses,
} from '@referrals/shopify-app/admin-contract';

export const datePresets = ['today', '7d', '30d', '90d', 'custom'] as const;
export type DatePreset = (typeof datePresets)[number];

export type ListFilters = {
  statuses: ReferralStatus[];
  sources: (typeof referralSources)[number][];
  range: DatePreset | null;
  /** Custom range, YYYY-MM-DD, inclusive. */
  start: string;
  end: string;
  order: string;
};

const csv = (value: string | null) => (value ? value.split(',').filter(Boolean) : []);

export function filtersFromParams(params: URLSearchParams): ListFilters {
  const range = params.get('range');
  return {
    statuses: csv(params.get('status')).filter((s): s is ReferralStatus =>
      (referralStatuses as readonly string[]).includes(s),
    ),
    sources: csv(params.get('source')).filter((s): s is (typeof referralSources)[number] =>
      (referralSources as readonly string[]).includes(s),
    ),
    range: (datePresets as readonly string[]).includes(range ?? '') ? (range as DatePreset) : null,
    start: params.get('start') ?? '',
    end: params.get('end') ?? '',
    order: params.get('order') ?? '',
  };
}

export function paramsFromFilters(filters: ListFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.statuses.length) params.set('status', filters.statuses.join(','));
  if (filters.sources.length) params.set('source', filters.sources.join(','));
  if (filters.range) params.set('range', filters.range);
  if (filters.range === 'custom' && filters.start) params.set('start', filters.start);
  if (filters.range === 'custom' && filters.end) params.set('end', filters.end);
  if (filters.order) params.set('order', filters.order);
  return params;
}

const startOfDay = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate());
const addDays = (d: Date, days: number) => new Date(d.getFullYear(), d.getMonth(), d.getDate() + days);
/** "2026-05-01" as local midnight; null when it is not a date. */
function localDay(text: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null;
}

/** The API's instants for a range, in the browser's days: from midnight, to the next midnight. */
export function rangeInstants(
  filters: Pick<ListFilters, 'range' | 'start' | 'end'>,
  now = new Date(),
): { from?: string; to?: string } {
  const tomorrow = addDays(startOfDay(now), 1);
  const back = { today: 1, '7d': 7, '30d': 30, '90d': 90 } as const;
  if (!filters.range) return {};
  if (filters.range !== 'custom') {
    return { from: addDays(tomorrow, -back[filters.range]).toISOString(), to: tomorrow.toISOString() };
  }
  const start = localDay(filters.start);
  const end = localDay(filters.end);
  return {
    ...(start ? { from: start.toISOString() } : {}),
    ...(end ? { to: addDays(end, 1).toISOString() } : {}),
  };
}

export function listQuery(filters: ListFilters, cursor: string | undefined, now?: Date): ListReferralsQuery {
  return {
    ...(filters.statuses.length ? { status: filters.statuses } : {}),
    ...(filters.sources.length ? { source: filters.sources } : {}),
    ...rangeInstants(filters, now),
    limit: 50,
    ...(cursor ? { cursor } : {}),
  };
}

export const presetLabels: Record<DatePreset, string> = {
  today: 'Today',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  '90d': 'Last 90 days',
  custom: 'Custom range',
};
