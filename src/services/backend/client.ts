import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { AUTH_STORAGE_KEY } from './stored-session';

/** Where this site's backend is: written next to the built site (`/supabase-config.json`). */
export interface BackendConfig {
  url: string;
  anonKey: string;
}

let clientPromise: Promise<SupabaseClient | null> | undefined;

async function loadConfig(): Promise<BackendConfig | null> {
  try {
    const response = await fetch('/supabase-config.json', { cache: 'no-store' });
    if (!response.ok) return null;
    const config = (await response.json()) as Partial<BackendConfig>;
    return config.url && config.anonKey ? { url: config.url, anonKey: config.anonKey } : null;
  } catch {
    return null;
  }
}

/**
 * The one supabase-js client of the page, or null when this site runs without a backend
 * (self-study only). Sessions persist in localStorage and refresh automatically.
 */
export function getSupabase(): Promise<SupabaseClient | null> {
  clientPromise ??= loadConfig().then((config) =>
    config
      ? createClient(config.url, config.anonKey, {
          auth: { persistSession: true, autoRefreshToken: true, storageKey: AUTH_STORAGE_KEY },
        })
      : null,
  );
  return clientPromise;
}
