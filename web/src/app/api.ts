// The fetch wrapper every page uses: JSON in and out, the CSRF header, the chosen language,
// and one error type carrying the server's error body.

export interface FieldError {
  field: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldError[];
  readonly details: unknown;

  constructor(
    status: number,
    body: { code?: string; message?: string; fields?: FieldError[]; details?: unknown },
  ) {
    super(body.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = body.code ?? 'HTTP_ERROR';
    this.fields = body.fields ?? [];
    this.details = body.details;
  }
}

let csrfToken = '';
let language = 'zh-CN';
let onUnauthorized: () => void = () => {};

export function setCsrfToken(token: string) {
  csrfToken = token;
}
export function setApiLanguage(lang: string) {
  language = lang;
}
export function setUnauthorizedHandler(handler: () => void) {
  onUnauthorized = handler;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Calls the API; `body` may be a plain object (sent as JSON) or FormData (sent as multipart).
 * `extra` adds headers, e.g. the `Idempotency-Key` of a write the user may repeat.
 */
export async function api<T>(
  method: Method,
  url: string,
  body?: unknown,
  extra?: Record<string, string>,
): Promise<T> {
  const headers: Record<string, string> = {
    ...extra,
    accept: 'application/json',
    'accept-language': language === 'en' ? 'en' : 'zh-CN',
  };
  // Before sign-in the server only asks that the header is present, so any value will do.
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken || 'anonymous';
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const response = await fetch(url, { method, headers, body: payload, credentials: 'same-origin' });
  const text = await response.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = { message: text };
  }
  if (!response.ok) {
    const error = new ApiError(response.status, (data ?? {}) as ConstructorParameters<typeof ApiError>[1]);
    const isAuthCall = url.startsWith('/api/v1/auth/') || url === '/api/v1/me';
    if (response.status === 401 && !isAuthCall) onUnauthorized();
    throw error;
  }
  return data as T;
}

/** Builds a query string, leaving out empty values. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const get = <T>(url: string) => api<T>('GET', url);
export const post = <T>(url: string, body?: unknown) => api<T>('POST', url, body ?? {});
export const put = <T>(url: string, body?: unknown) => api<T>('PUT', url, body ?? {});
export const patch = <T>(url: string, body?: unknown) => api<T>('PATCH', url, body ?? {});
export const del = <T>(url: string) => api<T>('DELETE', url);
