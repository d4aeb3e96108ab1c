/** Which page of a feed is asked for: 1-based, with its size. */
export interface PageRequest {
  page: number;
  perPage: number;
}

/** What reading a feed page needs to know of the configuration (a subset of Config). */
export interface FeedSettings {
  /** The IANA zone feed dates are written in. */
  storeTimeZone: string;
  /** How long a deleted record keeps its slot in the numbering. */
  feedDeleteGraceSeconds: number;
}

export interface Envelope<T> {
  current_page: number;
  data: T[];
  from: number | null;
  to: number | null;
  last_page: number;
  per_page: number;
  total: number;
}

/** Laravel's paginator arithmetic, with the key order convertedin documents. */
export function envelope<T>(data: T[], request: PageRequest, total: number): Envelope<T> {
  const from = data.length === 0 ? null : (request.page - 1) * request.perPage + 1;
  return {
    current_page: request.page,
    data,
    from,
    to: from === null ? null : from + data.length - 1,
    last_page: Math.max(1, Math.ceil(total / request.perPage)),
    per_page: request.perPage,
    total,
  };
}

/** Records before the page, for feeds that page with OFFSET (filtered and tree pages). */
export function offsetOf(request: PageRequest): number {
  return (request.page - 1) * request.perPage;
}
