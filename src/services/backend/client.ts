import { createClient, type SupabaseClient } from '@supabase/supabase-js';
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
 * The one supabase-js client of the page, or null when this site runs without a backend
 * (self-study only), or when its address could not be fetched (offline: asked again next
 * time). Sessions persist in localStorage and refresh automatically.
 */
export function getSupabase(): Promise<Backend | null> {
  clientPromise ??= loadConfig().then((config) => {
    if (config === undefined) clientPromise = undefined;
    return config
      ? createClient<Database>(config.url, config.anonKey, {
          auth: { persistSession: true, autoRefreshToken: true, storageKey: AUTH_STORAGE_KEY },
        })
      : null;
  });
  return clientPromise;
}
