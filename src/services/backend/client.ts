import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from './database.types';
import { AUTH_STORAGE_KEY } from './stored-session';

/** supabase-js typed with the schema the migrations make (database.types.ts). */
export type Backend = SupabaseClient<Database>;

/** Where this site's backend is: written next to the built site (`/supabase-config.json`). */
export interface BackendConfig {
  url: string;
  anonKey: string;
}

let clientPromise: Promise<Backend | null> | undefined;
let configPromise: Promise<BackendConfig | null | undefined> | undefined;

/** The backend's address; null when the site has none, undefined when it cannot tell (offline). */
async function loadConfig(): Promise<BackendConfig | null | undefined> {
  let response: Response;
  try {
    response = await fetch('/supabase-config.json', { cache: 'no-store' });
  } catch {
    return undefined;
  }
  try {
    if (!response.ok) return null;
    const config = (await response.json()) as Partial<BackendConfig>;
    return config.url && config.anonKey ? { url: config.url, anonKey: config.anonKey } : null;
  } catch {
    return null;
  }
}

/**
 * The backend's address without loading supabase-js (a signed-out page needs only to know
 * whether there is a backend); asked again after a failure to fetch it.
 */
export function getBackendConfig(): Promise<BackendConfig | null | undefined> {
  configPromise ??= loadConfig().then((config) => {
    if (config === undefined) configPromise = undefined;
    return config;
  });
  return configPromise;
}

/**
 * The one supabase-js client of the page, or null when this site runs without a backend
 * (self-study only), or when its address could not be fetched (offline: asked again next
 * time). Sessions persist in localStorage and refresh automatically.
 */
export function getSupabase(): Promise<Backend | null> {
  // supabase-js (about 50 KB gzip) loads with the first client, not with the page.
  clientPromise ??= getBackendConfig().then(async (config) => {
    if (config === undefined) clientPromise = undefined;
    if (!config) return null;
    const { createClient } = await import('@supabase/supabase-js');
    return createClient<Database>(config.url, config.anonKey, {
      auth: { persistSession: true, autoRefreshToken: true, storageKey: AUTH_STORAGE_KEY },
    });
  });
  return clientPromise;
}
